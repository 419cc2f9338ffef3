package protocol

import "encoding/json"

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
			Status         string       `json:"status"`
			ExecutionCount int          `json:"execution_count"`
			EName          string       `json:"ename"`
			EValue         string       `json:"evalue"`
			Traceback      List[string] `json:"traceback"`
		}{c.Status, c.ExecutionCount, c.EName, c.EValue, c.Traceback})
	case StatusAborted:
		return marshalPlain(struct {
			Status         string `json:"status"`
			ExecutionCount int    `json:"execution_count"`
		}{c.Status, c.ExecutionCount})
	default:
		return marshalPlain(struct {
			Status          string    `json:"status"`
			ExecutionCount  int       `json:"execution_count"`
			Payload         List[any] `json:"payload"`
			UserExpressions Map[any]  `json:"user_expressions"`
		}{c.Status, c.ExecutionCount, c.Payload, c.UserExpressions})
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
	Metadata       Map[any]       `json:"metadata"`
	Transient      map[string]any `json:"transient,omitempty"`
}

// DisplayDataContent is the content of display_data and update_display_data
// (iopub). For update_display_data, Transient must hold "display_id". nil
// Data and Metadata marshal as {}.
type DisplayDataContent struct {
	Data      MimeBundle     `json:"data"`
	Metadata  Map[any]       `json:"metadata"`
	Transient map[string]any `json:"transient,omitempty"`
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
	EName     string       `json:"ename"`
	EValue    string       `json:"evalue"`
	Traceback List[string] `json:"traceback"`
}

// ErrorReplyContent is the content of any *_reply with status "error"; nil
// Traceback marshals as [].
type ErrorReplyContent struct {
	Status    string       `json:"status"` // StatusError
	EName     string       `json:"ename"`
	EValue    string       `json:"evalue"`
	Traceback List[string] `json:"traceback"`
}

// ErrorReply returns an error reply content (status "error").
func ErrorReply(ename, evalue string, traceback []string) ErrorReplyContent {
	return ErrorReplyContent{Status: StatusError, EName: ename, EValue: evalue, Traceback: traceback}
}

// MarshalJSON implements json.Marshaler: a zero Status is sent as "error",
// so a reply built without ErrorReply still tells the frontend it failed.
func (c ErrorReplyContent) MarshalJSON() ([]byte, error) {
	type plain ErrorReplyContent
	p := plain(c)
	if p.Status == "" {
		p.Status = StatusError
	}
	return marshalPlain(p)
}

// StatusContent is the content of status (iopub).
type StatusContent struct {
	ExecutionState string `json:"execution_state"` // StateBusy, StateIdle, StateStarting
}
