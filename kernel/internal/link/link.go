// Package link carries requests and events between the kernel and its
// runner process as length-prefixed JSON frames.
//
// The kernel writes [Request] frames to the runner's fd 3; the runner writes
// [Event] frames to its fd 4. Each frame is a 4-byte big-endian length
// followed by that many bytes of JSON. Frames from the other side are
// untrusted: lengths are capped at [MaxFrame] and every decode error is
// returned, never a panic. The package also defines the sync marker that the
// runner writes to its stdout and stderr before each event (see [SyncMarker]),
// so the kernel can keep output and events in order.
//
// The package does no process handling; see packages runner and worker.
package link

import (
	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/symtab"
)

// Kind names a frame's type; it is the "kind" field of every frame.
type Kind string

// Request kinds (kernel → runner).
const (
	KindExecute    Kind = "execute"     // run Code as cell ID
	KindCancel     Kind = "cancel"      // interrupt cell ID
	KindInputReply Kind = "input_reply" // answer to an input_request of cell ID
	KindRestore    Kind = "restore"     // replay Cells' declarations silently
)

// Event kinds (runner → kernel).
const (
	KindReady        Kind = "ready"         // the runner is up and waits for requests
	KindResult       Kind = "result"        // cell ID finished
	KindDisplay      Kind = "display"       // cell ID showed something
	KindInputRequest Kind = "input_request" // cell ID reads standard input
	KindRestored     Kind = "restored"      // a restore finished
)

// Request is a frame sent by the kernel to the runner. Fields not used by
// a Kind are left zero.
type Request struct {
	Kind Kind   `json:"kind"`
	ID   uint64 `json:"id,omitempty"`
	// Code is the cell source (execute).
	Code string `json:"code,omitempty"`
	// AllowStdin says whether the frontend can answer input requests
	// (execute); when false, reads from stdin get EOF at once.
	AllowStdin bool `json:"allow_stdin,omitempty"`
	// Value is the line the user typed, without newline (input_reply).
	Value string `json:"value,omitempty"`
	// EOF ends the cell's standard input (input_reply).
	EOF bool `json:"eof,omitempty"`
	// Cells are earlier successful cells to replay (restore).
	Cells []string `json:"cells,omitempty"`
	// Numbers are the execution counts of Cells (restore), by which the
	// summary names the cells it could not restore.
	Numbers []int `json:"numbers,omitempty"`
	// Next is the cell that runs after the replay (restore): the types
	// it declares replace those of the same names in Cells.
	Next string `json:"next,omitempty"`
	// Comm is the frontend's comm message (comm_open, comm_msg, comm_close).
	Comm *Comm `json:"comm,omitempty"`
	// DAP is a Debug Adapter Protocol request (debug).
	DAP DebugMessage `json:"dap,omitempty"`
}

// Event is a frame sent by the runner to the kernel. Fields not used by a
// Kind are left zero.
type Event struct {
	Kind Kind   `json:"kind"`
	ID   uint64 `json:"id,omitempty"`
	// Sync is the number of the sync marker the runner wrote to its stdout
	// and stderr just before this event; 0 means none.
	Sync uint64 `json:"sync,omitempty"`
	// Value is the cell's value (result); its Data and Metadata are
	// fields of the frame itself.
	cellio.Value
	// Error is set when the cell failed (result).
	Error *cellio.Error `json:"error,omitempty"`
	// Symbols are the user's names after the cell (result, restored).
	Symbols []symtab.Symbol `json:"symbols,omitempty"`
	// Display is what a cell showed (display).
	Display *cellio.Display `json:"display,omitempty"`
	// Prompt and Password describe an input request (input_request).
	Prompt   string `json:"prompt,omitempty"`
	Password bool   `json:"password,omitempty"`
	// Kept and Lost name the declarations a restore could and could not
	// bring back (restored).
	Kept []string `json:"kept,omitempty"`
	Lost []string `json:"lost,omitempty"`
	// Comm is a comm message of the runner (comm_open, comm_msg, comm_close).
	Comm *Comm `json:"comm,omitempty"`
	// DAP is a Debug Adapter Protocol response (debug_reply) or event
	// (debug_event).
	DAP DebugMessage `json:"dap,omitempty"`
}

// Environment variables through which the kernel configures a runner it
// starts; the runner removes them from its environment at startup so the
// cells' child processes do not inherit them.
const (
	EnvToken       = "GOLESSONS_RUNNER_TOKEN"        // sync marker token
	EnvMemoryLimit = "GOLESSONS_RUNNER_MEMORY_LIMIT" // bytes, for debug.SetMemoryLimit
	EnvPackagesDir = "GOLESSONS_RUNNER_PACKAGES_DIR" // eval.Options.PackagesDir
	// EnvUnsetTraceback set means the kernel set GOTRACEBACK for the
	// runner alone (a crash then prints its message, not every goroutine
	// of the interpreter); the runner unsets GOTRACEBACK for its children.
	EnvUnsetTraceback = "GOLESSONS_RUNNER_UNSET_GOTRACEBACK"
)

// EnvTree marks every process of one runner's tree: the kernel sets it to
// a random value for each runner, the runner keeps it, and the cells'
// children inherit it, so a process that left the tree (setsid, then its
// parent died) can still be found and ended (proctree.KillMarked).
const EnvTree = "GOLESSONS_TREE"
