package eval

import "reflect"

// The display helper asserts final values to these compiled interfaces:
// yaegi panics on assertions to interfaces declared in interpreted code
// (or anonymous ones) when the value's type is interpreted. Each
// interface needs a wrapper type (the shape `yaegi extract` generates)
// through which yaegi lets an interpreted type satisfy it.

// HTMLer and the other interfaces below mirror package display's.
type (
	htmler     interface{ HTML() string }
	svger      interface{ SVG() string }
	markdowner interface{ Markdown() string }
	latexer    interface{ Latex() string }
	jsoner     interface{ JSON() any }
	pnger      interface{ PNG() []byte }
	jpeger     interface{ JPEG() []byte }
)

type wrapHTMLer struct {
	IValue any
	WHTML  func() string
}

func (w wrapHTMLer) HTML() string { return w.WHTML() }

type wrapSVGer struct {
	IValue any
	WSVG   func() string
}

func (w wrapSVGer) SVG() string { return w.WSVG() }

type wrapMarkdowner struct {
	IValue    any
	WMarkdown func() string
}

func (w wrapMarkdowner) Markdown() string { return w.WMarkdown() }

type wrapLatexer struct {
	IValue any
	WLatex func() string
}

func (w wrapLatexer) Latex() string { return w.WLatex() }

type wrapJSONer struct {
	IValue any
	WJSON  func() any
}

func (w wrapJSONer) JSON() any { return w.WJSON() }

type wrapPNGer struct {
	IValue any
	WPNG   func() []byte
}

func (w wrapPNGer) PNG() []byte { return w.WPNG() }

type wrapJPEGer struct {
	IValue any
	WJPEG  func() []byte
}

func (w wrapJPEGer) JPEG() []byte { return w.WJPEG() }

// richInterfaceSymbols are the interface entries of the helper package.
func richInterfaceSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"HTMLer":      reflect.ValueOf((*htmler)(nil)),
		"_HTMLer":     reflect.ValueOf((*wrapHTMLer)(nil)),
		"SVGer":       reflect.ValueOf((*svger)(nil)),
		"_SVGer":      reflect.ValueOf((*wrapSVGer)(nil)),
		"Markdowner":  reflect.ValueOf((*markdowner)(nil)),
		"_Markdowner": reflect.ValueOf((*wrapMarkdowner)(nil)),
		"Latexer":     reflect.ValueOf((*latexer)(nil)),
		"_Latexer":    reflect.ValueOf((*wrapLatexer)(nil)),
		"JSONer":      reflect.ValueOf((*jsoner)(nil)),
		"_JSONer":     reflect.ValueOf((*wrapJSONer)(nil)),
		"PNGer":       reflect.ValueOf((*pnger)(nil)),
		"_PNGer":      reflect.ValueOf((*wrapPNGer)(nil)),
		"JPEGer":      reflect.ValueOf((*jpeger)(nil)),
		"_JPEGer":     reflect.ValueOf((*wrapJPEGer)(nil)),
	}
}
