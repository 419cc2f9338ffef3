package display

import (
	"fmt"
	"image"
	"os"
	"sync/atomic"
)

// Kinds of [Message].
const (
	KindDisplay = "display" // show Data (display_data)
	KindUpdate  = "update"  // redraw the output with display id ID (update_display_data)
	KindClear   = "clear"   // clear the cell's output (clear_output)
)

// Message is one display request from a cell, handed to the publisher.
// The runner turns it into display_data, update_display_data or
// clear_output; ID, when set, travels as transient.display_id.
type Message struct {
	Kind     string         // KindDisplay, KindUpdate or KindClear
	Data     map[string]any // MIME bundle; nil for KindClear
	Metadata map[string]any // per-MIME metadata; may be nil
	ID       string         // display id; "" for a one-off display
	Wait     bool           // KindClear only: clear when the next output arrives
}

// publisher is the package's one piece of mutable state; see the package
// documentation for why it exists. An atomic pointer lets any goroutine
// publish while the runner swaps the hook.
var publisher atomic.Pointer[func(Message)]

// SetPublisher installs the function that receives every [Message]; nil
// removes it, after which displays print their text/plain form to standard
// output. The function may be called from many goroutines at once.
func SetPublisher(fn func(Message)) {
	if fn == nil {
		publisher.Store(nil)
		return
	}
	publisher.Store(&fn)
}

// publish delivers m to the publisher, or prints its text/plain fallback.
func publish(m Message) {
	if fn := publisher.Load(); fn != nil {
		(*fn)(m)
		return
	}
	if m.Kind == KindClear {
		return
	}
	if text, ok := m.Data[MIMEText].(string); ok {
		fmt.Fprintln(os.Stdout, text)
	}
}

// Show publishes an already built MIME bundle. It is the building block of
// the other display functions, for a cell that assembles its own bundle.
func Show(data map[string]any) {
	publish(Message{Kind: KindDisplay, Data: data})
}

// HTML shows s as HTML.
func HTML(s string) { Show(htmlBundle(s)) }

// Markdown shows s as Markdown.
func Markdown(s string) { Show(markdownBundle(s)) }

// SVG shows s, a complete <svg> document, as an image.
func SVG(s string) { Show(svgBundle(s)) }

// PNG shows b, the bytes of a PNG file, as an image.
func PNG(b []byte) { Show(Bundle(pngBytes(b))) }

// JPEG shows b, the bytes of a JPEG file, as an image.
func JPEG(b []byte) { Show(Bundle(jpegBytes(b))) }

// JSON shows v as a collapsible JSON tree; v must be encodable by
// encoding/json.
func JSON(v any) {
	Show(map[string]any{MIMEJSON: v, MIMEText: fmt.Sprintf("%v", v)})
}

// Latex shows s as LaTeX, for example Latex(`$e^{i\pi} + 1 = 0$`).
func Latex(s string) { Show(map[string]any{MIMELatex: s, MIMEText: s}) }

// Image shows img as a PNG.
func Image(img image.Image) { Show(Bundle(img)) }

// Text shows s as plain text, unquoted.
func Text(s string) { Show(map[string]any{MIMEText: s}) }

// Any shows v the way a cell's final value is shown: see [Bundle].
func Any(v any) { Show(Bundle(v)) }

// Clear clears the cell's output. With wait, the output is cleared only
// when new output arrives, which avoids flicker in an animation loop.
func Clear(wait bool) { publish(Message{Kind: KindClear, Wait: wait}) }

func htmlBundle(s string) map[string]any {
	return map[string]any{MIMEHTML: s, MIMEText: s}
}

func markdownBundle(s string) map[string]any {
	return map[string]any{MIMEMarkdown: s, MIMEText: s}
}

func svgBundle(s string) map[string]any {
	return map[string]any{MIMESVG: s, MIMEText: fmt.Sprintf("<SVG image, %d bytes>", len(s))}
}

// pngBytes and jpegBytes give raw image bytes the rich method Bundle looks
// for, so PNG and JPEG share Bundle's base64 encoding.
type pngBytes []byte

func (b pngBytes) PNG() []byte    { return b }
func (b pngBytes) String() string { return fmt.Sprintf("<PNG image, %d bytes>", len(b)) }

type jpegBytes []byte

func (b jpegBytes) JPEG() []byte   { return b }
func (b jpegBytes) String() string { return fmt.Sprintf("<JPEG image, %d bytes>", len(b)) }
