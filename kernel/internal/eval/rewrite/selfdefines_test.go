package rewrite

import (
	"go/ast"
	"testing"
)

func TestSelfDefine(t *testing.T) {
	cases := []struct{ name, in, pre, out string }{
		{"a := reading its name", "x := x * 2", "__gl_t1 := x * 2", "x := __gl_t1"},
		{"two names, one read", "a, b := b+1, 2", "__gl_t1, __gl_t2 := b+1, 2", "a, b := __gl_t1, __gl_t2"},
		{"a typed var", "var n int64 = n + 1", "var __gl_t1 int64 = n + 1", "var n int64 = __gl_t1"},
		{"a method of the name's value", "p := p.Moved()", "__gl_t1 := p.Moved()", "p := __gl_t1"},
		{"a field named like it is no read", "x := T{x: 1}", "", "x := T{x: 1}"},
		{"a selector's name is no read", "x := pkg.x", "", "x := pkg.x"},
		{"another name", "y := x + 1", "", "y := x + 1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var pre ast.Stmt
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error {
				b := n.(*ast.BlockStmt)
				p, ok := SelfDefine(b.List[0], counter())
				if ok {
					pre = p
					b.List = append([]ast.Stmt{p}, b.List...)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := tc.out
			if tc.pre != "" {
				want = tc.pre + "\n" + tc.out
			}
			if want = gofmt(t, want); got != want || (pre != nil) != (tc.pre != "") {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestTopLevelReturns(t *testing.T) {
	in := `if n == 0 {
	return
}
for i := range 3 {
	switch i {
	case 2:
		return
	}
}
f := func() { return }
return`
	out := `if n == 0 {
	__glrt.Return()
}
for i := range 3 {
	switch i {
	case 2:
		__glrt.Return()
	}
}
f := func() { return }
__glrt.Return()`
	got, err := rewriteBody(t, in, func(n ast.Node) error {
		TopLevelReturns(n.(*ast.BlockStmt).List)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := gofmt(t, out); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
