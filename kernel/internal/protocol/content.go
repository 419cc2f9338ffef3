package protocol

import (
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

// Map and List are the objects and arrays the spec requires even when they
// are empty: a nil one marshals as {} or [], never as null, which frontends
// reject. A content struct states the rule in a field's type, so plain maps
// and slices can be assigned to it and no struct needs its own MarshalJSON.
type (
	Map[V any]  map[string]V
	List[T any] []T
)

// MarshalJSON implements json.Marshaler: nil → {}.
func (m Map[V]) MarshalJSON() ([]byte, error) {
	if m == nil {
		return []byte("{}"), nil
	}
	return marshalPlain(map[string]V(m))
}

// MarshalJSON implements json.Marshaler: nil → [].
func (l List[T]) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	return marshalPlain([]T(l))
}

// MimeBundle maps MIME types to data (display_data, execute_result, inspect).
type MimeBundle = Map[any]

// marshalPlain encodes v (a type without a MarshalJSON method) without HTML
// escaping.
func marshalPlain(v any) ([]byte, error) { return MarshalContent(v) }

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
