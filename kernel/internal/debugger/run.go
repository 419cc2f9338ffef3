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
			ThreadID     int  `json:"threadId"`
			SingleThread bool `json:"singleThread"`
		}
		if err := decode(args, &in); err != nil {
			return nil, err
		}
		// DAP: continue resumes every stopped thread unless singleThread
		// is set. JupyterLab shows only the thread that stopped last, so
		// goroutines left stopped behind it would hang the cell unseen.
		threads := []int{in.ThreadID}
		all := how == eval.StepContinue && !in.SingleThread
		a.mu.Lock()
		a.resetHandlesLocked()
		if all {
			for id := range a.stopped {
				if id != in.ThreadID {
					threads = append(threads, id)
				}
			}
		}
		for _, id := range threads {
			delete(a.stopped, id)
		}
		a.mu.Unlock()
		a.event("continued", map[string]any{"threadId": in.ThreadID, "allThreadsContinued": all})
		if err := a.eng.DebugResume(in.ThreadID, how); err != nil {
			return nil, err
		}
		for _, id := range threads[1:] {
			// Another stopped goroutine may have been resumed by other
			// means since (an interrupt): nothing is left to do for it.
			_ = a.eng.DebugResume(id, how)
		}
		if how == eval.StepContinue {
			return map[string]any{"allThreadsContinued": all}, nil
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
