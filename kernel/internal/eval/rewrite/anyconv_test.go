package rewrite

import (
	"go/ast"
	"testing"
)

func TestAnyConversions(t *testing.T) {
	lit := "func(__gl_v any) any { return __gl_v }"
	cases := []struct {
		name, in, out string
	}{
		{"any and interface{} conversions become calls", "a := any(ID(2))\nb := interface{}(x).(fmt.Stringer)",
			"a := " + lit + "(ID(2))\nb := " + lit + "(x).(fmt.Stringer)"},
		{"other conversions and calls stay", "s := fmt.Stringer(x)\nf := anyOf(x)", "s := fmt.Stringer(x)\nf := anyOf(x)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { AnyConversions(n, fakeNames{}); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
