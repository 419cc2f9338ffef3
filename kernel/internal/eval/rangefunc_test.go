package eval

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"golessons/kernel/internal/eval/rewrite"
)

// TestRangeFuncRewrite checks the source a range-over-func loop becomes.
func TestRangeFuncRewrite(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"define with break", "for x := range seq { if x > 1 { break } }",
			"{ __gl_s1 := seq; __gl_p2 := __glrt.Pull(__gl_s1); defer __gl_p2.Stop(); for { x, __gl_ok3 := __gl_next1(__gl_s1, __gl_p2); if !__gl_ok3 { break }; if x > 1 { break } }; __gl_p2.Stop() }"},
		{"pairs assigned, return stops first", "for k, v = range seq2 { return }",
			"{ __gl_s1 := seq2; __gl_p2 := __glrt.Pull(__gl_s1); defer __gl_p2.Stop(); for { __gl_v4, __gl_v5, __gl_ok3 := __gl_next2(__gl_s1, __gl_p2); if !__gl_ok3 { break }; k = __gl_v4; v = __gl_v5; { __gl_p2.Stop(); return } }; __gl_p2.Stop() }"},
		{"labelled, continue to an outer label stops", "L: for range seq { continue M; continue L }",
			"{ __gl_s1 := seq; __gl_p2 := __glrt.Pull(__gl_s1); defer __gl_p2.Stop(); L: for { _, __gl_ok3 := __gl_next1(__gl_s1, __gl_p2); if !__gl_ok3 { break }; { __gl_p2.Stop(); continue M }; continue L }; __gl_p2.Stop() }"},
		{"not an iterator: untouched", "for i := range xs { _ = i }", "for i := range xs { _ = i }"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEvaluator(t, "", "")
			f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+tc.in+"\n}", 0)
			if err != nil {
				t.Fatal(err)
			}
			body := f.Decls[0].(*ast.FuncDecl).Body
			e.tmp = 0
			e.seqs = &seqScope{names: seqNames{"seq": 1, "seq2": 2}}
			e.rewriteLoops(body, rewrite.IntNames{})
			if got := oneLine(exprString(body.List[0])); got != tc.out {
				t.Errorf("got\n%s\nwant\n%s", got, tc.out)
			}
		})
	}
}

// oneLine joins printed Go source into one line with "; " between statements.
func oneLine(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		out = append(out, strings.TrimSpace(l))
	}
	s = strings.Join(out, "; ")
	for _, r := range [][2]string{{"{; ", "{ "}, {"; }", " }"}, {":; for", ": for"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	return s
}

func TestRangeOverFuncInCells(t *testing.T) {
	count := "import (\"fmt\"; \"iter\")\nfunc count(n int) iter.Seq[int] { return func(yield func(int) bool) { defer fmt.Println(\"done\"); for i := range n { if !yield(i) { return } } } }"
	runOutCases(t, []outCase{
		{name: "variable holding an iterator from an earlier cell", cells: []string{count, "s := count(3)", "for x := range s { fmt.Println(x) }"}, out: "0\n1\n2\ndone\n"},
		{name: "func literal ranged directly", cells: []string{"import \"fmt\"\nfor k, v := range func(yield func(string, int) bool) { yield(\"a\", 1) } { fmt.Println(k, v) }"}, out: "a 1\n"},
		{name: "parameter of a named iterator type", cells: []string{"import \"fmt\"\ntype Gen func(yield func(int) bool)\nfunc sum(g Gen) (t int) { for v := range g { t += v }; return }\nfunc three(yield func(int) bool) { _ = yield(1) && yield(2) && yield(3) }",
			"fmt.Println(sum(three))"}, out: "6\n"},
		{name: "panic in the iterator reaches the cell", cells: []string{"func bad(yield func(int) bool) { panic(\"boom\") }\nfor range bad {}"}, errName: "panic", errHas: "boom"},
		{name: "slices.Backward counts down, fresh variables each time", cells: []string{"import (\"fmt\"; \"slices\")\nvar fs []func() string\nfor i, v := range slices.Backward([]string{\"a\", \"b\", \"c\"}) { if i == 1 { continue }; fs = append(fs, func() string { return fmt.Sprint(i, v) }) }\nfor _, f := range fs { fmt.Println(f()) }"},
			out: "2c\n0a\n"},
		{name: "iterator from a generic func is a concrete copy", cells: []string{count + "\nfunc Evens[T any](seq iter.Seq[T]) iter.Seq[T] { return func(yield func(T) bool) { for v := range seq { if !yield(v) { return } } } }",
			"var ev iter.Seq[int] = Evens(count(2))\nfor x := range ev { fmt.Println(x) }"}, out: "0\n1\ndone\n"},
		{name: "iterator from a generic func calling itself", cells: []string{count + "\nfunc Evens[T any](seq iter.Seq[T]) iter.Seq[T] { return func(yield func(T) bool) { for v := range seq { if !yield(v) { return } } } }",
			"func rec[T any](seq iter.Seq[T], n int) iter.Seq[T] { if n == 0 { return seq }; return rec(Evens(seq), n-1) }\nfor x := range rec(count(4), 2) { fmt.Println(x) }"}, out: "0\n1\n2\n3\ndone\n"},
		{name: "struct field holding an iterator", cells: []string{count + "\ntype Box struct{ items iter.Seq[int] }", "b := Box{items: count(2)}\nfor v := range b.items { fmt.Println(v) }"}, out: "0\n1\ndone\n"},
		{name: "a later slice with an iterator's name is ranged as a slice", cells: []string{count, "s := count(2)", "func sum() int { s := []int{5, 6}; t := 0; for i := range s { t += i }; return t }\nfmt.Println(sum())"}, out: "1\n"},
		{name: "iter.Pull pulls values until stopped", cells: []string{count, "next, stop := iter.Pull(count(3))\na, ok := next()\nb, _ := next()\nstop()\nc, ok2 := next()\nfmt.Println(a, ok, b, c, ok2)"}, out: "done\n0 true 1 0 false\n"},
	})
}

func TestAnIteratorYieldingAfterTheLoopLeftPanicsAsGoDoes(t *testing.T) {
	bad := "import \"fmt\"\nfunc bad(yield func(int) bool) {\n\tyield(1)\n\tyield(2)\n}"
	runOutCases(t, []outCase{
		{name: "uncaught", cells: []string{bad, "for x := range bad {\n\tfmt.Println(x)\n\tbreak\n}"}, out: "1\n",
			errName: "panic", errHas: "range function continued iteration after function for loop body returned false"},
		{name: "recovered", cells: []string{bad, `func try() (r any) {
	defer func() { r = recover() }()
	for range bad {
		break
	}
	return nil
}
_, isRuntime := try().(interface{ RuntimeError() })
fmt.Println(try(), isRuntime)`}, out: "runtime error: range function continued iteration after function for loop body returned false true\n"},
	})
}

func TestAGotoInsideARangeOverFuncBodyStaysInTheLoop(t *testing.T) {
	runOutCases(t, []outCase{{name: "forward to the body's end, backward to a retry, out of the loop", cells: []string{`import ("fmt"; "iter")
func Nums(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}`, `func f() {
	sum, tries := 0, 0
	for v := range Nums(5) {
		if v < 3 {
			goto next
		}
	retry:
		tries++
		if tries%2 == 1 {
			goto retry
		}
		sum += v
	next:
	}
	for v := range Nums(9) {
		if v == 2 {
			goto out
		}
	}
out:
	fmt.Println(sum, tries)
}
f()`}, out: "7 4\n"}})
}
