package dispatch

import (
	"context"
	"runtime"

	"golessons/kernel/internal/protocol"
)

// kernelInfo answers kernel_info_request (Messaging, "Kernel info").
// language_info is what gives Go highlighting in JupyterLab: codemirror_mode
// and the mimetype select CodeMirror's Go mode.
func (d *Dispatcher) kernelInfo(context.Context, *protocol.Message) (any, error) {
	info := protocol.GoKernelInfo(d.cfg.Version,
		"golessons "+d.cfg.Version+": Go (yaegi interpreter) on "+runtime.Version()+
			"\nCells mix imports, declarations and statements; the last expression is shown.")
	_, info.Debugger = d.debugger()
	info.HelpLinks = []protocol.HelpLink{
		{Text: "Go documentation", URL: "https://go.dev/doc/"},
		{Text: "A Tour of Go", URL: "https://go.dev/tour/"},
		{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
		{Text: "Effective Go", URL: "https://go.dev/doc/effective_go"},
	}
	return info, nil
}
