package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
	"testing"
)

func TestDeclareTwoValues(t *testing.T) {
	cases := []struct{ name, in, out, err string }{
		{"map index", `v, ok := m["a"]`, "var v int\nvar ok bool\nv, ok = m[\"a\"]", ""},
		{"map index as var", `var v, ok = m[k]`, "var v int\nvar ok bool\nv, ok = m[k]", ""},
		{"map of slices of cell structs", `ps, found := pm[key]`, "var ps []P\nvar found bool\nps, found = pm[key]", ""},
		{"blank value of a map index", `_, ok := m["b"]`, "var __gl_blank1 int\nvar ok bool\n__gl_blank1, ok = m[\"b\"]", ""},
		{"blank ok of a map index", `v, _ := m["b"]`, "var v int\nvar __gl_blank1 bool\nv, __gl_blank1 = m[\"b\"]", ""},
		{"type assertion", `n, ok := a.(int)`, "var n int\nvar ok bool\nn, ok = a.(int)", ""},
		{"type assertion as var", `var s, isS = a.(fmt.Stringer)`, "var s fmt.Stringer\nvar isS bool\ns, isS = a.(fmt.Stringer)", ""},
		{"type assertion to a pointer of a literal type", `p, ok := (a).(*struct{ X []int })`, "var p *struct{ X []int }\nvar ok bool\np, ok = (a).(*struct{ X []int })", ""},
		{"receive still", `v, ok := <-c`, "var v string\nvar ok bool\nv, ok = <-c", ""},
		{"other two-value forms left alone", `x, err := strconv.Atoi("3"); a, b := 1, 2; v, ok = m["a"]`, `x, err := strconv.Atoi("3"); a, b := 1, 2; v, ok = m["a"]`, ""},
		{"nested forms left alone", `f := func() { v, ok := m["a"]; _, _ = v, ok }`, `f := func() { v, ok := m["a"]; _, _ = v, ok }`, ""},
		{"unknown map type", `v, ok := unknown["a"]`, "", "the two-value map index `v, ok := m[k]` at the top level"},
		{"unknown map type names the way out", `v, found := unknown["a"]`, "", "var v T; var found bool; v, found = m[k]"},
	}
	types := func(src string) TwoValueTypes {
		return TwoValueTypes{
			Recv: func(token.Pos) (string, bool) { return "string", true },
			Index: func(token.Pos) (string, bool) {
				switch {
				case strings.Contains(src, "unknown"):
					return "", false
				case strings.Contains(src, "pm["):
					return "[]P", true
				}
				return "int", true
			},
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error {
				b := n.(*ast.BlockStmt)
				list, err := DeclareTwoValues(b.List, types(tc.in), counter())
				if err == nil {
					b.List = list
				}
				return err
			})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("want error containing %q, got %v", tc.err, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
