package rewrite

import (
	"go/ast"
	"testing"
)

func TestElemStringers(t *testing.T) {
	cases := []struct {
		name, in, out string
		es            []ElemStringer
	}{
		{"a slice of a Stringer", "fmt.Println(\"days:\", days)",
			"fmt.Println(\"days:\", __glrt.Elems(days, nil, func(__gl_v Weekday) string { return __gl_v.String() }))",
			[]ElemStringer{{Index: 1, Elem: "Weekday", ElemMethod: "String"}}},
		{"a map keyed by an error type", "fmt.Printf(\"%v\", counts)",
			"fmt.Printf(\"%v\", __glrt.Elems(counts, func(__gl_v Code) string { return __gl_v.Error() }, nil))",
			[]ElemStringer{{Index: 1, Key: "Code", KeyMethod: "Error"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error {
				ElemStringers(n, func(*ast.Ident) ([]ElemStringer, bool) { return tc.es, true })
				return nil
			})
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
