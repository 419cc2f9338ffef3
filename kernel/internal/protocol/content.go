package protocol

import (
	"encoding/json"
	"runtime"
	"strings"
)

// Reply statuses.
const (
	StatusOK    = "ok"
	StatusError = "error"
	// StatusAborted is what kernels send for a request that was not run (the
	// spec text's "abort" is a typo, see jupyter_client#1063).
	StatusAborted = "aborted"
)

// Kernel execution states (StatusContent.ExecutionState).
const (
	StateBusy     = "busy"
	StateIdle     = "idle"
	StateStarting = "starting"
)

// Stream names.
const (
	StreamStdout = "stdout"
	StreamStderr = "stderr"
)

// is_complete_reply statuses.
const (
	CodeComplete   = "complete"
	CodeIncomplete = "incomplete"
	CodeInvalid    = "invalid"
	CodeUnknown    = "unknown"
)

// MimeBundle maps MIME types to data (display_data, execute_result, inspect).
type MimeBundle = map[string]any

// marshalPlain encodes v (a type without a MarshalJSON method) without HTML
// escaping.
func marshalPlain(v any) ([]byte, error) { return MarshalContent(v) }

func orEmptyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func orEmptyStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ---- kernel_info ----

// KernelInfoReplyContent is the content of kernel_info_reply.
type KernelInfoReplyContent struct {
	Status                string       `json:"status"`
	ProtocolVersion       string       `json:"protocol_version"`
	Implementation        string       `json:"implementation"`
	ImplementationVersion string       `json:"implementation_version"`
	LanguageInfo          LanguageInfo `json:"language_info"`
	Banner                string       `json:"banner"`
	Debugger              bool         `json:"debugger"`
	HelpLinks             []HelpLink   `json:"help_links,omitempty"`
	SupportedFeatures     []string     `json:"supported_features,omitempty"`
}

// LanguageInfo is kernel_info_reply.language_info.
type LanguageInfo struct {
	Name              string `json:"name"`
	Version           string `json:"version"`
	Mimetype          string `json:"mimetype"`
	FileExtension     string `json:"file_extension"`
	PygmentsLexer     string `json:"pygments_lexer,omitempty"`
	CodemirrorMode    any    `json:"codemirror_mode,omitempty"` // string or object
	NbconvertExporter string `json:"nbconvert_exporter,omitempty"`
}

// HelpLink is one entry of kernel_info_reply.help_links.
type HelpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// GoLanguageInfo describes Go for kernel_info_reply; the version is the Go
// runtime the kernel was built with (without the "go" prefix).
func GoLanguageInfo() LanguageInfo {
	return LanguageInfo{
		Name:           "go",
		Version:        strings.TrimPrefix(runtime.Version(), "go"),
		Mimetype:       "text/x-go",
		FileExtension:  ".go",
		PygmentsLexer:  "go",
		CodemirrorMode: "go",
	}
}

// GoKernelInfo returns an "ok" kernel_info_reply content for the golessons
// kernel with GoLanguageInfo and protocol Version.
func GoKernelInfo(implementationVersion, banner string) KernelInfoReplyContent {
	return KernelInfoReplyContent{
		Status:                StatusOK,
		ProtocolVersion:       Version,
		Implementation:        "golessons",
		ImplementationVersion: implementationVersion,
		LanguageInfo:          GoLanguageInfo(),
		Banner:                banner,
	}
}

// ---- execute ----

// ExecuteRequestContent is the content of execute_request. Unmarshalling
// applies ipykernel's defaults for absent fields: store_history = !silent,
// stop_on_error = true, allow_stdin = false.
type ExecuteRequestContent struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    bool              `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions,omitempty"`
	AllowStdin      bool              `json:"allow_stdin"`
	StopOnError     bool              `json:"stop_on_error"`
}

// UnmarshalJSON implements json.Unmarshaler with the defaults above.
func (c *ExecuteRequestContent) UnmarshalJSON(b []byte) error {
	var raw struct {
		Code            string            `json:"code"`
		Silent          bool              `json:"silent"`
		StoreHistory    *bool             `json:"store_history"`
		UserExpressions map[string]string `json:"user_expressions"`
		AllowStdin      *bool             `json:"allow_stdin"`
		StopOnError     *bool             `json:"stop_on_error"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*c = ExecuteRequestContent{
		Code:            raw.Code,
		Silent:          raw.Silent,
		StoreHistory:    !raw.Silent,
		UserExpressions: raw.UserExpressions,
		StopOnError:     true,
	}
	if raw.StoreHistory != nil {
		c.StoreHistory = *raw.StoreHistory
	}
	if raw.AllowStdin != nil {
		c.AllowStdin = *raw.AllowStdin
	}
	if raw.StopOnError != nil {
		c.StopOnError = *raw.StopOnError
	}
	return nil
}

// ExecuteReplyContent is the content of execute_reply. It marshals the
// fields its Status requires: ok → payload and user_expressions (as [] and
// {} when nil); error → ename, evalue, traceback; aborted → status and
// execution_count only.
type ExecuteReplyContent struct {
	Status          string         `json:"status"`
	ExecutionCount  int            `json:"execution_count"`
	Payload         []any          `json:"payload,omitempty"`
	UserExpressions map[string]any `json:"user_expressions,omitempty"`
	EName           string         `json:"ename,omitempty"`
	EValue          string         `json:"evalue,omitempty"`
	Traceback       []string       `json:"traceback,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (c ExecuteReplyContent) MarshalJSON() ([]byte, error) {
	switch c.Status {
	case StatusError:
		return marshalPlain(struct {
			Status         string   `json:"status"`
			ExecutionCount int      `json:"execution_count"`
			EName          string   `json:"ename"`
			EValue         string   `json:"evalue"`
			Traceback      []string `json:"traceback"`
		}{c.Status, c.ExecutionCount, c.EName, c.EValue, orEmptyStrings(c.Traceback)})
	case StatusAborted:
		return marshalPlain(struct {
			Status         string `json:"status"`
			ExecutionCount int    `json:"execution_count"`
		}{c.Status, c.ExecutionCount})
	default:
		payload := c.Payload
		if payload == nil {
			payload = []any{}
		}
		return marshalPlain(struct {
			Status          string         `json:"status"`
			ExecutionCount  int            `json:"execution_count"`
			Payload         []any          `json:"payload"`
			UserExpressions map[string]any `json:"user_expressions"`
		}{c.Status, c.ExecutionCount, payload, orEmptyMap(c.UserExpressions)})
	}
}

// ExecuteInputContent is the content of execute_input (iopub).
type ExecuteInputContent struct {
	Code           string `json:"code"`
	ExecutionCount int    `json:"execution_count"`
}

// ExecuteResultContent is the content of execute_result (iopub); nil Data
// and Metadata marshal as {}.
type ExecuteResultContent struct {
	ExecutionCount int            `json:"execution_count"`
	Data           MimeBundle     `json:"data"`
	Metadata       map[string]any `json:"metadata"`
	Transient      map[string]any `json:"transient,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (c ExecuteResultContent) MarshalJSON() ([]byte, error) {
	type plain ExecuteResultContent
	p := plain(c)
	p.Data, p.Metadata = orEmptyMap(p.Data), orEmptyMap(p.Metadata)
	return marshalPlain(p)
}

// DisplayDataContent is the content of display_data and update_display_data
// (iopub). For update_display_data, Transient must hold "display_id". nil
// Data and Metadata marshal as {}.
type DisplayDataContent struct {
	Data      MimeBundle     `json:"data"`
	Metadata  map[string]any `json:"metadata"`
	Transient map[string]any `json:"transient,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (c DisplayDataContent) MarshalJSON() ([]byte, error) {
	type plain DisplayDataContent
	p := plain(c)
	p.Data, p.Metadata = orEmptyMap(p.Data), orEmptyMap(p.Metadata)
	return marshalPlain(p)
}

// ClearOutputContent is the content of clear_output (iopub).
type ClearOutputContent struct {
	Wait bool `json:"wait"`
}

// StreamContent is the content of stream (iopub).
type StreamContent struct {
	Name string `json:"name"` // StreamStdout or StreamStderr
	Text string `json:"text"`
}

// ErrorContent is the content of error (iopub); nil Traceback marshals as [].
type ErrorContent struct {
	EName     string   `json:"ename"`
	EValue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// MarshalJSON implements json.Marshaler.
func (c ErrorContent) MarshalJSON() ([]byte, error) {
	type plain ErrorContent
	p := plain(c)
	p.Traceback = orEmptyStrings(p.Traceback)
	return marshalPlain(p)
}

// ErrorReplyContent is the content of any *_reply with status "error".
type ErrorReplyContent struct {
	Status    string   `json:"status"` // StatusError
	EName     string   `json:"ename"`
	EValue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// ErrorReply returns an error reply content (status "error").
func ErrorReply(ename, evalue string, traceback []string) ErrorReplyContent {
	return ErrorReplyContent{Status: StatusError, EName: ename, EValue: evalue, Traceback: orEmptyStrings(traceback)}
}

// MarshalJSON implements json.Marshaler.
func (c ErrorReplyContent) MarshalJSON() ([]byte, error) {
	type plain ErrorReplyContent
	p := plain(c)
	if p.Status == "" {
		p.Status = StatusError
	}
	p.Traceback = orEmptyStrings(p.Traceback)
	return marshalPlain(p)
}

// StatusContent is the content of status (iopub).
type StatusContent struct {
	ExecutionState string `json:"execution_state"` // StateBusy, StateIdle, StateStarting
}

// ---- inspect / complete / is_complete ----

// InspectRequestContent is the content of inspect_request.
type InspectRequestContent struct {
	Code        string `json:"code"`
	CursorPos   int    `json:"cursor_pos"` // in unicode code points
	DetailLevel int    `json:"detail_level"`
}

// InspectReplyContent is the content of inspect_reply; nil Data and Metadata
// marshal as {}.
type InspectReplyContent struct {
	Status   string         `json:"status"`
	Found    bool           `json:"found"`
	Data     MimeBundle     `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

// MarshalJSON implements json.Marshaler.
func (c InspectReplyContent) MarshalJSON() ([]byte, error) {
	type plain InspectReplyContent
	p := plain(c)
	p.Data, p.Metadata = orEmptyMap(p.Data), orEmptyMap(p.Metadata)
	return marshalPlain(p)
}

// CompleteRequestContent is the content of complete_request.
type CompleteRequestContent struct {
	Code      string `json:"code"`
	CursorPos int    `json:"cursor_pos"` // in unicode code points
}

// CompleteReplyContent is the content of complete_reply; nil Matches marshal
// as [] and nil Metadata as {}. Cursor positions are in unicode code points.
type CompleteReplyContent struct {
	Status      string         `json:"status"`
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

// MarshalJSON implements json.Marshaler.
func (c CompleteReplyContent) MarshalJSON() ([]byte, error) {
	type plain CompleteReplyContent
	p := plain(c)
	p.Matches, p.Metadata = orEmptyStrings(p.Matches), orEmptyMap(p.Metadata)
	return marshalPlain(p)
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

// ---- history ----

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
	Status  string         `json:"status"`
	History []HistoryEntry `json:"history"`
}

// MarshalJSON implements json.Marshaler.
func (c HistoryReplyContent) MarshalJSON() ([]byte, error) {
	type plain HistoryReplyContent
	p := plain(c)
	if p.History == nil {
		p.History = []HistoryEntry{}
	}
	return marshalPlain(p)
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

// ---- shutdown / interrupt ----

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

// ---- stdin ----

// InputRequestContent is the content of input_request (stdin, kernel → frontend).
type InputRequestContent struct {
	Prompt   string `json:"prompt"`
	Password bool   `json:"password"`
}

// InputReplyContent is the content of input_reply (stdin, frontend → kernel).
type InputReplyContent struct {
	Value string `json:"value"`
}

// ---- comms ----

// CommInfoRequestContent is the content of comm_info_request.
type CommInfoRequestContent struct {
	TargetName string `json:"target_name,omitempty"`
}

// CommInfoReplyContent is the content of comm_info_reply; nil Comms marshals
// as {}.
type CommInfoReplyContent struct {
	Status string              `json:"status"`
	Comms  map[string]CommInfo `json:"comms"`
}

// CommInfo is one comm_info_reply.comms entry.
type CommInfo struct {
	TargetName string `json:"target_name"`
}

// MarshalJSON implements json.Marshaler.
func (c CommInfoReplyContent) MarshalJSON() ([]byte, error) {
	type plain CommInfoReplyContent
	p := plain(c)
	if p.Comms == nil {
		p.Comms = map[string]CommInfo{}
	}
	return marshalPlain(p)
}

// CommOpenContent is the content of comm_open.
type CommOpenContent struct {
	CommID       string         `json:"comm_id"`
	TargetName   string         `json:"target_name"`
	Data         map[string]any `json:"data"`
	TargetModule string         `json:"target_module,omitempty"`
}

// CommMsgContent is the content of comm_msg.
type CommMsgContent struct {
	CommID string         `json:"comm_id"`
	Data   map[string]any `json:"data"`
}

// CommCloseContent is the content of comm_close.
type CommCloseContent struct {
	CommID string         `json:"comm_id"`
	Data   map[string]any `json:"data"`
}

// ---- iopub welcome ----

// IOPubWelcomeContent is the content of iopub_welcome.
type IOPubWelcomeContent struct {
	Subscription string `json:"subscription"`
}

// MarshalJSON implements json.Marshaler (nil Data → {}).
func (c CommOpenContent) MarshalJSON() ([]byte, error) {
	type plain CommOpenContent
	p := plain(c)
	p.Data = orEmptyMap(p.Data)
	return marshalPlain(p)
}

// MarshalJSON implements json.Marshaler (nil Data → {}).
func (c CommMsgContent) MarshalJSON() ([]byte, error) {
	type plain CommMsgContent
	p := plain(c)
	p.Data = orEmptyMap(p.Data)
	return marshalPlain(p)
}

// MarshalJSON implements json.Marshaler (nil Data → {}).
func (c CommCloseContent) MarshalJSON() ([]byte, error) {
	type plain CommCloseContent
	p := plain(c)
	p.Data = orEmptyMap(p.Data)
	return marshalPlain(p)
}
