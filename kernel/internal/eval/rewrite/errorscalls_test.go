package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func TestErrorsCalls(t *testing.T) {
	cases := []struct {
		name   string
		shadow bool // the user declared errors
		in     string
		has    []string // in the gofmt'd output
		hasNot []string
	}{
		{"Is and As go to the helpers", false, `ok := errors.Is(err, ErrX) && errors.As(err, &me)`,
			[]string{"ok := __gl_errIs(err, ErrX) && __gl_errAs(err, &me)"}, []string{"errors."}},
		{"Unwrap tries each cell error type", false, `u := errors.Unwrap(err)`,
			[]string{"u := func() error {", "u, cell := __glrt.ErrUnwrap(err)", "var t0 *NotFound", "if __glrt.SetInto(&t0, u) {",
				"var t1 Code", "__glrt.ErrUnwrapFits(n)", "}()"}, []string{"errors.Unwrap", "__gl_ERR", "__gl_TYPES"}},
		{"nested Unwrap calls are both rewritten", false, `u := errors.Unwrap(errors.Unwrap(err))`,
			[]string{"__glrt.ErrUnwrap(func() error {"}, []string{"errors.Unwrap"}},
		{"a function value is left alone", false, `f := errors.Is`, []string{"f := errors.Is"}, nil},
		{"other errors functions are left alone", false, `e := errors.Join(a, b)`, []string{"e := errors.Join(a, b)"}, nil},
		{"a variable named errors of the user's", true, `x := errors.Is(y, z)`, []string{"x := errors.Is(y, z)"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			names := fakeNames{}
			if tc.shadow {
				names = fakeNames{errorsVar: true}
			}
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error {
				ErrorsCalls(n, token.NewFileSet(), names, []string{"*NotFound", "Code"})
				return nil
			})
			for _, s := range tc.has {
				if !strings.Contains(got, s) {
					t.Errorf("output lacks %q:\n%s", s, got)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(got, s) {
					t.Errorf("output has %q:\n%s", s, got)
				}
			}
		})
	}
}

func TestErrorTypes(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", `package main
type A struct{}
func (a *A) Error() string { return "" }
type B int
func (b B) Error() string { return "" }
func (b B) String() string { return "" }
func Error() string { return "" }`, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ErrorTypes(f), ","); got != "*A,B" {
		t.Errorf("ErrorTypes = %q, want *A,B", got)
	}
}
