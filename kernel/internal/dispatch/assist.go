package dispatch

import (
	"context"

	"golessons/kernel/internal/complete"
	"golessons/kernel/internal/docindex/srcdoc"
	"golessons/kernel/internal/inspect"
	"golessons/kernel/internal/protocol"
	"golessons/kernel/internal/syntax"
)

// The requests in this file are answered in the kernel process from the
// build-time doc index and the user's symbols after the last cell, so they
// are instant and work while a cell runs.

// complete answers complete_request (Messaging, "Completion").
func (d *Dispatcher) complete(_ context.Context, req *protocol.Message) (any, error) {
	var c protocol.CompleteRequestContent
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	res := complete.Complete(c.Code, c.CursorPos, srcdoc.Env{Symbols: d.cfg.Engine.Symbols()})
	// JupyterLab reads start/end per item of the experimental types list.
	types := make([]map[string]any, 0, len(res.Types))
	for _, m := range res.Types {
		types = append(types, map[string]any{"start": res.CursorStart, "end": res.CursorEnd,
			"text": m.Text, "type": m.Type, "signature": m.Signature})
	}
	return protocol.CompleteReplyContent{
		Status:      protocol.StatusOK,
		Matches:     res.Matches,
		CursorStart: res.CursorStart,
		CursorEnd:   res.CursorEnd,
		Metadata:    map[string]any{"_jupyter_types_experimental": types},
	}, nil
}

// inspect answers inspect_request (Shift+Tab in JupyterLab).
func (d *Dispatcher) inspect(_ context.Context, req *protocol.Message) (any, error) {
	var c protocol.InspectRequestContent
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	res := inspect.Inspect(c.Code, c.CursorPos, c.DetailLevel, srcdoc.Env{Symbols: d.cfg.Engine.Symbols()})
	reply := protocol.InspectReplyContent{Status: protocol.StatusOK, Found: res.Found}
	if res.Found {
		reply.Data = protocol.MimeBundle{"text/plain": res.Text}
		if res.Markdown != "" {
			reply.Data["text/markdown"] = res.Markdown
		}
	}
	return reply, nil
}

// isComplete answers is_complete_request, which jupyter console uses to
// decide whether Enter runs the cell or starts a new line.
func (d *Dispatcher) isComplete(_ context.Context, req *protocol.Message) (any, error) {
	var c protocol.IsCompleteRequestContent
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	status, indent := syntax.IsComplete(c.Code)
	return protocol.IsCompleteReplyContent{Status: status, Indent: indent}, nil
}
