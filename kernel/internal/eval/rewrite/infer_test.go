package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

func TestInferTypeArgs(t *testing.T) {
	decls := map[string]string{
		"MaxOf": "func MaxOf[T int | float64](xs ...T) T { return xs[0] }",
		"Map":   "func Map[T, U any](xs []T, f func(T) U) []U { return nil }",
		"Keys":  "func Keys[K comparable, V any](m map[K]V) []K { return nil }",
	}
	decl := func(name string) *ast.FuncDecl {
		src, ok := decls[name]
		if !ok {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, 0)
		if err != nil {
			t.Fatal(err)
		}
		return f.Decls[0].(*ast.FuncDecl)
	}
	vars := map[string]string{"scores": "map[string]float64"}
	varType := func(name string) ast.Expr {
		if s, ok := vars[name]; ok {
			x, _ := parser.ParseExpr(s)
			return x
		}
		return nil
	}
	cases := []struct{ name, in, out string }{
		{"through a variadic parameter", `m := MaxOf(3, 9, 2)`, `m := MaxOf[int](3, 9, 2)`},
		{"through a func literal's result and a local", "nums := []int{1}\ns := Map(nums, func(n int) string { return \"\" })",
			"nums := []int{1}\ns := Map[int, string](nums, func(n int) string { return \"\" })"},
		{"through a variable declared elsewhere", `ks := Keys(scores)`, `ks := Keys[string, float64](scores)`},
		{"a parameter it cannot bind: untouched", `s := Map(unknown, f)`, `s := Map(unknown, f)`},
		{"not a generic func: untouched", `x := Other(1)`, `x := Other(1)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { InferTypeArgs(n, decl, varType); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestWriteTypeArgs(t *testing.T) {
	known := map[string][]string{"Sum": {"float64"}, "Pairs": {"string", "[]Point"}}
	args := func(fn *ast.Ident) ([]string, bool) {
		a, ok := known[fn.Name]
		return a, ok
	}
	cases := []struct{ name, in, out string }{
		{"one type argument", `fmt.Println(Sum(1.5, 2))`, `fmt.Println(Sum[float64](1.5, 2))`},
		{"two, written as given", `p := Pairs(m)`, `p := Pairs[string, []Point](m)`},
		{"already written: untouched", `s := Sum[float64](1)`, `s := Sum[float64](1)`},
		{"unknown func: untouched", `x := Other(1)`, `x := Other(1)`},
		{"a func value passed on", `fmt.Println(Apply(xs, Sum))`, `fmt.Println(Apply(xs, Sum[float64]))`},
		{"a func value assigned", `var f func(...float64) float64 = Sum`, `var f func(...float64) float64 = Sum[float64]`},
		{"a selector's name: untouched", `x := p.Sum`, `x := p.Sum`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { WriteTypeArgs(n, args); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
