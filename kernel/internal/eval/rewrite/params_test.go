package rewrite

import (
	"go/ast"
	"testing"
)

func TestNameParams(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"unnamed parameters of a literal", `run(func(string, int) { work() })`, `run(func(_ string, _ int) { work() })`},
		{"named parameters untouched", `run(func(s string) { use(s) })`, `run(func(s string) { use(s) })`},
		{"results stay unnamed", `f := func(int) error { return nil }`, `f := func(_ int) error { return nil }`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { NameParams(n); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestRename(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"calls and values renamed", `main(); f := main; _ = f`, `__gl_main(); f := __gl_main; _ = f`},
		{"fields, methods and struct keys kept", `x.main(); _ = T{main: 1}; _ = map[string]int{main: 1}`,
			`x.main(); _ = T{main: 1}; _ = map[string]int{main: 1}`},
		{"parameter names kept, their types renamed", `g := func(main main) {}; _ = g`, `g := func(main __gl_main) {}; _ = g`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { Rename(n, "main", "__gl_main"); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestScopeTopLevel(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"a loop runs in a function literal", `x := 1; for i := range xs { use(i) }`, "x := 1\nfunc() { for i := range xs { use(i) } }()"},
		{"if, switch and blocks too; plain statements stay", `if ok { f() }; switch { default: }; { g() }; h()`,
			"func() { if ok { f() } }()\nfunc() { switch { default: } }()\nfunc() { { g() } }()\nh()"},
		{"a literal running a defer of the cell is marked; one inside a func literal is the func's", `for i := range 3 { defer f(i) }; if ok { go func() { defer wg.Done() }() }`,
			"func(__gl_cell struct{}) { for i := range 3 { defer f(i) } }(struct{}{})\nfunc() { if ok { go func() { defer wg.Done() }() } }()"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error {
				b := n.(*ast.BlockStmt)
				b.List = ScopeTopLevel(b.List)
				return nil
			})
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
