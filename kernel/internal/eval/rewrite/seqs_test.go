package rewrite

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// rewriteBody parses body as the body of a func, applies fn to it and
// returns the body's statements, gofmt'd.
func rewriteBody(t *testing.T, body string, fn func(ast.Node) error) (string, error) {
	t.Helper()
	var err error
	out := rewriteBodyIn(t, token.NewFileSet(), body, func(n ast.Node) { err = fn(n) })
	return out, err
}

// rewriteBodyIn is rewriteBody parsing into fset; the body starts on
// the file's third line.
func rewriteBodyIn(t *testing.T, fset *token.FileSet, body string, fn func(ast.Node)) string {
	t.Helper()
	f, err := parser.ParseFile(fset, "cell", "package main\nfunc _() {\n"+body+"\n}\n", parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse %q: %v", body, err)
	}
	fd := f.Decls[0].(*ast.FuncDecl)
	fn(fd.Body)
	var b bytes.Buffer
	for _, s := range fd.Body.List {
		if err := format.Node(&b, token.NewFileSet(), s); err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// gofmt formats statements as rewriteBody prints them.
func gofmt(t *testing.T, src string) string {
	t.Helper()
	out, err := rewriteBody(t, src, func(ast.Node) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// seqsAt answers Seqs' question from the function's name alone, as if
// the type checker had found those element types.
func seqsAt(types map[string][]string) func(*ast.Ident) (Seq, bool) {
	return func(sel *ast.Ident) (Seq, bool) {
		for name, ts := range types {
			pkg, fn, _ := strings.Cut(name, ".")
			if fn == sel.Name {
				return Seq{Pkg: pkg, Func: fn, Types: ts}, true
			}
		}
		return Seq{}, false
	}
}

func TestSeqs(t *testing.T) {
	cases := []struct {
		name  string
		types map[string][]string
		in    string
		out   string
	}{
		{"maps.Keys collected and sorted", map[string][]string{"maps.Keys": {"string", "int"}, "slices.Sorted": {"string"}},
			`ks := slices.Sorted(maps.Keys(m))`,
			`ks := func(__gl_seq func(func(string) bool)) []string {
	var __gl_s []string
	__gl_seq(func(__gl_v string) bool { __gl_s = append(__gl_s, __gl_v); return true })
	slices.Sort(__gl_s)
	return __gl_s
}(func(__gl_m map[string]int) func(func(string) bool) {
	return func(__gl_yield func(string) bool) {
		for __gl_k := range __gl_m {
			if !__gl_yield(__gl_k) {
				return
			}
		}
	}
}(m))`},
		{"a renamed import sorts with its own name", map[string][]string{"slices.Sorted": {"float64"}},
			`xs := sl.Sorted(seq)`,
			`xs := func(__gl_seq func(func(float64) bool)) []float64 {
	var __gl_s []float64
	__gl_seq(func(__gl_v float64) bool { __gl_s = append(__gl_s, __gl_v); return true })
	sl.Sort(__gl_s)
	return __gl_s
}(seq)`},
		{"maps.Values of a cell type passed on", map[string][]string{"maps.Values": {"string", "Planet"}},
			`show(maps.Values(byName))`,
			`show(func(__gl_m map[string]Planet) func(func(Planet) bool) {
	return func(__gl_yield func(Planet) bool) {
		for _, __gl_v := range __gl_m {
			if !__gl_yield(__gl_v) {
				return
			}
		}
	}
}(byName))`},
		{"iter.Pull of a one-value iterator", map[string][]string{"iter.Pull": {"int"}},
			`next, stop := iter.Pull(count)`,
			`next, stop := func(__gl_seq func(func(int) bool)) (func() (int, bool), func()) {
	__gl_p := __glrt.Pull(__gl_seq)
	return func() (int, bool) { return __gl_next1(__gl_seq, __gl_p) }, func() { __gl_p.Stop() }
}(count)`},
		{"range over maps.Keys is a range over the map", map[string][]string{"maps.Keys": {"string", "int"}},
			`for k := range maps.Keys(m) { use(k) }`,
			`for k := range m { use(k) }`},
		{"range over maps.Values moves the variable to the value", map[string][]string{"maps.Values": {"string", "int"}},
			`for v := range maps.Values(m) { use(v) }`,
			`for _, v := range m { use(v) }`},
		{"range over slices.All is a range over the slice", map[string][]string{"slices.All": {"int"}},
			`for i, v := range slices.All(xs) { use(i, v) }`,
			`for i, v := range xs { use(i, v) }`},
		{"range over slices.Backward is left to the loop rewrite", map[string][]string{"slices.Backward": {"int"}},
			`for i, v := range slices.Backward(xs) { use(i, v) }`,
			`for i, v := range slices.Backward(xs) { use(i, v) }`},
		{"a call the checker did not type is left alone", map[string][]string{},
			`ks := slices.Collect(maps.Keys(m))`,
			`ks := slices.Collect(maps.Keys(m))`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error { return Seqs(n, seqsAt(tc.types)) })
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestSeqsRefusesATypeItCannotWrite(t *testing.T) {
	_, err := rewriteBody(t, `ks := maps.Keys(m)`, func(n ast.Node) error {
		return Seqs(n, seqsAt(map[string][]string{"maps.Keys": {"struct{", "int"}}))
	})
	if err == nil || !strings.Contains(err.Error(), "maps.Keys of struct{, int") {
		t.Fatalf("want an error naming the call and its types, got %v", err)
	}
}

func TestSeqsIgnoresFactsOfOtherCode(t *testing.T) {
	keys := func(*ast.Ident) (Seq, bool) {
		return Seq{Pkg: "maps", Func: "Keys", Types: []string{"string", "int"}}, true
	}
	got, err := rewriteBody(t, `f := strings.Fields(s)`, func(n ast.Node) error { return Seqs(n, keys) })
	if err != nil {
		t.Fatal(err)
	}
	if want := gofmt(t, `f := strings.Fields(s)`); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
