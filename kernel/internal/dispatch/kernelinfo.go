package dispatch

import (
	"context"
	"runtime"
	"strings"

	"golessons/kernel/internal/protocol"
)

// kernelInfo answers kernel_info_request (Messaging, "Kernel info").
// language_info is what gives Go highlighting in JupyterLab: codemirror_mode
// and the mimetype select CodeMirror's Go mode.
func (d *Dispatcher) kernelInfo(context.Context, *protocol.Message) (any, error) {
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       protocol.Version,
		"implementation":         "golessons",
		"implementation_version": d.cfg.Version,
		"language_info": map[string]any{
			"name":               "go",
			"version":            goVersion,
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "",
		},
		"banner": "golessons " + d.cfg.Version + ": Go (yaegi interpreter) on " + runtime.Version() +
			"\nCells mix imports, declarations and statements; the last expression is shown.",
		"help_links": []map[string]string{
			{"text": "Go documentation", "url": "https://go.dev/doc/"},
			{"text": "A Tour of Go", "url": "https://go.dev/tour/"},
			{"text": "Go standard library", "url": "https://pkg.go.dev/std"},
			{"text": "Effective Go", "url": "https://go.dev/doc/effective_go"},
		},
		"debugger": false,
	}, nil
}
