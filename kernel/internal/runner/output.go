package runner

import (
	"context"
	"io"
	"sync"

	"golessons/kernel/internal/cellio"
)

// outputSwitch is the Output that output goes to now; the pump reads it
// for every chunk, Execute swaps it. The dispatcher implements the Output;
// it stays usable after Execute returns, for output that goroutines of a
// cell write later.
type outputSwitch struct {
	mu    sync.Mutex
	cur   cellio.Output // nil: output is dropped
	comms CommSink      // nil: comm messages are dropped
	debug debugLane
}

func (s *outputSwitch) set(o cellio.Output) cellio.Output {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur
	s.cur = o
	return old
}

func (s *outputSwitch) get() cellio.Output {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

func (s *outputSwitch) stream(name, text string) {
	if o := s.get(); o != nil {
		o.Stream(name, text)
	}
}

func (s *outputSwitch) display(d cellio.Display) {
	if o := s.get(); o != nil {
		o.Display(d)
	}
}

// discard is the Output used while earlier cells are replayed.
type discard struct{}

func (discard) Stream(string, string)  {}
func (discard) Display(cellio.Display) {}
func (discard) Input(context.Context, string, bool) (string, error) {
	return "", io.EOF
}
