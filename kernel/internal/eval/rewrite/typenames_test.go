package rewrite

import (
	"go/ast"
	"testing"
)

func TestTypeNames(t *testing.T) {
	cases := []struct {
		name  string
		names []string // what the checker found for the call of Printf
		in    string
		out   string
	}{
		{"a named float labelled, the same value under %v untouched", []string{"", "main.Celsius", ""},
			`fmt.Printf("%T %v", c, c)`,
			`fmt.Printf("%T %v", __glrt.TypeLabel("main.Celsius", c), c)`},
		{"a composite of a named type", []string{"", "[]main.Celsius"},
			`fmt.Printf("%T", temps())`,
			`fmt.Printf("%T", __glrt.TypeLabel("[]main.Celsius", temps()))`},
		{"an interface value is left to the runtime", []string{"", "?"},
			`fmt.Printf("%T", v)`,
			`fmt.Printf("%T", __glrt.TypeOfAny(interface{}(v)))`},
		{"a type the interpreter names right", []string{"", "="},
			`fmt.Printf("%T", 1.5)`,
			`fmt.Printf("%T", __glrt.TypeExact(1.5))`},
		{"nothing to do", []string{"", ""},
			`fmt.Printf("%T", 1.5)`,
			`fmt.Printf("%T", 1.5)`},
		{"argument count differs from the facts: untouched", []string{"", "main.Celsius"},
			`fmt.Printf("%T %T", c, c)`,
			`fmt.Printf("%T %T", c, c)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error {
				TypeNames(n, func(sel *ast.Ident) ([]string, bool) { return tc.names, sel.Name == "Printf" })
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
