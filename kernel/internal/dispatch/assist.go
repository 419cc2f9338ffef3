package dispatch

import (
	"context"

	"golessons/kernel/internal/complete"
	"golessons/kernel/internal/inspect"
	"golessons/kernel/internal/protocol"
	"golessons/kernel/internal/syntax"
)

// The requests in this file are answered in the kernel process from the
// build-time doc index and the user's symbols after the last cell, so they
// are instant and work while a cell runs.

type codeRequest struct {
	Code        string `json:"code"`
	CursorPos   int    `json:"cursor_pos"`
	DetailLevel int    `json:"detail_level"`
}

// complete answers complete_request (Messaging, "Completion").
func (d *Dispatcher) complete(_ context.Context, req *protocol.Message) (any, error) {
	var c codeRequest
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	res := complete.Complete(c.Code, c.CursorPos, complete.Env{Symbols: d.cfg.Engine.Symbols()})
	// JupyterLab reads start/end per item of the experimental types list.
	types := make([]map[string]any, 0, len(res.Types))
	for _, m := range res.Types {
		types = append(types, map[string]any{"start": res.CursorStart, "end": res.CursorEnd,
			"text": m.Text, "type": m.Type, "signature": m.Signature})
	}
	return map[string]any{
		"status":       "ok",
		"matches":      res.Matches,
		"cursor_start": res.CursorStart,
		"cursor_end":   res.CursorEnd,
		"metadata":     map[string]any{"_jupyter_types_experimental": types},
	}, nil
}

// inspect answers inspect_request (Shift+Tab in JupyterLab).
func (d *Dispatcher) inspect(_ context.Context, req *protocol.Message) (any, error) {
	var c codeRequest
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	res := inspect.Inspect(c.Code, c.CursorPos, c.DetailLevel, inspect.Env{Symbols: d.cfg.Engine.Symbols()})
	data := map[string]any{}
	if res.Found {
		data["text/plain"] = res.Text
		if res.Markdown != "" {
			data["text/markdown"] = res.Markdown
		}
	}
	return map[string]any{"status": "ok", "found": res.Found, "data": data, "metadata": map[string]any{}}, nil
}

// isComplete answers is_complete_request, which jupyter console uses to
// decide whether Enter runs the cell or starts a new line.
func (d *Dispatcher) isComplete(_ context.Context, req *protocol.Message) (any, error) {
	var c codeRequest
	if err := decode(req, &c); err != nil {
		return nil, err
	}
	status, indent := syntax.IsComplete(c.Code)
	reply := map[string]any{"status": status}
	if status == "incomplete" {
		reply["indent"] = indent
	}
	return reply, nil
}
