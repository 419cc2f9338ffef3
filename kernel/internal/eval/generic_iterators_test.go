package eval

import "testing"

// TestGenericIteratorAdapters checks the cell's generic funcs that take or
// return iterators, which run as concrete copies (rewrite.Generics).
func TestGenericIteratorAdapters(t *testing.T) {
	decl := "import (\"fmt\"; \"iter\"; \"slices\")\n" +
		"func Evens[T any](seq iter.Seq[T]) iter.Seq[T] { return func(yield func(T) bool) { i := 0; for v := range seq { if i%2 == 0 && !yield(v) { return }; i++ } } }"
	runOutCases(t, []outCase{
		{name: "declared in an earlier cell", cells: []string{decl, "for v := range Evens(slices.Values([]string{\"a\", \"b\", \"c\"})) { fmt.Println(v) }"}, out: "a\nc\n"},
		{name: "kept in a variable of the iterator type", cells: []string{decl, "var ev iter.Seq[int] = Evens(slices.Values([]int{5, 6, 7}))\nfmt.Println(slices.Collect(ev))"}, out: "[5 7]\n"},
		{name: "used as a value", cells: []string{decl, "f := Evens[int]\nfmt.Println(slices.Collect(f(slices.Values([]int{4, 5, 6}))))"}, out: "[4 6]\n"},
		{name: "a local variable named like a name the func uses: not copied, the error says why", cells: []string{decl,
			"func Firsts[T any](seq iter.Seq[T]) iter.Seq[T] { return Evens(seq) }",
			"func run() { Evens := 1; _ = Evens; for v := range Firsts(slices.Values([]int{1, 2, 3})) { fmt.Println(v) } }\nrun()"},
			errName: "CompileError", errHas: "generic func"},
	})
}

// TestRestoreKeepsConcreteIteratorCopies checks that declarations using
// the standard iterator functions and a generic adapter, replayed after a
// restart (without Eval's type check), still get their concrete copies.
func TestRestoreKeepsConcreteIteratorCopies(t *testing.T) {
	cells := []string{
		"import (\"fmt\"; \"iter\"; \"maps\"; \"slices\")",
		"func Evens[T any](seq iter.Seq[T]) iter.Seq[T] { return func(yield func(T) bool) { i := 0; for v := range seq { if i%2 == 0 && !yield(v) { return }; i++ } } }",
		"stock := map[string]int{\"b\": 2, \"a\": 1, \"c\": 3}\nfunc names() []string { return slices.Collect(Evens(slices.Values(slices.Sorted(maps.Keys(stock))))) }",
	}
	e := newTestEvaluator(t, "", "")
	_, lost := e.Restore(t.Context(), cells, nil, "")
	if len(lost) != 0 {
		t.Fatalf("lost %v", lost)
	}
	out := captureStdout(t, func() {
		if _, err := e.Eval(t.Context(), "fmt.Println(names())"); err != nil {
			t.Errorf("names(): %v", err)
		}
	})
	if out != "[a c]\n" {
		t.Errorf("got %q, want %q", out, "[a c]\n")
	}
}

// TestRedefinitionsReachConcreteCopies checks that a func using copies of
// iterator functions still compiles when a func it calls is redefined
// (its text is recompiled with its own cell's facts), and that
// redefining a generic func its copies came from recompiles it too.
func TestRedefinitionsReachConcreteCopies(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a helper redefined", cells: []string{
			"import (\"fmt\"; \"iter\"; \"maps\"; \"slices\")\nstock := map[string]int{\"b\": 2, \"a\": 1}",
			"func tag(s string) string { return s }",
			"func names() []string { var out []string; for _, k := range slices.Sorted(maps.Keys(stock)) { out = append(out, tag(k)) }; return out }",
			"func tag(s string) string { return \"#\" + s }",
			"fmt.Println(names())"}, out: "[#a #b]\n"},
		{name: "the generic func redefined", cells: []string{
			"import (\"fmt\"; \"iter\"; \"slices\")",
			"func Pick[T any](seq iter.Seq[T]) iter.Seq[T] { return func(yield func(T) bool) { for v := range seq { if !yield(v) { return } } } }",
			"func picked() []int { return slices.Collect(Pick(slices.Values([]int{1, 2, 3}))) }",
			"func Pick[T any](seq iter.Seq[T]) iter.Seq[T] { return func(yield func(T) bool) { n := 0; for v := range seq { if n%2 == 0 && !yield(v) { return }; n++ } } }",
			"fmt.Println(picked())"}, out: "[1 3]\n"},
	})
}

// sync's generic funcs run through concrete copies written for the
// types the checker found (rewrite.Seqs); expected outputs from go run.
func TestSyncOnceValues(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "computed once, shared, panics kept", cells: []string{`import ("fmt"; "strconv"; "sync")`, `calls := 0
get := sync.OnceValue(func() []string { calls++; return []string{"a"} })
parse := sync.OnceValues(func() (int, error) { calls++; return strconv.Atoi("12") })
n, err := parse()
n2, _ := parse()
fmt.Println(get(), get(), n, n2, err, calls)
bad := sync.OnceValue(func() int { panic("no") })
for i := 0; i < 2; i++ {
	func() { defer func() { fmt.Println(recover()) }(); bad() }()
}`}, out: "[a] [a] 12 12 <nil> 2\nno\nno\n"},
	})
}

// sync/atomic's Pointer[T] runs as the prelude's stand-in
// (rewrite.StdTypes); expected outputs from go run.
func TestAtomicPointer(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "load, store, swap, compare-and-swap, as a field", cells: []string{`import ("fmt"; "sync/atomic")
type Config struct{ N int }
type Server struct{ cfg atomic.Pointer[Config] }`, `var p atomic.Pointer[Config]
fmt.Println(p.Load() == nil)
p.Store(&Config{3})
old := p.Swap(&Config{4})
fmt.Println(old.N, p.CompareAndSwap(old, &Config{9}), p.CompareAndSwap(p.Load(), &Config{5}), p.Load().N)
s := &Server{}
s.cfg.Store(&Config{7})
fmt.Println(s.cfg.Load().N)`}, out: "true\n3 false true 5\n7\n"},
	})
}

func TestALoopOverASliceNamedAsAnotherFuncsIterator(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a parameter, a local and a generic func's slice named like an iterator parameter", cells: []string{`import ("fmt"; "iter")
func Drain(s func(func(int) bool)) {
	for range s {
	}
}
func Filter[T any](s iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range s {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}
func Enumerate[T any](s []T) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}
func sum(s []int) (n int) {
	for _, v := range s {
		n += v
	}
	return n
}`, `s := map[string]int{"a": 1}
for k, v := range s {
	fmt.Print(k, v, " ")
}
for i, s := range Enumerate([]string{"x", "y"}) {
	fmt.Print(i, s, " ")
}
for v := range Filter(func(yield func(int) bool) { _ = yield(1) && yield(2) }, func(n int) bool { return n > 1 }) {
	fmt.Print(v, " ")
}
fmt.Println(sum([]int{1, 2, 3}))`}, out: "a1 0x 1y 2 6\n"},
	})
}

func TestARangeOverAnIntegerInAGenericFuncsCopy(t *testing.T) {
	// A generic func taking or returning funcs runs as a copy written for
	// its type arguments, where the type checker's facts do not reach.
	runOutCases(t, []outCase{
		{name: "a zip ranging over min(len(as), len(bs))", cells: []string{`package main
import ("fmt"; "iter")
func Zip[A, B any](as []A, bs []B) iter.Seq2[A, B] {
	return func(yield func(A, B) bool) {
		for i := range min(len(as), len(bs)) {
			if !yield(as[i], bs[i]) {
				return
			}
		}
	}
}
func main() {
	for a, b := range Zip([]string{"a", "b", "c"}, []int{1, 2}) {
		fmt.Print(a, b, " ")
	}
	fmt.Println()
}`}, out: "a1 b2 \n"},
		{name: "a closure ranging over a variable set by a call", cells: []string{`package main
import "fmt"
func Idx[A any](as []A) func() int {
	return func() int {
		s := 0
		n := min(len(as), 2)
		for i := range n {
			s += i
		}
		return s
	}
}
func main() { fmt.Println(Idx([]string{"a", "b", "c"})()) }`}, out: "1\n"},
	})
}
