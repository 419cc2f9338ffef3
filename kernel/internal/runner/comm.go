package runner

import (
	"fmt"

	"golessons/kernel/internal/link"
)

// CommSink receives the runner's comm messages (comm_open, comm_msg,
// comm_close of widgets its cells made), in order with the output around
// them, whether a cell runs or not. A comm_close with an empty ID means
// every comm is gone: the runner holding them was replaced (a crash, an
// interrupt that killed it, the memory limit, a restart).
type CommSink func(kind link.Kind, c link.Comm)

// SetCommSink installs the receiver of the runner's comm messages; nil
// drops them.
func (r *Runner) SetCommSink(fn CommSink) { r.output.setComms(fn) }

// SendComm passes one of the frontend's comm messages to the runner at
// once, while a cell runs or between cells. Comms live in the runner's
// memory: after a restart the new runner knows none of them.
func (r *Runner) SendComm(kind link.Kind, c link.Comm) error {
	if !kind.IsComm() {
		return fmt.Errorf("runner: %q is not a comm kind", kind)
	}
	p := r.current()
	if p == nil || p.exited() {
		return errClosed
	}
	return p.req.Send(link.Request{Kind: kind, Comm: &c})
}

func (s *outputSwitch) setComms(fn CommSink) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.comms = fn
}

func (s *outputSwitch) comm(kind link.Kind, c link.Comm) {
	s.mu.Lock()
	fn := s.comms
	s.mu.Unlock()
	if fn != nil {
		fn(kind, c)
	}
}
