package protocol

import "strings"

// MsgType is the header.msg_type of a Jupyter message.
type MsgType string

// Every message type of the Jupyter messaging protocol 5.4.
const (
	// Shell channel requests and replies.
	ExecuteRequest    MsgType = "execute_request"
	ExecuteReply      MsgType = "execute_reply"
	InspectRequest    MsgType = "inspect_request"
	InspectReply      MsgType = "inspect_reply"
	CompleteRequest   MsgType = "complete_request"
	CompleteReply     MsgType = "complete_reply"
	HistoryRequest    MsgType = "history_request"
	HistoryReply      MsgType = "history_reply"
	IsCompleteRequest MsgType = "is_complete_request"
	IsCompleteReply   MsgType = "is_complete_reply"
	CommInfoRequest   MsgType = "comm_info_request"
	CommInfoReply     MsgType = "comm_info_reply"
	KernelInfoRequest MsgType = "kernel_info_request" // shell and control
	KernelInfoReply   MsgType = "kernel_info_reply"
	// ConnectRequest and ConnectReply are deprecated since 5.1 but still in the spec.
	ConnectRequest MsgType = "connect_request"
	ConnectReply   MsgType = "connect_reply"

	// Control channel requests and replies.
	ShutdownRequest  MsgType = "shutdown_request" // control (shell accepted by old clients)
	ShutdownReply    MsgType = "shutdown_reply"   // also broadcast on iopub
	InterruptRequest MsgType = "interrupt_request"
	InterruptReply   MsgType = "interrupt_reply"
	DebugRequest     MsgType = "debug_request"
	DebugReply       MsgType = "debug_reply"

	// Stdin channel: the kernel asks, the frontend answers.
	InputRequest MsgType = "input_request"
	InputReply   MsgType = "input_reply"

	// IOPub channel.
	Stream            MsgType = "stream"
	DisplayData       MsgType = "display_data"
	UpdateDisplayData MsgType = "update_display_data"
	ExecuteInput      MsgType = "execute_input"
	ExecuteResult     MsgType = "execute_result"
	Error             MsgType = "error"
	Status            MsgType = "status"
	ClearOutput       MsgType = "clear_output"
	DebugEvent        MsgType = "debug_event"
	// IOPubWelcome is sent to each new iopub subscriber (JEP 65, XPUB pattern).
	// The wire package sends it by itself.
	IOPubWelcome MsgType = "iopub_welcome"

	// Comms: shell (frontend → kernel) and iopub (kernel → frontend).
	CommOpen  MsgType = "comm_open"
	CommMsg   MsgType = "comm_msg"
	CommClose MsgType = "comm_close"
)

// AllMsgTypes lists every constant above (useful for tests and tables).
var AllMsgTypes = []MsgType{
	ExecuteRequest, ExecuteReply, InspectRequest, InspectReply,
	CompleteRequest, CompleteReply, HistoryRequest, HistoryReply,
	IsCompleteRequest, IsCompleteReply, CommInfoRequest, CommInfoReply,
	KernelInfoRequest, KernelInfoReply, ConnectRequest, ConnectReply,
	ShutdownRequest, ShutdownReply, InterruptRequest, InterruptReply,
	DebugRequest, DebugReply, InputRequest, InputReply,
	Stream, DisplayData, UpdateDisplayData, ExecuteInput, ExecuteResult,
	Error, Status, ClearOutput, DebugEvent, IOPubWelcome,
	CommOpen, CommMsg, CommClose,
}

// IsRequest reports whether t ends in "_request".
func (t MsgType) IsRequest() bool { return strings.HasSuffix(string(t), "_request") }

// ReplyType maps "x_request" to "x_reply"; other types map to "".
func (t MsgType) ReplyType() MsgType {
	if s, ok := strings.CutSuffix(string(t), "_request"); ok {
		return MsgType(s + "_reply")
	}
	return ""
}
