// Package cellio is the vocabulary every layer uses for what a cell
// produces: its final [Value], the [Error] that stopped it, the [Display]
// requests it made while running, and the [Output] that receives them.
//
// The evaluator makes these values, the runner process sends them over the
// link as they are, the kernel side hands them to the dispatcher, and only
// the dispatcher turns them into Jupyter message content. Declaring them
// once keeps the layers from converting field by field at every boundary.
// The package knows nothing of messages, sockets, processes or yaegi, so
// any layer may import it. The JSON tags are the link's frame format.
package cellio

import "context"

// Cell is one cell to run: its source, whether the frontend can answer
// input requests while it runs (when false, reads from stdin get EOF at
// once), and the execution count the frontend shows beside it (In [3];
// 0 when the run is not counted), by which notes about earlier cells
// name them.
type Cell struct {
	Code       string
	AllowStdin bool
	Number     int
}

// Value is a cell's final value as a MIME bundle ("text/plain",
// "text/html", ...) with its per-type metadata. A nil Data means the cell
// ended in a statement: there is nothing to show.
type Value struct {
	Data     map[string]any `json:"data,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

// Error describes a failed cell in the terms of Jupyter's error message:
// Name is the kind of failure ("CompileError", "panic", "Interrupted",
// "MemoryLimit", ...), Value the sentence the student reads, Traceback
// extra lines (the cell positions of a panic's frames).
type Error struct {
	Name      string   `json:"name"`
	Value     string   `json:"value"`
	Traceback []string `json:"traceback,omitempty"`
}

// Error implements the error interface, so an *Error travels through
// functions that return error and is recovered with errors.As.
func (e *Error) Error() string { return e.Name + ": " + e.Value }

// Outcome is how a cell ended: with Value (possibly empty) or, when Err is
// set, with an error and no value.
type Outcome struct {
	Value
	Err *Error
}

// Display kinds. They are the same strings as package golessons/display's
// Kind constants, so a display.Message converts to a Display unchanged.
const (
	DisplayShow   = "display" // display_data
	DisplayUpdate = "update"  // update_display_data for display id ID
	DisplayClear  = "clear"   // clear_output
)

// Display is one display_data, update_display_data or clear_output
// request from a running cell. Its fields are those of display.Message
// (the cells' API, which cannot import an internal package), so the
// runner converts one to the other with a plain type conversion.
type Display struct {
	Kind     string         `json:"kind"`
	Data     map[string]any `json:"data,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
	// ID is the display id (transient.display_id); "" for a one-off display.
	ID string `json:"id,omitempty"`
	// Wait is clear_output's wait flag.
	Wait bool `json:"wait,omitempty"`
}

// Output receives what a running cell produces besides its final value.
// The dispatcher implements it; the runner feeds it. It must stay usable
// after the cell has ended: output that the cell's goroutines write later
// goes to the last Output a cell was given.
type Output interface {
	// Stream publishes text written to "stdout" or "stderr".
	Stream(name, text string)
	// Display publishes display_data, update_display_data or clear_output.
	Display(d Display)
	// Input asks the user for a line; an error gives the cell EOF.
	Input(ctx context.Context, prompt string, password bool) (string, error)
}
