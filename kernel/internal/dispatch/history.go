package dispatch

import (
	"context"

	"golessons/kernel/internal/history"
	"golessons/kernel/internal/protocol"
)

// history answers history_request from the persistent store, so a
// jupyter console's up-arrow still finds cells from before a restart.
func (d *Dispatcher) history(_ context.Context, req *protocol.Message) (any, error) {
	var c protocol.HistoryRequestContent
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	var entries []history.Entry
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
	reply := protocol.HistoryReplyContent{Status: protocol.StatusOK}
	for _, e := range entries {
		item := protocol.HistoryEntry{Session: e.Session, Line: e.Line, Input: e.Input}
		if c.Output {
			// The cell's text/plain result; "" when it showed none.
			out := e.Output
			item.Output = &out
		}
		reply.History = append(reply.History, item)
	}
	return reply, nil
}
