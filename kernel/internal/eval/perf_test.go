package eval

import (
	"context"
	"testing"

	"golessons/kernel/internal/symbols"
	"golessons/third_party/yaegi/interp"
)

func TestDemosTimelineRendersSVG(t *testing.T) {
	e, err := New(Options{Stderr: &syncBuffer{}, Symbols: []interp.Exports{symbols.Symbols}})
	if err != nil {
		t.Fatal(err)
	}
	r, ee := evalAll(t, e, `import "golessons/demos"`, `tl := demos.NewTimeline("t")
tl.Record("a", func() {})
tl.Done()`)
	if ee != nil {
		t.Fatal(ee)
	}
	if _, ok := r.Data["image/svg+xml"].(string); !ok {
		t.Fatalf("no SVG in %v", r.Data)
	}
}

// BenchmarkNew measures start-up, paid at every runner (re)start.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{Stderr: &syncBuffer{}, Symbols: []interp.Exports{symbols.Symbols}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrivialCell measures the per-cell overhead.
func BenchmarkTrivialCell(b *testing.B) {
	e, err := New(Options{Stderr: &syncBuffer{}})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Eval(context.Background(), "x := 1\nx + 1"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFib27 measures recursive calls after the function was
// redefined once (callers are recompiled, calls are direct).
func BenchmarkFib27(b *testing.B) {
	e, err := New(Options{Stderr: &syncBuffer{}})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []string{
		"func fib(n int) int { return n }",
		"func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }",
	} {
		if _, err := e.Eval(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		r, err := e.Eval(context.Background(), "fib(27)")
		if err != nil || r.Data["text/plain"] != "196418" {
			b.Fatalf("%v %v", r.Data, err)
		}
	}
}
