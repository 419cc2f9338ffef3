package rewrite

import (
	"go/ast"
	"testing"
)

func TestRangeByIndex(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"value only", "for _, c := range cs {\n\tuse(c)\n}",
			"__gl_s1 := cs\nfor __gl_k2 := range __gl_s1 {\n\tc := __gl_s1[__gl_k2]\n\tuse(c)\n}"},
		{"key and value", "for i, c := range chans() {\n\tuse(i, c)\n}",
			"__gl_s1 := chans()\nfor __gl_k2 := range __gl_s1 {\n\ti, c := __gl_k2, __gl_s1[__gl_k2]\n\tuse(i, c)\n}"},
		{"assigning existing variables", "for i, c = range cs {\n}",
			"__gl_s1 := cs\nfor __gl_k2 := range __gl_s1 {\n\ti, c = __gl_k2, __gl_s1[__gl_k2]\n}"},
		{"a label stays on the loop", "L:\n\tfor _, c := range cs {\n\t\tcontinue L\n\t}",
			"__gl_s1 := cs\nL:\n\tfor __gl_k2 := range __gl_s1 {\n\t\tc := __gl_s1[__gl_k2]\n\t\tcontinue L\n\t}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error {
				n.(*ast.BlockStmt).List = byIndexAll(n.(*ast.BlockStmt).List)
				return nil
			})
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// byIndexAll applies RangeByIndex to the list's range loops, as the
// evaluator does to those the type checker says range over channels.
func byIndexAll(list []ast.Stmt) []ast.Stmt {
	temp := counter()
	var out []ast.Stmt
	for _, s := range list {
		inner := s
		if l, ok := s.(*ast.LabeledStmt); ok {
			inner = l.Stmt
		}
		if r, ok := inner.(*ast.RangeStmt); ok {
			pre, loop := RangeByIndex(s, r, temp)
			out = append(out, pre, loop)
			continue
		}
		out = append(out, s)
	}
	return out
}
