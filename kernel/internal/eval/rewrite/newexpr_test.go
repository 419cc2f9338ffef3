package rewrite

import (
	"go/ast"
	"testing"
)

// fakeNames declares the types T and List, the package strings, and,
// when shadow, the user's own new and clear; when errorsVar, a variable
// named errors.
type fakeNames struct{ shadow, errorsVar bool }

func (f fakeNames) Declared(name string) bool {
	return f.shadow && (name == "new" || name == "clear") || f.errorsVar && name == "errors"
}
func (f fakeNames) IsType(name string) bool    { return name == "T" || name == "List" }
func (f fakeNames) IsPackage(name string) bool { return name == "strings" }

func TestNewExpr(t *testing.T) {
	cases := []struct {
		name   string
		shadow bool
		in     string
		out    string
	}{
		{"an expression gets a pointer to its value", false, `p := new(42); q := new(x + 1)`, `p := __gl_new(42); q := __gl_new(x + 1)`},
		{"types stay types", false, `a := new(int); b := new(T); c := new([]string); d := new(strings.Builder); e := new(List[int])`,
			`a := new(int); b := new(T); c := new([]string); d := new(strings.Builder); e := new(List[int])`},
		{"a type declared in the code itself", false, "type U struct{}\nu := new(U)\nv := new(W)", "type U struct{}\nu := new(U)\nv := __gl_new(W)"},
		{"a composite literal becomes its address", false, `p := new(T{X: 1})`, `p := &T{X: 1}`},
		{"the user's own new: untouched", true, `p := new(42)`, `p := new(42)`},
		{"a new the code itself declares: untouched", false, "new := func(s string) string { return s }\nx := new(\"t\")", "new := func(s string) string { return s }\nx := new(\"t\")"},
		{"a parameter named new: untouched", false, "f := func(new func(int) int, v int) int { return new(v) }", "f := func(new func(int) int, v int) int { return new(v) }"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { NewExpr(n, fakeNames{shadow: tc.shadow}); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestClear(t *testing.T) {
	cases := []struct {
		name   string
		shadow bool
		in     string
		out    string
	}{
		{"calls the compiled helper", false, `clear(m)`, `__glrt.Clear(m)`},
		{"the user's own clear: untouched", true, `clear(m)`, `clear(m)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { Clear(n, fakeNames{shadow: tc.shadow}); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
