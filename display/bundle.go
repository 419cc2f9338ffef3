package display

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"reflect"
	"strconv"
)

// MIME types understood by Jupyter frontends.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
	MIMEJPEG     = "image/jpeg"
	MIMEJSON     = "application/json"
	MIMELatex    = "text/latex"
)

// HTMLer is implemented by values that render themselves as HTML.
type HTMLer interface{ HTML() string }

// SVGer is implemented by values that render themselves as an SVG document.
type SVGer interface{ SVG() string }

// Markdowner is implemented by values that render themselves as Markdown.
type Markdowner interface{ Markdown() string }

// PNGer is implemented by values that render themselves as PNG bytes.
type PNGer interface{ PNG() []byte }

// JPEGer is implemented by values that render themselves as JPEG bytes.
type JPEGer interface{ JPEG() []byte }

// JSONer is implemented by values that render themselves as JSON; the result
// must be encodable by encoding/json.
type JSONer interface{ JSON() any }

// Latexer is implemented by values that render themselves as LaTeX
// (usually math between $ signs).
type Latexer interface{ Latex() string }

// MIMEBundler is implemented by values that build their own MIME bundle
// (a golessons/widgets widget: its widget view); its entries win.
type MIMEBundler interface{ MIMEBundle() map[string]any }

// Bundle returns the MIME bundle for v: one entry per rich method v has
// (HTML, SVG, Markdown, PNG, JPEG, JSON, Latex), a base64 PNG for an
// image.Image, and always "text/plain". Strings show quoted, as Go source
// would spell them, so "" and " " stay visible; an image shows its type and
// size (its %v would list every pixel); everything else shows as fmt's %v. Methods with pointer receivers count too, so a struct value
// whose SVG method is declared on *T still draws.
func Bundle(v any) map[string]any {
	data := map[string]any{MIMEText: plainText(v)}
	r := rich(v)
	if h, ok := r.(HTMLer); ok {
		data[MIMEHTML] = h.HTML()
	}
	if s, ok := r.(SVGer); ok {
		data[MIMESVG] = s.SVG()
	}
	if m, ok := r.(Markdowner); ok {
		data[MIMEMarkdown] = m.Markdown()
	}
	if p, ok := r.(PNGer); ok {
		data[MIMEPNG] = base64.StdEncoding.EncodeToString(p.PNG())
	}
	if j, ok := r.(JPEGer); ok {
		data[MIMEJPEG] = base64.StdEncoding.EncodeToString(j.JPEG())
	}
	if j, ok := r.(JSONer); ok {
		data[MIMEJSON] = j.JSON()
	}
	if l, ok := r.(Latexer); ok {
		data[MIMELatex] = l.Latex()
	}
	if img, ok := v.(image.Image); ok {
		if b, err := encodePNG(img); err == nil {
			data[MIMEPNG] = base64.StdEncoding.EncodeToString(b)
		}
	}
	if b, ok := r.(MIMEBundler); ok {
		for k, x := range b.MIMEBundle() {
			data[k] = x
		}
	}
	return data
}

// plainText is the text/plain form of v.
func plainText(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case image.Image:
		b := v.Bounds()
		return fmt.Sprintf("<%T %d×%d>", v, b.Dx(), b.Dy())
	}
	return fmt.Sprintf("%v", v)
}

// rich returns v, or a pointer to a copy of v when only *T has the rich
// methods: a cell's final value is usually a T even when the methods were
// written on *T.
func rich(v any) any {
	if v == nil || hasRichMethod(v) {
		return v
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		return v
	}
	p := reflect.New(rv.Type())
	p.Elem().Set(rv)
	if p.CanInterface() && hasRichMethod(p.Interface()) {
		return p.Interface()
	}
	return v
}

func hasRichMethod(v any) bool {
	switch v.(type) {
	case HTMLer, SVGer, Markdowner, PNGer, JPEGer, JSONer, Latexer, MIMEBundler:
		return true
	}
	return false
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}
