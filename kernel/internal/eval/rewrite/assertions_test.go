package rewrite

import (
	"errors"
	"go/ast"
	"strings"
	"testing"
)

func TestTypeAssertions(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"concrete type",
			`p, ok := i.(*MyErr)`,
			`p, ok := func() (*MyErr, bool) { __gl_x1 := i; var __gl_v2 *MyErr; if __gl_x1 == nil { return __gl_v2, false }
			if __gl_t3, __gl_ok4 := __gl_x1.(*MyErr); __gl_ok4 { return __gl_t3, true }
			return __gl_v2, __glrt.SetInto(&__gl_v2, __gl_x1) }()`},
		{"interface with cell implementers, in an if's init",
			`if s, ok := (i).(Shape); ok { use(s) }`,
			`if s, ok := func() (Shape, bool) { __gl_x1 := (i); var __gl_v2 Shape; if __gl_x1 == nil { return __gl_v2, false }
			if __gl_t3, __gl_ok4 := __gl_x1.(Rect); __gl_ok4 { return __gl_t3, true }
			if __gl_t5, __gl_ok6 := __gl_x1.(Shape); __gl_ok6 { return __gl_t5, true }
			return __gl_v2, false }(); ok { use(s) }`},
		{"plain assignment and var",
			`s, ok = f().(fmt.Stringer); var n, isInt = v.(int)`,
			`s, ok = func() (fmt.Stringer, bool) { __gl_x1 := f(); var __gl_v2 fmt.Stringer; if __gl_x1 == nil { return __gl_v2, false }
			if __gl_t3, __gl_ok4 := __gl_x1.(fmt.Stringer); __gl_ok4 { return __gl_t3, true }
			return __gl_v2, false }()
			var n, isInt = func() (int, bool) { __gl_x5 := v; var __gl_v6 int; if __gl_x5 == nil { return __gl_v6, false }
			if __gl_t7, __gl_ok8 := __gl_x5.(int); __gl_ok8 { return __gl_t7, true }
			return __gl_v6, __glrt.SetInto(&__gl_v6, __gl_x5) }()`},
		{"one value: the two-value call, panicking when not ok",
			`use(i.(fmt.Stringer).String())`,
			`use(func() fmt.Stringer { __gl_x1 := i; __gl_v6, __gl_ok7 := func() (fmt.Stringer, bool) { __gl_x2 := __gl_x1; var __gl_v3 fmt.Stringer; if __gl_x2 == nil { return __gl_v3, false }
			if __gl_t4, __gl_ok5 := __gl_x2.(fmt.Stringer); __gl_ok5 { return __gl_t4, true }
			return __gl_v3, false }()
			if !__gl_ok7 { panic(__glrt.AssertionError(interface{}(__gl_x1), "fmt.Stringer", (*fmt.Stringer)(nil), "String")) }
			return __gl_v6 }().String())`},
		{"switches and types unknown to the checker left alone",
			`x := i.(Unknown); a, b := i.(Unknown); switch i.(type) {}`,
			`x := i.(Unknown); a, b := i.(Unknown); switch i.(type) {}`},
	}
	caseType := func(t ast.Expr) (CaseType, bool) {
		switch s, _ := typeText(t); s {
		case "Shape":
			return CaseType{Iface: true, Impls: []string{"Rect"}}, true
		case "fmt.Stringer":
			return CaseType{Iface: true, Methods: []string{"String"}}, true
		case "Unknown":
			return CaseType{}, false
		}
		return CaseType{}, true
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error { return TypeAssertions(n, caseType, counter()) })
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
	for _, src := range []string{`c, ok := v.(Celsius)`, `c := v.(Celsius)`} {
		t.Run("a type the interpreter cannot tell from another is an error: "+src, func(t *testing.T) {
			_, err := rewriteBody(t, src, func(n ast.Node) error {
				return TypeAssertions(n, func(ast.Expr) (CaseType, bool) { return CaseType{Twins: []string{"float64"}}, true }, counter())
			})
			var ce *CaseError
			if !errors.As(err, &ce) || !strings.Contains(ce.Msg, "this type assertion to Celsius: the interpreter cannot tell values of Celsius from those of float64") {
				t.Fatalf("got %v", err)
			}
		})
	}
}
