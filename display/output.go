package display

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
)

// Output is a display area that can be redrawn in place: the first call to
// one of its methods shows it, and later calls replace its content (Jupyter's
// display id and update_display_data). Its methods may be called from many
// goroutines, e.g. one per finished worker.
type Output struct {
	id    string
	mu    sync.Mutex // orders shown with the message it decides
	shown bool
}

// New returns an Output with a fresh display id. Nothing is shown until one
// of its methods is called.
func New() *Output {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on Linux
	return &Output{id: hex.EncodeToString(b[:])}
}

// ID returns the display id.
func (o *Output) ID() string { return o.id }

// HTML shows or redraws the output as HTML.
func (o *Output) HTML(s string) { o.set(htmlBundle(s)) }

// Markdown shows or redraws the output as Markdown.
func (o *Output) Markdown(s string) { o.set(markdownBundle(s)) }

// SVG shows or redraws the output as an SVG image.
func (o *Output) SVG(s string) { o.set(svgBundle(s)) }

// Text shows or redraws the output as plain text.
func (o *Output) Text(s string) { o.set(map[string]any{MIMEText: s}) }

// Any shows or redraws the output as v, rendered by [Bundle].
func (o *Output) Any(v any) { o.set(Bundle(v)) }

// Clear clears the whole cell output (Jupyter has no per-display clear), so
// the next call to one of o's methods shows it again.
func (o *Output) Clear(wait bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.shown = false
	Clear(wait)
}

func (o *Output) set(data map[string]any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	kind := KindUpdate
	if !o.shown {
		kind = KindDisplay
		o.shown = true
	}
	publish(Message{Kind: kind, Data: data, ID: o.id})
}
