package rewrite

import (
	"go/ast"
	"strings"
	"testing"
)

func TestGenerics(t *testing.T) {
	evens := "func Evens[T any](seq iter.Seq[T]) iter.Seq[T] {\n\treturn func(yield func(T) bool) {\n\t\tfor v := range seq {\n\t\t\tif !yield(v) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}"
	pair := "func Pair[K comparable, V any](k K, v V, out func(K, V)) { var zero V; _ = zero; out(k, v); p := T{}; _ = p.T }"
	cases := []struct {
		name string
		g    Generic
		in   string
		out  string
	}{
		{"an iterator adapter for ints", Generic{Decl: evens, TypeParams: []string{"T"}, TypeArgs: []string{"int"}},
			`for x := range Evens(count(3)) { use(x) }`,
			`for x := range func(seq iter.Seq[int]) iter.Seq[int] {
	return func(yield func(int) bool) {
		for v := range seq {
			if !yield(v) {
				return
			}
		}
	}
}(count(3)) { use(x) }`},
		{"explicit type arguments, a pointer type parenthesised, a field named like a parameter kept", Generic{Decl: strings.ReplaceAll(pair, "T{}", "Box{}"), TypeParams: []string{"K", "V"}, TypeArgs: []string{"string", "*Point"}},
			`Pair[string, *Point]("a", p, show)`,
			`func(k string, v (*Point), out func(string, (*Point))) { var zero (*Point); _ = zero; out(k, v); p := Box{}; _ = p.T }("a", p, show)`},
		{"used as a value", Generic{Decl: evens, TypeParams: []string{"T"}, TypeArgs: []string{"string"}},
			`f := Evens[string]; apply(Evens[string], xs)`,
			`f := func(seq iter.Seq[string]) iter.Seq[string] {
	return func(yield func(string) bool) {
		for v := range seq {
			if !yield(v) {
				return
			}
		}
	}
}
apply(func(seq iter.Seq[string]) iter.Seq[string] {
	return func(yield func(string) bool) {
		for v := range seq {
			if !yield(v) {
				return
			}
		}
	}
}, xs)`},
		{"a call of another func is left alone", Generic{Decl: evens, TypeParams: []string{"T"}, TypeArgs: []string{"int"}},
			`Odds(count(3))`,
			`Odds(count(3))`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error {
				return Generics(n, func(id *ast.Ident) (Generic, bool) {
					name := strings.TrimPrefix(strings.Fields(tc.g.Decl)[1], "")
					return tc.g, strings.HasPrefix(name, id.Name+"[")
				})
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

func TestGenericsSaysWhatItCannotCopy(t *testing.T) {
	_, err := rewriteBody(t, `F(1)`, func(n ast.Node) error {
		return Generics(n, func(*ast.Ident) (Generic, bool) {
			return Generic{Decl: "func F[T any](x T) {}", TypeParams: []string{"T"}, TypeArgs: []string{}}, true
		})
	})
	if err == nil || !strings.Contains(err.Error(), "0 type arguments for 1 type parameters") {
		t.Fatalf("want an error about the type arguments, got %v", err)
	}
}
