package rewrite

import (
	"errors"
	"go/ast"
	"strings"
	"testing"
)

func TestTypeSwitches(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"concrete types, variable used in one clause",
			`switch v := i.(type) { case int: return v + 1; case *MyErr: return 0 }`,
			`{ __gl_x1 := i
			var __gl_case2 bool; if __gl_x1 != nil { _, __gl_case2 = __gl_x1.(int); if !__gl_case2 { var __gl_v3 int; __gl_case2 = __glrt.SetInto(&__gl_v3, __gl_x1) } }
			var __gl_case6 bool; if __gl_x1 != nil { _, __gl_case6 = __gl_x1.(*MyErr); if !__gl_case6 { var __gl_v7 *MyErr; __gl_case6 = __glrt.SetInto(&__gl_v7, __gl_x1) } }
			switch {
			case __gl_case2: var v int; if __gl_val4, __gl_ok5 := __gl_x1.(int); __gl_ok5 { v = __gl_val4 } else { __glrt.SetInto(&v, __gl_x1) }; return v + 1
			case __gl_case6: return 0 } }`},
		{"several types, nil and default keep the switched value",
			`switch v := f(); x := v.(type) { case int, string: use(x); case nil: use(x); default: use(x) }`,
			`{ v := f(); __gl_x1 := v
			var __gl_case2 bool; if __gl_x1 != nil { _, __gl_case2 = __gl_x1.(int); if !__gl_case2 { var __gl_v3 int; __gl_case2 = __glrt.SetInto(&__gl_v3, __gl_x1) } }
			var __gl_case4 bool; if __gl_x1 != nil { _, __gl_case4 = __gl_x1.(string); if !__gl_case4 { var __gl_v5 string; __gl_case4 = __glrt.SetInto(&__gl_v5, __gl_x1) } }
			switch { case __gl_case2 || __gl_case4: x := __gl_x1; use(x); case __gl_x1 == nil: x := __gl_x1; use(x); default: x := __gl_x1; use(x) } }`},
		{"interface case tests and takes the value with its cell implementers",
			`switch s := i.(type) { case Shape: use(s.Area()) }`,
			`{ __gl_x1 := i; var __gl_case2 bool
			if __gl_x1 != nil { _, __gl_case2 = __gl_x1.(Shape); if !__gl_case2 { _, __gl_case2 = __gl_x1.(Rect) }; if !__gl_case2 { _, __gl_case2 = __gl_x1.(*Rect) } }
			switch { case __gl_case2: var s Shape
				if __gl_impl5, __gl_ok6 := __gl_x1.(Rect); __gl_ok6 { s = __gl_impl5 } else if __gl_impl3, __gl_ok4 := __gl_x1.(*Rect); __gl_ok4 { s = __gl_impl3 } else { s = __gl_x1.(Shape) }
				use(s.Area()) } }`},
		{"no variable, labelled, break kept",
			`L: switch i.(type) { case fmt.Stringer: break L; case []int: }`,
			`{ __gl_x1 := i; var __gl_case2 bool; if __gl_x1 != nil { _, __gl_case2 = __gl_x1.(fmt.Stringer) }
			var __gl_case3 bool; if __gl_x1 != nil { _, __gl_case3 = __gl_x1.([]int); if !__gl_case3 { var __gl_v4 []int; __gl_case3 = __glrt.SetInto(&__gl_v4, __gl_x1) } }
			L: switch { case __gl_case2: break L; case __gl_case3: } }`},
		{"nested in a func literal and in a clause",
			`f := func(a any) { switch a.(type) { case int: switch b := a.(type) { default: use(b) } } }`,
			`f := func(a any) { { __gl_x2 := a; var __gl_case3 bool; if __gl_x2 != nil { _, __gl_case3 = __gl_x2.(int); if !__gl_case3 { var __gl_v4 int; __gl_case3 = __glrt.SetInto(&__gl_v4, __gl_x2) } }
			switch { case __gl_case3: { __gl_x1 := a; switch { default: b := __gl_x1; use(b) } } } } }`},
		{"other switches left alone", `switch x { case 1: }`, `switch x { case 1: }`},
	}
	t.Run("a case the interpreter cannot tell from another type is an error", func(t *testing.T) {
		_, err := rewriteBody(t, `switch i.(type) { case float64: }`, func(n ast.Node) error {
			return TypeSwitches(n, func(ast.Expr) (CaseType, bool) { return CaseType{Twins: []string{"Celsius"}}, true }, counter())
		})
		var ce *CaseError
		if !errors.As(err, &ce) || !strings.Contains(ce.Msg, "cannot tell values of float64 from those of Celsius") {
			t.Fatalf("got %v", err)
		}
	})
	caseType := func(t ast.Expr) (CaseType, bool) {
		switch s, _ := typeText(t); s {
		case "Shape":
			return CaseType{Iface: true, Impls: []string{"Rect", "*Rect"}}, true
		case "fmt.Stringer":
			return CaseType{Iface: true}, true
		}
		return CaseType{}, true
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error { return TypeSwitches(n, caseType, counter()) })
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
