package rewrite

import (
	"go/ast"
	"testing"
)

// rangeRewrite applies RangeFunc (arity from seqs by the ranged name) or,
// for slices.Backward, RangeBackward to the first statement of a body.
func rangeRewrite(seqs map[string]int) func(ast.Node) error {
	return func(n ast.Node) error {
		temp := counter()
		b := n.(*ast.BlockStmt)
		s := b.List[0]
		inner := s
		if l, ok := s.(*ast.LabeledStmt); ok {
			inner = l.Stmt
		}
		r := inner.(*ast.RangeStmt)
		if call, ok := r.X.(*ast.CallExpr); ok {
			b.List[0] = RangeBackward(s, r, call.Args[0], temp)
			return nil
		}
		fieldType := func(x ast.Expr) ast.Expr {
			if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "items" {
				return &ast.Ident{Name: "Seq"}
			}
			return nil
		}
		name := r.X.(ast.Node)
		if sel, ok := name.(*ast.SelectorExpr); ok {
			name = sel.Sel
		}
		b.List[0] = RangeFunc(s, r, seqs[name.(*ast.Ident).Name], temp, fieldType)
		return nil
	}
}

func TestRangeFunc(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"define with break", "for x := range seq { if x > 1 { break } }",
			`{
	__gl_s1 := seq
	__gl_p2 := __glrt.Pull(__gl_s1)
	defer __gl_p2.Stop()
	for {
		x, __gl_ok3 := __gl_next1(__gl_s1, __gl_p2)
		if !__gl_ok3 { break }
		if x > 1 { break }
	}
	__gl_p2.Stop()
}`},
		{"pairs assigned, return stops first", "for k, v = range seq2 { return }",
			`{
	__gl_s1 := seq2
	__gl_p2 := __glrt.Pull(__gl_s1)
	defer __gl_p2.Stop()
	for {
		__gl_v4, __gl_v5, __gl_ok3 := __gl_next2(__gl_s1, __gl_p2)
		if !__gl_ok3 { break }
		k = __gl_v4
		v = __gl_v5
		{ __gl_p2.Stop(); return }
	}
	__gl_p2.Stop()
}`},
		{"labelled, continue to an outer label stops, to its own does not", "L: for range seq { continue M; continue L }",
			`{
	__gl_s1 := seq
	__gl_p2 := __glrt.Pull(__gl_s1)
	defer __gl_p2.Stop()
L:
	for {
		_, __gl_ok3 := __gl_next1(__gl_s1, __gl_p2)
		if !__gl_ok3 { break }
		{ __gl_p2.Stop(); continue M }
		continue L
	}
	__gl_p2.Stop()
}`},
		{"a struct field gets its declared type", "for v := range b.items { use(v) }",
			`{
	var __gl_s1 Seq = b.items
	__gl_p2 := __glrt.Pull(__gl_s1)
	defer __gl_p2.Stop()
	for {
		v, __gl_ok3 := __gl_next1(__gl_s1, __gl_p2)
		if !__gl_ok3 { break }
		use(v)
	}
	__gl_p2.Stop()
}`},
		{"slices.Backward counts down over the slice evaluated once", "for i, v := range slices.Backward(xs()) { use(i, v) }",
			`{
	__gl_b1 := xs()
	for __gl_i2 := len(__gl_b1) - 1; __gl_i2 >= 0; __gl_i2-- {
		i, v := __gl_i2, __gl_b1[__gl_i2]
		use(i, v)
	}
}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, rangeRewrite(map[string]int{"seq": 1, "seq2": 2, "items": 1}))
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
