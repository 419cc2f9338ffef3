package runner

import (
	"context"
	"io"
	"sync"

	"golessons/kernel/internal/link"
)

// Output receives what a cell produces. dispatch implements it. It must
// stay usable after Execute returns: output that goroutines of a cell
// write later goes to the last Output given to Execute.
type Output interface {
	// Stream publishes text written to "stdout" or "stderr".
	Stream(name, text string)
	// Display publishes display_data, update_display_data or clear_output.
	Display(d link.Display)
	// Input asks the user for a line; an error gives the cell EOF.
	Input(ctx context.Context, prompt string, password bool) (string, error)
}

// outputSwitch is the Output that output goes to now; the pump reads it
// for every chunk, Execute swaps it.
type outputSwitch struct {
	mu    sync.Mutex
	cur   Output   // nil: output is dropped
	comms CommSink // nil: comm messages are dropped
	debug debugLane
}

func (s *outputSwitch) set(o Output) Output {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur
	s.cur = o
	return old
}

func (s *outputSwitch) get() Output {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

func (s *outputSwitch) stream(name, text string) {
	if o := s.get(); o != nil {
		o.Stream(name, text)
	}
}

func (s *outputSwitch) display(d link.Display) {
	if o := s.get(); o != nil {
		o.Display(d)
	}
}

// discard is the Output used while earlier cells are replayed.
type discard struct{}

func (discard) Stream(string, string) {}
func (discard) Display(link.Display)  {}
func (discard) Input(context.Context, string, bool) (string, error) {
	return "", io.EOF
}
