package dispatch

import (
	"context"

	"golessons/kernel/internal/history"
	"golessons/kernel/internal/protocol"
)

// historyRequest is the content of history_request (Messaging, "History").
type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// history answers history_request from the persistent store, so a
// jupyter console's up-arrow still finds cells from before a restart.
func (d *Dispatcher) history(_ context.Context, req *protocol.Message) (any, error) {
	var c historyRequest
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	entries := []history.Entry{}
	if h := d.cfg.History; h != nil {
		switch c.HistAccessType {
		case "tail":
			entries = h.Tail(c.N)
		case "range":
			entries = h.Range(c.Session, c.Start, c.Stop)
		case "search":
			entries = h.Search(c.Pattern, c.N, c.Unique)
		}
	}
	// Each item is [session, line, input], or [session, line, [input, output]]
	// with output=true; output is the cell's text/plain result or null.
	list := make([]any, 0, len(entries))
	for _, e := range entries {
		if c.Output {
			var out any
			if e.Output != "" {
				out = e.Output
			}
			list = append(list, []any{e.Session, e.Line, []any{e.Input, out}})
		} else {
			list = append(list, []any{e.Session, e.Line, e.Input})
		}
	}
	return map[string]any{"status": "ok", "history": list}, nil
}
