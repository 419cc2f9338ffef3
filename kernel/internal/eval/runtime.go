package eval

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"io"
	"log"
	"os"
	"reflect"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"golessons/display"
)

// rtPath is the import path of the compiled helpers used by the prelude
// and the rewrites. It is not meant for users.
const rtPath = "golessons/internal/evalrt"

// prelude is interpreted once per Evaluator. The display helper does its
// type assertions in interpreted code because reflect cannot see the
// methods of types declared in cells.
const prelude = `import __glrt "golessons/internal/evalrt"
import __glimage "image"


// min and max stand in for the Go 1.21 builtins, which yaegi lacks.
type __gl_ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

func min[T __gl_ordered](x T, ys ...T) T {
	for _, y := range ys {
		if y < x {
			x = y
		}
	}
	return x
}

func max[T __gl_ordered](x T, ys ...T) T {
	for _, y := range ys {
		if y > x {
			x = y
		}
	}
	return x
}

func __gl_guard() {
	if r := recover(); r != nil {
		__glrt.GoPanic(r)
	}
}

func __gl_show(v any) {
	m := map[string]any{}
	text := ""
	if x, ok := v.(__glrt.Stringer); ok {
		text = x.String()
	} else if x, ok := v.(error); ok {
		text = x.Error()
	}
	if x, ok := v.(__glrt.HTMLer); ok {
		m["text/html"] = x.HTML()
	}
	if x, ok := v.(__glrt.SVGer); ok {
		m["image/svg+xml"] = x.SVG()
	}
	if x, ok := v.(__glrt.Markdowner); ok {
		m["text/markdown"] = x.Markdown()
	}
	if x, ok := v.(__glrt.Latexer); ok {
		m["text/latex"] = x.Latex()
	}
	if x, ok := v.(__glrt.JSONer); ok {
		m["application/json"] = x.JSON()
	}
	if x, ok := v.(__glrt.PNGer); ok {
		m["image/png"] = x.PNG()
	}
	if x, ok := v.(__glrt.JPEGer); ok {
		m["image/jpeg"] = x.JPEG()
	}
	if x, ok := v.(__glimage.Image); ok {
		m["image/png"] = __glrt.PNG(x)
	}
	__glrt.Show(v, text, m)
}
`

// exitPanic is what interpreted os.Exit panics with, so that the cell
// ends instead of the process.
type exitPanic struct{ code int }

// fatalPanic is what interpreted log.Fatal* panic with, after printing
// the message as log does.
type fatalPanic struct{ msg string }

// useSymbols loads the standard library tables, the overrides that keep
// the process alive and talking to opts.Stdin, the helpers and
// opts.Symbols.
func (e *Evaluator) useSymbols() error {
	exports := interp.Exports{}
	for k, v := range stdlib.Symbols {
		switch k {
		case "slices/slices", "maps/maps", "cmp/cmp":
			// Empty tables in yaegi: drop them so the source shims are used.
			continue
		case "fmt/fmt":
			// Any Use call holding the key "fmt/fmt" makes yaegi compile
			// its own generic slices/maps sources, which fail on everyday
			// calls and would shadow the shims. "fmt/./fmt" names the same
			// package (yaegi splits the key with path.Dir/path.Base).
			k = "fmt/./fmt"
		}
		exports[k] = copySymbols(v)
	}
	e.overrideStdlib(exports)
	exports[rtPath+"/evalrt"] = e.runtimeSymbols()
	if err := e.i.Use(exports); err != nil {
		return fmt.Errorf("use stdlib: %w", err)
	}
	for _, s := range stdlibGenericSources() {
		if _, err := e.i.Compile(s); err != nil {
			return fmt.Errorf("compile yaegi generic source: %w", err)
		}
	}
	for _, x := range e.opts.Symbols {
		if err := e.i.Use(x); err != nil {
			return fmt.Errorf("use extra symbols: %w", err)
		}
	}
	return nil
}

func copySymbols(m map[string]reflect.Value) map[string]reflect.Value {
	c := make(map[string]reflect.Value, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// overrideStdlib replaces the symbols that would end the process or read
// the process's real stdin.
func (e *Evaluator) overrideStdlib(x interp.Exports) {
	var stdin io.Reader = e.in
	x["os/os"]["Stdin"] = reflect.ValueOf(&stdin).Elem()
	x["os/os"]["Exit"] = reflect.ValueOf(func(code int) { panic(exitPanic{code}) })
	f := x["fmt/./fmt"]
	f["Scan"] = reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fscan(e.in, a...) })
	f["Scanln"] = reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fscanln(e.in, a...) })
	f["Scanf"] = reflect.ValueOf(func(format string, a ...any) (int, error) { return fmt.Fscanf(e.in, format, a...) })
	l := x["log/log"]
	fatal := func(msg string) {
		log.Output(3, msg) //nolint:errcheck // best effort, as log.Fatal does
		panic(fatalPanic{strings.TrimSuffix(msg, "\n")})
	}
	l["Fatal"] = reflect.ValueOf(func(v ...any) { fatal(fmt.Sprint(v...)) })
	l["Fatalf"] = reflect.ValueOf(func(format string, v ...any) { fatal(fmt.Sprintf(format, v...)) })
	l["Fatalln"] = reflect.ValueOf(func(v ...any) { fatal(fmt.Sprintln(v...)) })
}

// runtimeSymbols are the compiled helpers the prelude calls.
func (e *Evaluator) runtimeSymbols() map[string]reflect.Value {
	m := richInterfaceSymbols()
	m["GoPanic"] = reflect.ValueOf(e.goroutinePanicked)
	m["Show"] = reflect.ValueOf(e.show)
	m["PNG"] = reflect.ValueOf(pngBase64)
	m["Stash"] = reflect.ValueOf(func(v any) { e.mu.Lock(); e.stash = v; e.mu.Unlock() })
	m["Unstash"] = reflect.ValueOf(func() any { e.mu.Lock(); defer e.mu.Unlock(); return e.stash })
	m["Stringer"] = reflect.ValueOf((*fmt.Stringer)(nil))
	m["_Stringer"] = stdlib.Symbols["fmt/fmt"]["_Stringer"]
	return m
}

// show receives the final value of a cell from the display helper. rich
// holds what interpreted methods produced; compiled types are handled by
// display.Bundle, which sees their methods through reflect.
func (e *Evaluator) show(v any, text string, rich map[string]any) {
	data := display.Bundle(v)
	if text != "" {
		data[display.MIMEText] = text
	}
	for k, r := range rich {
		if b, ok := r.([]byte); ok {
			r = base64.StdEncoding.EncodeToString(b)
		}
		data[k] = r
	}
	e.mu.Lock()
	e.shown = data
	e.mu.Unlock()
}

func pngBase64(img image.Image) string {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// goroutinePanicked is called by the guard of a goroutine started in a
// cell. While a cell runs, the first such panic ends it; afterwards the
// panic is reported on stderr (the kernel shows it under the last cell).
func (e *Evaluator) goroutinePanicked(r any) {
	msg := panicText(r)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.running {
		if e.goPanic == "" {
			e.goPanic = msg
			e.cancel(errGoroutinePanic)
		}
		return
	}
	fmt.Fprintf(os.Stderr, "golessons: a goroutine panicked after its cell finished: %s\n", msg)
}

// panicText is the student-facing text of a recovered value.
func panicText(r any) string {
	switch v := r.(type) {
	case exitPanic:
		return fmt.Sprintf("os.Exit(%d) called", v.code)
	case fatalPanic:
		return "log.Fatal: " + v.msg
	case error:
		return v.Error()
	}
	return fmt.Sprint(r)
}

// panicTrace is the interpreter's stderr. yaegi prints one
// "cell:L:C: panic: f(...)" line per frame of an uncaught panic; those
// lines are kept for the error's traceback, everything else is passed on.
type panicTrace struct {
	out   io.Writer
	mu    sync.Mutex
	lines []string
}

func (p *panicTrace) Write(b []byte) (int, error) {
	s := string(b)
	if strings.Contains(s, ": panic: ") && !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") {
		p.mu.Lock()
		p.lines = append(p.lines, strings.TrimSuffix(s, "\n"))
		p.mu.Unlock()
		return len(b), nil
	}
	return p.out.Write(b)
}

// take returns and forgets the recorded lines.
func (p *panicTrace) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.lines
	p.lines = nil
	return l
}
