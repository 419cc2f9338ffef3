package debugger

import (
	"encoding/json"

	"golessons/kernel/internal/eval"
)

func (a *Adapter) threads(json.RawMessage) (any, error) {
	out := []any{}
	for _, t := range a.eng.DebugThreads() {
		out = append(out, map[string]any{"id": t.ID, "name": t.Name})
	}
	return map[string]any{"threads": out}, nil
}

// note receives the evaluator's notes and turns them into DAP events.
func (a *Adapter) note(n eval.DebugNote) {
	switch n.Kind {
	case "stopped":
		a.mu.Lock()
		a.stopped[n.Thread] = true
		a.mu.Unlock()
		a.event("stopped", map[string]any{"reason": n.Reason, "threadId": n.Thread, "allThreadsStopped": false})
	case "continued":
		a.mu.Lock()
		delete(a.stopped, n.Thread)
		a.resetHandlesLocked()
		a.mu.Unlock()
		a.event("continued", map[string]any{"threadId": n.Thread, "allThreadsContinued": false})
	case "started", "exited":
		a.event("thread", map[string]any{"reason": n.Kind, "threadId": n.Thread})
	}
}

func resumeWith(how string) handler {
	return func(a *Adapter, args json.RawMessage) (any, error) {
		var in struct {
			ThreadID int `json:"threadId"`
		}
		if err := decode(args, &in); err != nil {
			return nil, err
		}
		a.mu.Lock()
		a.resetHandlesLocked()
		delete(a.stopped, in.ThreadID)
		a.mu.Unlock()
		a.event("continued", map[string]any{"threadId": in.ThreadID, "allThreadsContinued": false})
		if err := a.eng.DebugResume(in.ThreadID, how); err != nil {
			return nil, err
		}
		if how == eval.StepContinue {
			return map[string]any{"allThreadsContinued": false}, nil
		}
		return struct{}{}, nil
	}
}

func (a *Adapter) pause(args json.RawMessage) (any, error) {
	var in struct {
		ThreadID int `json:"threadId"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	return struct{}{}, a.eng.DebugPause(in.ThreadID)
}

// resetHandlesLocked forgets frame and variable handles: they describe a
// stop that is over.
func (a *Adapter) resetHandlesLocked() {
	a.frames, a.handles = map[int]frameRef{}, map[int]varRef{}
}
