package eval

import (
	"testing"
)

func TestSlicesMapsCmp(t *testing.T) {
	imp := `import ("slices"; "maps"; "cmp"; "strings"; "strconv")`
	runCellCases(t, []cellCase{
		{name: "min max builtins", cells: []string{"min(3, 1, 2) + max(4, 9)"}, text: "10"},
		{name: "Sort", cells: []string{imp, "s := []int{3, 1, 2}\nslices.Sort(s)\ns"}, text: "[1 2 3]"},
		{name: "Sort strings", cells: []string{imp, `s := []string{"b", "c", "a"}` + "\nslices.Sort(s)\ns"}, text: "[a b c]"},
		{name: "Sort large", cells: []string{imp, "s := []int{}\nfor i := range 100 { s = append(s, (i*37)%100) }\nslices.Sort(s)\nslices.IsSorted(s) && s[0] == 0 && s[99] == 99"}, text: "true"},
		{name: "SortFunc", cells: []string{imp, "s := []int{1, 3, 2}\nslices.SortFunc(s, func(a, b int) int { return cmp.Compare(b, a) })\ns"}, text: "[3 2 1]"},
		{name: "SortFunc structs", cells: []string{imp, "type P struct{ N string; A int }", `ps := []P{{"x", 3}, {"y", 1}}` + "\nslices.SortFunc(ps, func(a, b P) int { return a.A - b.A })\nps[0].N"}, text: `"y"`},
		{name: "cell types through nested helpers", cells: []string{imp, `type C float64
cs := []C{3, 1, 2}
slices.Sort(cs)
type person struct{ Name string; Age int }
ps := []person{{"ann", 30}, {"bob", 25}}
[]any{cs, slices.Contains(cs, 2), slices.ContainsFunc(ps, func(p person) bool { return p.Age > 29 }), slices.Compact([]C{1, 1, 2})}`}, text: "[[1 2 3] true true [1 2]]"},
		{name: "Contains Index", cells: []string{imp, "s := []int{5, 6}\n[]any{slices.Contains(s, 6), slices.Index(s, 6), slices.Index(s, 9)}"}, text: "[true 1 -1]"},
		{name: "Max Min", cells: []string{imp, "s := []float64{2.5, -1, 7}\n[]float64{slices.Max(s), slices.Min(s)}"}, text: "[7 -1]"},
		{name: "Reverse", cells: []string{imp, "s := []string{\"a\", \"b\", \"c\"}\nslices.Reverse(s)\ns"}, text: "[c b a]"},
		{name: "BinarySearch", cells: []string{imp, "i, ok := slices.BinarySearch([]int{1, 3, 5}, 4)\n[]any{i, ok}"}, text: "[2 false]"},
		{name: "Equal", cells: []string{imp, "slices.Equal([]int{1, 2}, []int{1, 2})"}, text: "true"},
		{name: "Insert Delete", cells: []string{imp, "s := []int{1, 2, 3}\ns = slices.Insert(s, 1, 9, 8)\ns = slices.Delete(s, 0, 1)\ns"}, text: "[9 8 2 3]"},
		{name: "maps Keys Values sorted", cells: []string{imp, `m := map[string]int{"b": 2, "a": 1}
k := slices.Sorted(maps.Keys(m))
v := slices.Collect(maps.Values(m))
strings.Join(k, ",") + strconv.Itoa(v[0]+v[1])`}, text: `"a,b3"`},
		{name: "maps Keys", cells: []string{imp, `m := map[string]int{"b": 2, "a": 1}
k := slices.Collect(maps.Keys(m))
slices.Sort(k)
k`}, text: "[a b]"},
		{name: "maps Clone Copy Equal DeleteFunc", cells: []string{imp, `m := map[string]int{"a": 1, "b": 2}
c := maps.Clone(m)
d := map[string]int{}
maps.Copy(d, m)
maps.DeleteFunc(c, func(k string, v int) bool { return v > 1 })
[]any{maps.Equal(m, d), len(c)}`}, text: "[true 1]"},
		{name: "cmp Compare Less", cells: []string{imp, `[]any{cmp.Compare(1, 2), cmp.Compare("b", "a"), cmp.Less(1.5, 2.5)}`}, text: "[-1 1 true]"},
		{name: "cmp Or and min", cells: []string{imp, "[]int{cmp.Or(0, 7), min(3, 1)}"}, text: "[7 1]"},
		{name: "range over maps.Keys yields keys", cells: []string{imp, `ages := map[string]int{"ann": 30, "bob": 25}
var ks []string
for k := range maps.Keys(ages) { ks = append(ks, k) }
slices.Sort(ks)
ks`}, text: "[ann bob]"},
		{name: "slices.Sorted(maps.Keys(m))", cells: []string{imp, `slices.Sorted(maps.Keys(map[string]bool{"b": true, "a": true}))`}, text: "[a b]"},
		{name: "slices.Collect", cells: []string{imp, `len(slices.Collect(maps.Values(map[int]int{1: 2, 3: 4})))`}, text: "2"},
		{name: "cmp Ordered in user generic", cells: []string{imp, "func Biggest[T cmp.Ordered](xs []T) T { b := xs[0]; for _, x := range xs { if x > b { b = x } }; return b }", "Biggest([]int{4, 9, 2})"}, text: "9"},
	})
}

func TestGenerics(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "Map Filter Reduce", cells: []string{`func Map[T, U any](xs []T, f func(T) U) []U { var out []U; for _, x := range xs { out = append(out, f(x)) }; return out }
func Filter[T any](xs []T, keep func(T) bool) []T { var out []T; for _, x := range xs { if keep(x) { out = append(out, x) } }; return out }
func Reduce[T, A any](xs []T, init A, f func(A, T) A) A { acc := init; for _, x := range xs { acc = f(acc, x) }; return acc }`,
			`evens := Filter([]int{1, 2, 3, 4}, func(x int) bool { return x%2 == 0 })
sq := Map(evens, func(x int) int { return x * x })
Reduce(sq, 0, func(a, x int) int { return a + x })`}, text: "20"},
		{name: "inference through func literal result and variadic", cells: []string{`import "strconv"
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs { out = append(out, f(x)) }
	return out
}
func MaxOf[T int | float64 | string](xs ...T) T {
	m := xs[0]
	for _, x := range xs[1:] { if x > m { m = x } }
	return m
}`, `nums := []int{1, 2}
strs := Map(nums, func(n int) string { return "#" + strconv.Itoa(n) })
[]any{strs, MaxOf(3, 9, 2), MaxOf("a", "c", "b")}`}, text: "[[#1 #2] 9 c]"},
		{name: "Stack[T]", cells: []string{`type Stack[T any] struct{ items []T }
func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 { return zero, false }
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}`, `s := &Stack[string]{}
s.Push("a")
s.Push("b")
v, _ := s.Pop()
v`}, text: `"b"`},
		{name: "Number constraint", cells: []string{`type Number interface { ~int | ~float64 }
func Sum[T Number](xs []T) T { var t T; for _, x := range xs { t += x }; return t }`, "type Celsius float64", "[]any{Sum([]int{1, 2}), Sum([]float64{0.5, 0.25}), Sum([]Celsius{1, 2})}"}, text: "[3 0.75 3]"},
		{name: "yaegi 1599 instantiated generic as value", cells: []string{"func SumG[T ~int](a, b T) T { return a + b }", "f := SumG[int]\nf(1, 1)"}, text: "2"},
		{name: "yaegi 1610 explicit type argument works", cells: []string{`import "fmt"`, `var values = []string{"hello", "there"}
func print[T any](v ...[]T) { fmt.Println(v) }`, "print[string](values)"}},
		{name: "yaegi 1610 inferred by the kernel", cells: []string{`import "fmt"`, `var values = []string{"hello", "there"}
func print[T any](v ...[]T) { fmt.Println(v) }`, "print(values)\nfmt.Sprint(values)"}, text: `"[hello there]"`},
		{name: "inference failure names the func", cells: []string{"func Zero[T any]() T { var z T; return z }", "v := Zero()\n_ = v"}, errName: "CompileError", errHas: "cannot infer the type argument of Zero: write it explicitly"},
		{name: "redefined generic func seen by callers", cells: []string{"func ident[T any](v T) T { return v }\nfunc useIdent() int { return ident(3) }", "func ident[T any](v T) T { var z T; _ = v; return z }", "useIdent()"}, text: "0"},
		{name: "generic method redefinition with new text refused", cells: []string{"type B[T any] struct{ v T }\nfunc (b B[T]) Get() T { return b.v }", "func (b B[T]) Get() T { var z T; return z }"}, errName: "MethodRedefined", errHas: "restart the kernel"},
	})
}

// yaegi infers the type arguments of some calls of a generic func and
// not others (a variadic call in a func body declared beside it); the
// type checker's are written out.
func TestGenericCallsInFuncBodies(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "variadic calls inside a func of the cell that declares the generic func", cells: []string{`import "fmt"
type Number interface{ ~int | ~float64 }
type MyInt int`, `func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs { s += x }
	return s
}
func report() {
	a := Sum(1, 2, 3)
	fmt.Println(a, Sum(1.5, 2.5), Sum[MyInt](4, 5))
}
report()`}, out: "6 4 9\n"},
	})
}

func TestGenericFuncsRecursingOverInstancesOfGenericTypes(t *testing.T) {
	tree := `import "fmt"
type Tree[T any] struct {
	Left *Tree[T]
	Val  T
}
func Depth[T any](t *Tree[T]) int {
	if t == nil {
		return 0
	}
	return 1 + Depth(t.Left)
}`
	runOutCases(t, []outCase{
		{name: "declared in one cell, called in others", cells: []string{tree, `var root *Tree[int]
fmt.Println(Depth(root))`, `root = &Tree[int]{Left: &Tree[int]{}}
fmt.Println(Depth(root), Depth(&Tree[string]{Val: "x"}))`}, out: "0\n2 1\n"},
		{name: "redefined with explicit type arguments", cells: []string{tree, `func Depth[T any](t *Tree[T]) int {
	if t == nil {
		return 100
	}
	return 1 + Depth[T](t.Left)
}`, `fmt.Println(Depth(&Tree[int]{}))`}, out: "101\n"},
		{name: "building a tree and mapping a list", cells: []string{`import ("cmp"; "fmt")
type Tree[T cmp.Ordered] struct {
	Left, Right *Tree[T]
	Val         T
}
func Insert[T cmp.Ordered](t *Tree[T], v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	if v < t.Val {
		t.Left = Insert(t.Left, v)
	} else {
		t.Right = Insert(t.Right, v)
	}
	return t
}
func Walk[T cmp.Ordered](t *Tree[T], f func(T)) {
	if t != nil {
		Walk(t.Left, f)
		f(t.Val)
		Walk(t.Right, f)
	}
}
type List[T any] struct {
	Head T
	Tail *List[T]
}
func Map[T, U any](l *List[T], f func(T) U) *List[U] {
	if l == nil {
		return nil
	}
	return &List[U]{f(l.Head), Map(l.Tail, f)}
}`, `var root *Tree[string]
for _, w := range []string{"m", "c", "x", "a"} {
	root = Insert(root, w)
}
Walk(root, func(s string) { fmt.Print(s, " ") })
l := Map(&List[int]{1, &List[int]{2, nil}}, func(i int) string { return fmt.Sprint(i * 10) })
fmt.Println(l.Head, l.Tail.Head, l.Tail.Tail == nil)`}, out: "a c m x 10 20 true\n"},
	})
}

func TestTopLevelDefinitionsFromGenericCallsReturningGenericTypes(t *testing.T) {
	decls := `import "fmt"
type Pair[K comparable, V any] struct {
	Key K
	Val V
}
func Zip[K comparable, V any](ks []K, vs []V) []Pair[K, V] {
	var out []Pair[K, V]
	for i := range ks {
		out = append(out, Pair[K, V]{ks[i], vs[i]})
	}
	return out
}
func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }`
	runOutCases(t, []outCase{
		{name: "defined, then used in later cells", cells: []string{decls, `z := Zip([]string{"a"}, []float64{1.5})
p := MakePair("k", 3)`, `z = append(z, MakePair("b", 2.0))
fmt.Printf("%v %T %v %T\n", z, z, p, p)`}, out: "[{a 1.5} {b 2}] []main.Pair[string,float64] {k 3} main.Pair[string,int]\n"},
	})
}

func TestAGenericFuncCallingItselfInsideAFuncLiteral(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a parallel merge sort assigning to captured variables", cells: []string{`import ("fmt"; "sync")
func Sort[T int | string](s []T) []T {
	if len(s) < 2 {
		return s
	}
	var left, right []T
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); left = Sort(s[:len(s)/2]) }()
	go func() { defer wg.Done(); right = Sort(s[len(s)/2:]) }()
	wg.Wait()
	out := make([]T, 0, len(s))
	for len(left) > 0 && len(right) > 0 {
		if left[0] <= right[0] {
			out, left = append(out, left[0]), left[1:]
		} else {
			out, right = append(out, right[0]), right[1:]
		}
	}
	return append(append(out, left...), right...)
}`, `fmt.Println(Sort([]int{5, 2, 9, 1, 7}), Sort([]string{"b", "c", "a"}))`}, out: "[1 2 5 7 9] [a b c]\n"},
		{name: "returned from the literal, sent on a channel, or only called", cells: []string{`import "fmt"
func Count[T any](x T, n int) int {
	if n == 0 {
		return 0
	}
	return func() int { v := Count(x, n-1); return v + 1 }()
}
func Depth[T any](x T, n int) int {
	if n == 0 {
		return 0
	}
	c := make(chan int, 1)
	go func() { c <- Depth(x, n-1) }()
	return <-c + 1
}
var calls int
func Walk[T any](x T, n int) {
	calls++
	if n > 0 {
		func() { Walk(x, n-1) }()
	}
}`, `Walk(1.5, 4)
fmt.Println(Count("a", 3), Depth(2, 5), calls)`}, out: "3 5 5\n"},
	})
}

func TestAGenericFanInRangesOverItsChannels(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "Merge[T any](cs ...<-chan T)", cells: []string{`import ("fmt"; "sort"; "sync")
func Merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}
func gen[T any](xs ...T) <-chan T {
	c := make(chan T)
	go func() {
		for _, x := range xs {
			c <- x
		}
		close(c)
	}()
	return c
}
func Caps[T any](cs []chan T) (n int) {
	for _, c := range cs {
		n += cap(c)
	}
	return n
}`, `var got []string
for v := range Merge(gen("a", "b"), gen("c")) {
	got = append(got, v)
}
sort.Strings(got)
fmt.Println(got, Caps([]chan int{make(chan int, 2), make(chan int, 3)}))`}, out: "[a b c] 5\n"},
	})
}

func TestPackageLevelVarsInitialisedByGenericCalls(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "in a pasted program and in a later cell", cells: []string{`package main
import "fmt"
type Pair[K comparable, V any] struct {
	Key K
	Val V
}
func Sum[T int | float64](xs []T) (s T) {
	for _, x := range xs {
		s += x
	}
	return s
}
func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }
var top = Sum([]float64{1.5, 2})
var ints = Sum[int]([]int{1, 2})
var p = MakePair("a", 1)
func main() { fmt.Println(top, ints, p) }`, `var later = Sum([]int{4, 5})
fmt.Println(later)`}, out: "3.5 3 {a 1}\n9\n"},
	})
}

func TestAGenericFuncPassedAsAValueIsInstantiated(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "argument and assignment", cells: []string{"import \"fmt\"\nfunc Apply[E any](s []E, f func(E) E) []E { for i := range s { s[i] = f(s[i]) }; return s }\nfunc Double[T ~int | ~float64](x T) T { return x * 2 }",
			"var g func(float64) float64 = Double\nfmt.Println(Apply([]int{1, 2}, Double), g(1.5))"}, out: "[2 4] 3\n"},
		{name: "a package's generic func as a comparator", cells: []string{"import (\"cmp\"; \"fmt\"; \"slices\")\ntype Score int", `s := []Score{3, 1, 2}
slices.SortFunc(s, cmp.Compare)
mat := [][]int{{2, 1}, {1, 5}, {1, 2}}
slices.SortFunc(mat, slices.Compare)
var f func(a, b string) int = cmp.Compare
func byLen(xs []string) string { return slices.MaxFunc(xs, cmp.Compare) }
fmt.Println(s, mat, f("b", "a"), byLen([]string{"y", "z"}), slices.IsSortedFunc(s, cmp.Compare[Score]))`}, out: "[1 2 3] [[1 2] [1 5] [2 1]] 1 z true\n"},
	})
}

// A generic type's instance used by a declaration above its methods, or
// above a generic func they call (Go does not care about the order).
func TestGenericTypesUsedAboveTheirMethodsAndHelpers(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a struct field of an instance above a method returning the type", cells: []string{`import "fmt"
type Box[T any] struct{ V T }
type Shelf struct{ B Box[string] }
func (b Box[T]) Self() Box[T] { return b }
func (b Box[T]) Name() string { return "box " + fmt.Sprint(b.V) }
func main() { fmt.Println(Shelf{Box[string]{"a"}}.B.Self().Name()) }`}, out: "box a\n"},
		{name: "a method calling a generic func declared below a struct using an instance", cells: []string{`import "fmt"
type Vec[T any] struct{ X T }
func (v Vec[T]) Get() T { return id(v.X) }
type Particle struct {
	Name string
	Pos  Vec[int]
}
func id[T any](x T) T { return x }
func main() { p := Particle{Name: "a", Pos: Vec[int]{4}}; fmt.Printf("%+v %d\n", p, p.Pos.Get()) }`}, out: "{Name:a Pos:{X:4}} 4\n"},
		{name: "a method of a generic type with an unnamed receiver", cells: []string{`import "fmt"
type none[T any] struct{}
func (none[T]) Name() string { return "none" }
func (*none[T]) Ptr() string { return "ptr" }`, `n := none[int]{}
fmt.Println(n.Name(), n.Ptr())`}, out: "none ptr\n"},
	})
}

func TestSeveralResultsOfAGenericCallDefinedAtTopLevel(t *testing.T) {
	runOutCases(t, []outCase{{name: ":= and var, blank names, a later err again", cells: []string{`import ("encoding/json"; "fmt")
func Two[T any](x T) (T, error) { return x, nil }
type Config struct{ Name string }
func Decode[T any](s string) (T, error) {
	var v T
	err := json.Unmarshal([]byte(s), &v)
	return v, err
}`, `a, err := Two(3)
var b, err2 = Two("b")
e, _ := Two(7.5)
c, err := Decode[Config](` + "`" + `{"Name":"x"}` + "`" + `)
fmt.Println(a, err, b, err2, e, c.Name)`, `_, err = Decode[Config]("{")
fmt.Println(err != nil, a+1)`}, out: "3 <nil> b <nil> 7.5 x\ntrue 4\n"}})
}

func TestAGenericFuncOfASourcePackageGivenWithoutTypeArgumentsIsRefused(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "to an any parameter", cells: []string{"import \"slices\"\nfunc show(v any) {}", "show(slices.Reverse)"}, errName: "CompileError", errHas: "in call to show, cannot infer E"},
		{name: "to fmt", cells: []string{"import (\"fmt\"; \"slices\")", "fmt.Println(slices.Max)"}, errName: "CompileError", errHas: "in call to fmt.Println, cannot infer E"},
	})
}

func TestUnionConstraintsStartingWithAnInterface(t *testing.T) {
	runOutCases(t, []outCase{{name: "inline unions of named constraints", cells: []string{`import ("cmp"; "fmt")
type Signed interface{ ~int | ~int8 }
type Unsigned interface{ ~uint | ~uint8 }
func Inc[T Signed | Unsigned](x T) T { return x + 1 }
func Max[T cmp.Ordered | ~bool](a, b T) T { return a }
type Box[T Signed | Unsigned] struct{ V T }`, `fmt.Println(Inc(uint8(255)), Inc(41), Max(true, false), Box[uint]{3})`}, out: "0 42 true {3}\n"}})
}
