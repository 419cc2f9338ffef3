package link

import "encoding/json"

// The debugger shares the comm lane: the runner reads debug requests at
// once, idle, while a cell runs or while it sits at a breakpoint, and
// answers each with a debug_reply carrying the request's ID. Requests and
// events carry Debug Adapter Protocol messages unchanged (the JSON objects
// JupyterLab puts in debug_request/debug_reply/debug_event content), so
// the kernel side never needs to know DAP's commands.

// Debug kinds.
const (
	KindDebug      Kind = "debug"       // request: DAP request in DAP; ID is the link request id
	KindDebugReply Kind = "debug_reply" // event: DAP response in DAP to request ID
	KindDebugEvent Kind = "debug_event" // event: DAP event in DAP (stopped, continued, thread, ...)
)

// IsDebug reports whether k is one of the debug kinds.
func (k Kind) IsDebug() bool {
	return k == KindDebug || k == KindDebugReply || k == KindDebugEvent
}

// DebugMessage is a DAP message as raw JSON.
type DebugMessage = json.RawMessage
