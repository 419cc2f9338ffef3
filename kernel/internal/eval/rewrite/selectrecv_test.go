package rewrite

import (
	"go/ast"
	"testing"
)

func TestHoistSelectOperands(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"two-value receive from a field: every operand, in order", `select {
case v, ok := <-s.ch:
	use(v, ok)
case out <- f():
case <-done:
case w := <-chs[i]:
	use(w)
}`, `{
	__gl_ch1 := s.ch
	__gl_v2 := f()
	__gl_ch3 := chs[i]
	select {
	case v, ok := <-__gl_ch1:
		use(v, ok)
	case out <- __gl_v2:
	case <-done:
	case w := <-__gl_ch3:
		use(w)
	}
}`},
		{"sent values without calls stay in place", `select { case v, ok := <-s.ch: use(v, ok); case out <- x + 1: }`, `{
	__gl_ch1 := s.ch
	select {
	case v, ok := <-__gl_ch1:
		use(v, ok)
	case out <- x+1:
	}
}`},
		{"labelled select keeps its label", `L: select { case v, ok := <-next(): if !ok { break L }; use(v) }`, `{
	__gl_ch1 := next()
L:
	select {
	case v, ok := <-__gl_ch1:
		if !ok {
			break L
		}
		use(v)
	}
}`},
		{"plain names and one-value receives left alone", `select { case v, ok := <-c: use(v, ok); case w := <-s.ch: use(w) }`,
			`select { case v, ok := <-c: use(v, ok); case w := <-s.ch: use(w) }`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { HoistSelectOperands(n, counter()); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
