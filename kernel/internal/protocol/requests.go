package protocol

import "encoding/json"

// InspectRequestContent is the content of inspect_request.
type InspectRequestContent struct {
	Code        string `json:"code"`
	CursorPos   int    `json:"cursor_pos"` // in unicode code points
	DetailLevel int    `json:"detail_level"`
}

// InspectReplyContent is the content of inspect_reply; nil Data and Metadata
// marshal as {}.
type InspectReplyContent struct {
	Status   string     `json:"status"`
	Found    bool       `json:"found"`
	Data     MimeBundle `json:"data"`
	Metadata Map[any]   `json:"metadata"`
}

// CompleteRequestContent is the content of complete_request.
type CompleteRequestContent struct {
	Code      string `json:"code"`
	CursorPos int    `json:"cursor_pos"` // in unicode code points
}

// CompleteReplyContent is the content of complete_reply; nil Matches marshal
// as [] and nil Metadata as {}. Cursor positions are in unicode code points.
type CompleteReplyContent struct {
	Status      string       `json:"status"`
	Matches     List[string] `json:"matches"`
	CursorStart int          `json:"cursor_start"`
	CursorEnd   int          `json:"cursor_end"`
	Metadata    Map[any]     `json:"metadata"`
}

// IsCompleteRequestContent is the content of is_complete_request.
type IsCompleteRequestContent struct {
	Code string `json:"code"`
}

// IsCompleteReplyContent is the content of is_complete_reply. Indent is sent
// only when Status is CodeIncomplete.
type IsCompleteReplyContent struct {
	Status string `json:"status"` // CodeComplete, CodeIncomplete, CodeInvalid, CodeUnknown
	Indent string `json:"indent,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (c IsCompleteReplyContent) MarshalJSON() ([]byte, error) {
	if c.Status == CodeIncomplete {
		return marshalPlain(struct {
			Status string `json:"status"`
			Indent string `json:"indent"`
		}{c.Status, c.Indent})
	}
	return marshalPlain(struct {
		Status string `json:"status"`
	}{c.Status})
}

// history

// HistoryRequestContent is the content of history_request.
type HistoryRequestContent struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"` // "range", "tail", "search"
	Session        int    `json:"session,omitempty"`
	Start          int    `json:"start,omitempty"`
	Stop           int    `json:"stop,omitempty"`
	N              int    `json:"n,omitempty"`
	Pattern        string `json:"pattern,omitempty"`
	Unique         bool   `json:"unique,omitempty"`
}

// HistoryReplyContent is the content of history_reply; nil History marshals
// as [].
type HistoryReplyContent struct {
	Status  string             `json:"status"`
	History List[HistoryEntry] `json:"history"`
}

// HistoryEntry is one history_reply entry. It marshals as the spec's tuple
// [session, line, input], or [session, line, [input, output]] when Output is
// set (history_request.output = true).
type HistoryEntry struct {
	Session int
	Line    int
	Input   string
	Output  *string
}

// MarshalJSON implements json.Marshaler.
func (e HistoryEntry) MarshalJSON() ([]byte, error) {
	if e.Output != nil {
		return marshalPlain([]any{e.Session, e.Line, []string{e.Input, *e.Output}})
	}
	return marshalPlain([]any{e.Session, e.Line, e.Input})
}

// UnmarshalJSON implements json.Unmarshaler (both tuple forms).
func (e *HistoryEntry) UnmarshalJSON(b []byte) error {
	var tuple [3]json.RawMessage
	if err := json.Unmarshal(b, &tuple); err != nil {
		return err
	}
	*e = HistoryEntry{}
	if err := json.Unmarshal(tuple[0], &e.Session); err != nil {
		return err
	}
	if err := json.Unmarshal(tuple[1], &e.Line); err != nil {
		return err
	}
	if err := json.Unmarshal(tuple[2], &e.Input); err == nil {
		return nil
	}
	var pair [2]*string
	if err := json.Unmarshal(tuple[2], &pair); err != nil {
		return err
	}
	if pair[0] != nil {
		e.Input = *pair[0]
	}
	e.Output = pair[1]
	return nil
}

// shutdown / interrupt

// ShutdownRequestContent is the content of shutdown_request.
type ShutdownRequestContent struct {
	Restart bool `json:"restart"`
}

// ShutdownReplyContent is the content of shutdown_reply.
type ShutdownReplyContent struct {
	Status  string `json:"status"`
	Restart bool   `json:"restart"`
}

// InterruptReplyContent is the content of interrupt_reply.
type InterruptReplyContent struct {
	Status string `json:"status"`
}

// stdin

// InputRequestContent is the content of input_request (stdin, kernel → frontend).
type InputRequestContent struct {
	Prompt   string `json:"prompt"`
	Password bool   `json:"password"`
}

// InputReplyContent is the content of input_reply (stdin, frontend → kernel).
type InputReplyContent struct {
	Value string `json:"value"`
}

// comms

// CommInfoRequestContent is the content of comm_info_request.
type CommInfoRequestContent struct {
	TargetName string `json:"target_name,omitempty"`
}

// CommInfoReplyContent is the content of comm_info_reply; nil Comms marshals
// as {}.
type CommInfoReplyContent struct {
	Status string        `json:"status"`
	Comms  Map[CommInfo] `json:"comms"`
}

// CommInfo is one comm_info_reply.comms entry.
type CommInfo struct {
	TargetName string `json:"target_name"`
}

// CommOpenContent is the content of comm_open.
type CommOpenContent struct {
	CommID       string   `json:"comm_id"`
	TargetName   string   `json:"target_name"`
	Data         Map[any] `json:"data"`
	TargetModule string   `json:"target_module,omitempty"`
}

// CommMsgContent is the content of comm_msg.
type CommMsgContent struct {
	CommID string   `json:"comm_id"`
	Data   Map[any] `json:"data"`
}

// CommCloseContent is the content of comm_close.
type CommCloseContent struct {
	CommID string   `json:"comm_id"`
	Data   Map[any] `json:"data"`
}

// iopub welcome

// IOPubWelcomeContent is the content of iopub_welcome.
type IOPubWelcomeContent struct {
	Subscription string `json:"subscription"`
}
