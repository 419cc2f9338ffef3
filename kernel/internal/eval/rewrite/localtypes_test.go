package rewrite

import (
	"go/ast"
	"testing"
)

func TestRegisterLocalTypes(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"a struct type in a func body",
			"type pair struct {\n\tk string\n\tv int\n}\nuse(pair{})",
			"type pair struct {\n\tk string\n\tv int\n}\n__gl_register(\"pair\", []pair(nil), []string{\"k\", \"v\"})\nuse(pair{})"},
		{"embedded fields are named after their type",
			"type row struct {\n\t*base\n\tfmt.Stringer\n}",
			"type row struct {\n\t*base\n\tfmt.Stringer\n}\n__gl_register(\"row\", []row(nil), []string{\"base\", \"Stringer\"})"},
		{"other types and aliases are left alone",
			"type celsius float64\ntype p = struct{ x int }\nvar x celsius",
			"type celsius float64\ntype p = struct{ x int }\nvar x celsius"},
		{"nested blocks too",
			"if ok {\n\ttype t struct{ a int }\n}",
			"if ok {\n\ttype t struct{ a int }\n\t__gl_register(\"t\", []t(nil), []string{\"a\"})\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { RegisterLocalTypes(n); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
