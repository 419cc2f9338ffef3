package rewrite

import (
	"go/ast"
	"testing"
)

func TestMinMax(t *testing.T) {
	consts := map[string]ConstKind{"limit": IntConst, "ratio": FloatConst}
	cases := []struct{ name, in, out string }{
		{"a variable moves before the constants", `m := max(2, x, 3)`, `m := max(x, 2, 3)`},
		{"a float constant makes the first argument float64", `m := max(1, 2.5)`, `m := max(float64(1), 2.5)`},
		{"a cell's float constant counts", `m := min(limit, ratio*2)`, `m := min(float64(limit), ratio*2)`},
		{"integer constants only: untouched", `m := min(3, limit+1)`, `m := min(3, limit+1)`},
		{"the user's own max: untouched", `m := max(1, 2.5); n := min(2, y)`, `m := max(1, 2.5); n := min(y, 2)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error {
				MinMax(n, func(name string) bool { return name != "max" || tc.name != "the user's own max: untouched" },
					func(name string) ConstKind { return consts[name] })
				return nil
			})
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
