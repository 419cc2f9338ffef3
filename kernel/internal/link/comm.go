package link

// Comm kinds travel both ways: as requests they carry the frontend's
// comm_open, comm_msg and comm_close to the runner, at any time, whether a
// cell runs or not; as events, the runner's own (a widget a cell made).
// They are routed by kind and comm id, never by the cell, so a lane
// independent of execute requests serves every comm target.
const (
	KindCommOpen  Kind = "comm_open"
	KindCommMsg   Kind = "comm_msg"
	KindCommClose Kind = "comm_close"
)

// IsComm reports whether k is one of the comm kinds.
func (k Kind) IsComm() bool {
	return k == KindCommOpen || k == KindCommMsg || k == KindCommClose
}

// Comm is one comm message in the terms of the Jupyter messaging spec.
type Comm struct {
	ID       string         `json:"id"`
	Target   string         `json:"target,omitempty"` // comm_open only
	Data     map[string]any `json:"data,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

// CommTargets are the comm targets a frontend may open in the runner
// (package golessons/widgets serves them); a comm_open for any other
// target is refused by the kernel.
var CommTargets = []string{"jupyter.widget.control"}
