// Package goroutines lets a golessons notebook cell see and stop the
// goroutines that cells started.
//
//	goroutines.List()    // a table: id, state, cell and line of each one
//	goroutines.StopAll() // stop them all when this cell ends
//
// Stopping keeps every declaration and variable; a goroutine inside a
// compiled call (time.Sleep) stops when the call returns, and one blocked
// forever in wg.Wait or mu.Lock cannot be stopped (restart the kernel).
//
// The package knows nothing of the kernel: the runner installs a
// [Provider] with [SetProvider], the package's only state (cells call
// List and StopAll as plain functions, so the kernel cannot be passed in).
// Outside the kernel, List is empty and StopAll does nothing.
package goroutines

import (
	"fmt"
	"html"
	"strings"
	"sync/atomic"
)

// Goroutine is one goroutine started by a cell.
type Goroutine struct {
	ID    int64  // the runtime's goroutine id
	State string // what it does: "running", "time.Sleep", "chan send", "leaked (…)"
	Cell  string // "this cell" or "an earlier cell"
	Line  int    // line in that cell, 0 when unknown
	Code  string // the source line
}

// Table is the goroutines List returns; it prints as a text table and
// shows as an HTML table when it is a cell's value.
type Table []Goroutine

// Provider is what the runner installs.
type Provider interface {
	List() []Goroutine
	StopAll() int
}

var provider atomic.Pointer[Provider]

// SetProvider installs p (nil removes it). Only the runner calls it.
func SetProvider(p Provider) {
	if p == nil {
		provider.Store(nil)
		return
	}
	provider.Store(&p)
}

// List returns the live goroutines that cells started.
func List() Table {
	if p := provider.Load(); p != nil {
		return Table((*p).List())
	}
	return nil
}

// StopAll asks the kernel to stop every goroutine cells started, as soon
// as the calling cell ends, and returns how many are alive now.
func StopAll() int {
	if p := provider.Load(); p != nil {
		return (*p).StopAll()
	}
	return 0
}

func (g Goroutine) where() string {
	if g.Line == 0 {
		return g.Cell
	}
	return fmt.Sprintf("%s, line %d", g.Cell, g.Line)
}

// String is the table as text, one goroutine a line.
func (t Table) String() string {
	if len(t) == 0 {
		return "no goroutines started by cells are running"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-6s %-40s %-26s %s\n", "id", "state", "where", "code")
	for _, g := range t {
		fmt.Fprintf(&b, "%-6d %-40s %-26s %s\n", g.ID, g.State, g.where(), g.Code)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// HTML is the table for a notebook.
func (t Table) HTML() string {
	if len(t) == 0 {
		return "<p>" + t.String() + "</p>"
	}
	var b strings.Builder
	b.WriteString("<table><tr><th>id</th><th>state</th><th>where</th><th>code</th></tr>")
	for _, g := range t {
		fmt.Fprintf(&b, "<tr><td>%d</td><td>%s</td><td>%s</td><td><code>%s</code></td></tr>",
			g.ID, html.EscapeString(g.State), html.EscapeString(g.where()), html.EscapeString(g.Code))
	}
	b.WriteString("</table>")
	return b.String()
}
