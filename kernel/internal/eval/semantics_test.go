package eval

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestGo122Loops(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "closures capture per-iteration i", cells: []string{`var fs []func() int
for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }
var got []int
for _, f := range fs { got = append(got, f()) }
got`}, text: "[0 1 2]"},
		{name: "goroutines capture per-iteration i", cells: []string{`import "sync"`, `var mu sync.Mutex
var wg sync.WaitGroup
seen := make([]bool, 5)
for i := 0; i < 5; i++ {
	wg.Add(1)
	go func() { defer wg.Done(); mu.Lock(); seen[i] = true; mu.Unlock() }()
}
wg.Wait()
seen`}, text: "[true true true true true]"},
		{name: "range key and value per iteration", cells: []string{`var fs []func() string
for k, v := range []string{"a", "b"} { fs = append(fs, func() string { return v + string(rune('0'+k)) }) }
fs[0]() + fs[1]()`}, text: `"a0b1"`},
		{name: "a pointer-method value of a range variable binds that iteration's variable", cells: []string{`type item struct{ n int }
func (it *item) show() int { return it.n }`, `var fs []func() int
for _, it := range []item{{1}, {2}, {3}} { fs = append(fs, it.show) }
for i := 0; i < 3; i++ { it := item{i * 10}; _ = it; fs = append(fs, it.show) }
var got []int
for _, f := range fs { got = append(got, f()) }
got`}, text: "[1 2 3 0 10 20]"},
		{name: "body changes i like Go 1.22", cells: []string{`var fs []func() int
n := 0
for i := 0; i < 10; i++ { fs = append(fs, func() int { return i }); i += 2; n++ }
[]int{n, fs[0](), fs[1]()}`}, text: "[4 2 5]"},
		{name: "continue copies back", cells: []string{`var fs []func() int
for i := 0; i < 6; i++ { if i%2 == 0 { i++; continue }; fs = append(fs, func() int { return i }) }
len(fs)`}, text: "0"},
		{name: "old idiom v := v still compiles", cells: []string{`var fs []func() int
for _, v := range []int{4, 5} { v := v; fs = append(fs, func() int { return v }) }
fs[0]() + fs[1]()`}, text: "9"},
		{name: "range over int literal", cells: []string{`s := 0
for i := range 5 { s += i }
s`}, text: "10"},
		{name: "range over int variable", cells: []string{"n := 4", `c := 0
for range n { c++ }
c`}, text: "4"},
		{name: "range over int expr evaluated once", cells: []string{`calls := 0
f := func() int { calls++; return 3 }
t := 0
for i := range f() * 1 { t += i }
[]int{calls, t}`}, text: "[1 3]"},
		{name: "range over int inside func with param", cells: []string{`func sum(n int) int { s := 0; for i := range n { s += i }; return s }`, "sum(4)"}, text: "6"},
		{name: "range over int64 keeps type", cells: []string{`var n int64 = 3
var last int64
for i := range n { last = i }
last`}, text: "2"},
		{name: "labelled continue", cells: []string{`var fs []func() int
outer:
for i := 0; i < 3; i++ {
	for j := 0; j < 3; j++ { if j == 1 { continue outer } }
	fs = append(fs, func() int { return i })
}
len(fs)`}, text: "0"},
		{name: "range over slice unchanged", cells: []string{`xs := []string{"x", "y"}
r := ""
for i := range xs { r += xs[i] }
r`}, text: `"xy"`},
	})
}

func TestGoStatement(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "arguments evaluated at the go statement", cells: []string{`x := 1
ch := make(chan int)
go func(v int) { ch <- v }(x)
x = 2
<-ch`}, text: "1", racy: true},
		{name: "untyped constant argument keeps its flexibility", cells: []string{"const N = 3", `ch := make(chan float64)
go func(f float64) { ch <- f / 2 }(N)
<-ch`}, text: "1.5", racy: true},
		{name: "variadic and method calls", cells: []string{"type Acc struct{ ch chan int }\nfunc (a Acc) Add(xs ...int) { t := 0; for _, x := range xs { t += x }; a.ch <- t }", `a := Acc{make(chan int)}
xs := []int{1, 2, 3}
go a.Add(xs...)
<-a.ch`}, text: "6", racy: true},
		{name: "the function value evaluated at the go statement", cells: []string{`import ("fmt"; "slices")`, `type W struct{ name string }
func (w W) Run(ch chan string) { ch <- w.name }
var log []string
func getW(n string) W { log = append(log, "get "+n); return W{n} }
func mk(n int) func(chan string) { log = append(log, fmt.Sprint("mk ", n)); return func(ch chan string) { ch <- fmt.Sprint("made ", n) } }`, `ch := make(chan string)
go getW("a").Run(ch)
log = append(log, "after go")
w := W{"old"}
go w.Run(ch)
w.name = "new"
fns := []func(chan string){mk(1), mk(2)}
i := 1
go fns[i](ch)
i = 0
go mk(3)(ch)
log = append(log, "end")
got := []string{<-ch, <-ch, <-ch, <-ch}
slices.Sort(got)
fmt.Sprint(log, got)`}, text: `"[get a after go mk 1 mk 2 mk 3 end] [a made 2 made 3 old]"`, racy: true},
	})
}

func TestRedefinition(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "caller sees new func (yaegi 1673)", cells: []string{"func f() int { return 1 }", "func g() int { return f() }", "func f() int { return 2 }", "g()"}, text: "2"},
		{name: "transitive callers", cells: []string{"func f() int { return 1 }", "func g() int { return f() }", "func h() int { return g() * 10 }", "func f() int { return 3 }", "h()"}, text: "30"},
		{name: "func sees redefined var", cells: []string{"var x = 1", "func gx() int { return x }", "var x = 7", "gx()"}, text: "7"},
		{name: "func sees := redefinition", cells: []string{"x := 1", "func gx() int { return x }", "x := 8", "gx()"}, text: "8"},
		{name: "method redefinition", cells: []string{"type P struct{ X int }\nfunc (p P) D() int { return p.X * 2 }", "func (p P) D() int { return p.X * 3 }", "P{3}.D()"}, text: "9"},
		{name: "method calling redefined func", cells: []string{"func k() int { return 1 }", "type Q struct{}\nfunc (Q) V() int { return k() }", "func k() int { return 5 }", "Q{}.V()"}, text: "5"},
		{name: "pointer method redefinition", cells: []string{"type C struct{ n int }\nfunc (c *C) Inc() { c.n++ }", "func (c *C) Inc() { c.n += 10 }", "c := &C{}\nc.Inc()\nc.n"}, text: "10"},
		{name: "re-running a type cell is fine", cells: []string{"type P struct{ X int }\nfunc (p P) D() int { return p.X }", "type P struct{ X int }\nfunc (p P) D() int { return p.X + 1 }", "P{1}.D()"}, text: "2"},
		{name: "variadic method", cells: []string{"type S struct{}\nfunc (S) Sum(xs ...int) int { t := 0; for _, x := range xs { t += x }; return t }", "S{}.Sum(1, 2, 3)"}, text: "6"},
		{name: "interface still satisfied", cells: []string{`import "fmt"`, "type N int\nfunc (n N) String() string { return \"n\" }", `fmt.Sprint(N(1))`}, text: `"n"`},
		{name: "signature change breaks caller clearly", cells: []string{"func f() int { return 1 }", "func g() int { return f() }", "func f() string { return \"s\" }"}, errName: "CompileError", errHas: "f redefined, but code using it no longer compiles"},
		{name: "closures goroutines and methods see the new func", cells: []string{`import ("fmt"; "sync")
func word() string { return "old" }
type speaker struct{}
func (speaker) Say() string { return word() }
var saveFn = func() string { return word() }`, `func word() string { return "new" }`, `var wg sync.WaitGroup
var fromG string
wg.Add(1)
go func() { defer wg.Done(); fromG = word() }()
wg.Wait()
fmt.Sprint(speaker{}.Say(), saveFn(), fromG)`}, text: `"newnewnew"`},
		{name: "closure var from := sees the new func", cells: []string{"func k() int { return 1 }", "h := func() int { return k() + 1 }", "func k() int { return 10 }", "h()"}, text: "11"},
		{name: "receiver, params and locals shadow cell globals", cells: []string{"var a, b int\nvar n = 3", "type badge string\nfunc (b badge) Show() string { return \"<\" + string(b) + \">\" }\nfunc twice(n int) int { return 2 * n }\nfunc local() int { a := 5; return a }", `import "fmt"`, "fmt.Sprint(badge(\"x\").Show(), twice(4), local(), n, a, b)"}, text: `"<x>8 5 3 0 0"`},
		{name: "method using a package imported in the same cell", cells: []string{"x := 1", "import \"fmt\"\ntype celsius float64\nfunc (c celsius) String() string { return fmt.Sprintf(\"%.1fC\", float64(c)) }", "func (c celsius) String() string { return fmt.Sprintf(\"%.2fC\", float64(c)) }", "celsius(30)"}, text: "30.00C"},
		{name: "recursive func redefined", cells: []string{"func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }", "func fib(n int) int { if n < 2 { return 1 }; return fib(n-1) + fib(n-2) }", "fib(5)"}, text: "8"},
	})
}

// Closures handed to compiled code (sync.WaitGroup.Go, sync.OnceFunc,
// sort.Slice) must see the variables of their own iteration; see
// funcargs.go for why yaegi gave them the last iteration's.
func TestFuncLitPassedToCompiledCode(t *testing.T) {
	const imp = `import ("fmt"; "sort"; "sync")`
	const pre = "var mu sync.Mutex\nvar wg sync.WaitGroup\nvar got []string\nadd := func(s string) { mu.Lock(); got = append(got, s); mu.Unlock() }\n"
	const post = "\nwg.Wait()\nsort.Strings(got)\nfmt.Sprint(got)"
	runCellCases(t, []cellCase{
		{name: "wg.Go in range loop", cells: []string{imp, pre + `for _, s := range []string{"a", "b"} { wg.Go(func() { add("go " + s) }) }` + post}, text: `"[go a go b]"`, racy: true},
		{name: "wg.Go with import in the same cell", cells: []string{imp + "\n" + pre + `for _, s := range []string{"a", "b"} { wg.Go(func() { add(s) }) }` + post}, text: `"[a b]"`, racy: true},
		{name: "wg.Go in 3-clause loop", cells: []string{imp, pre + `for i := 0; i < 3; i++ { wg.Go(func() { add(fmt.Sprint(i)) }) }` + post}, text: `"[0 1 2]"`, racy: true},
		{name: "wg.Go in range over int", cells: []string{imp, pre + `for i := range 3 { wg.Go(func() { add(fmt.Sprint(i)) }) }` + post}, text: `"[0 1 2]"`, racy: true},
		{name: "variable declared in the body", cells: []string{imp, pre + `for _, s := range []string{"a", "b"} { x := s + "!"; wg.Go(func() { add(x) }) }` + post}, text: `"[a! b!]"`, racy: true},
		{name: "inside a func with break and continue", cells: []string{imp, `func run(xs []string) []string {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var got []string
	for _, s := range xs {
		if s == "skip" { continue }
		if s == "stop" { break }
		wg.Go(func() { mu.Lock(); got = append(got, s); mu.Unlock() })
	}
	wg.Wait()
	sort.Strings(got)
	return got
}`, `run([]string{"a", "skip", "b", "stop", "c"})`}, text: "[a b]", racy: true},
		{name: "method of a cell type", cells: []string{imp, `type R struct{}
func (R) Run(xs []string) []string {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var got []string
	for _, s := range xs { wg.Go(func() { mu.Lock(); got = append(got, s); mu.Unlock() }) }
	wg.Wait()
	sort.Strings(got)
	return got
}`, `R{}.Run([]string{"a", "b"})`}, text: "[a b]", racy: true},
		{name: "sync.OnceFunc called later", cells: []string{imp, `var fs []func()
var got []string
for _, s := range []string{"a", "b"} { fs = append(fs, sync.OnceFunc(func() { got = append(got, s) })) }
for _, f := range fs { f() }
fmt.Sprint(got)`}, text: `"[a b]"`},
		{name: "closure still shares outer variables", cells: []string{`import "strings"`, `n := 0
s := strings.Map(func(r rune) rune { n++; return r }, "abc")
n`}, text: "3"},
		{name: "sort.Slice comparator", cells: []string{`import "sort"`, `xs := []int{3, 1, 2}
sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
xs`}, text: "[1 2 3]"},
		{name: "generic shim func left alone", cells: []string{`import "slices"`, `xs := []int{3, 1, 2}
slices.SortFunc(xs, func(a, b int) int { return b - a })
xs`}, text: "[3 2 1]"},
	})
}

// errors.As fills a variable of a cell type (errchain.go), and the
// alternatives that worked before it did still work.
func TestErrorsAsCellType(t *testing.T) {
	const imp = `import ("errors"; "fmt")`
	const ty = `type MyErr struct{ Code int }
func (e *MyErr) Error() string { return fmt.Sprint("code ", e.Code) }
var ErrNotFound = errors.New("not found")
func find(k string) error { if k == "" { return &MyErr{4} }; return fmt.Errorf("find %q: %w", k, ErrNotFound) }`
	runCellCases(t, []cellCase{
		{name: "errors.As fills a cell type", cells: []string{imp, ty, `var me *MyErr
errors.As(fmt.Errorf("wrap: %w", &MyErr{7}), &me) && me.Code == 7`}, text: "true"},
		{name: "type assertion works", cells: []string{imp, ty, `r := 0
if me, ok := find("").(*MyErr); ok { r = me.Code }
r`}, text: "4"},
		{name: "errors.Is with a sentinel works", cells: []string{imp, ty, `errors.Is(find("x"), ErrNotFound)`}, text: "true"},
		{name: "errors.As with a compiled type still works", cells: []string{`import ("errors"; "io/fs"; "os")`, `_, err := os.Open("/nonexistent")
var pe *fs.PathError
errors.As(err, &pe) && pe.Op == "open"`}, text: "true"},
	})
}

// min and max with mixed constants and variables give Go's result type
// (minmax.go).
func TestMinMaxMixedArguments(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "float first", cells: []string{"max(2.5, 1)"}, text: "2.5"},
		{name: "float later", cells: []string{"max(1, 2.5)"}, text: "2.5"},
		{name: "negative float", cells: []string{"min(-2.5, 1)"}, text: "-2.5"},
		{name: "all floats", cells: []string{"max(1.5, 2.5)"}, text: "2.5"},
		{name: "ints stay ints", cells: []string{"min(3, 1, 2)"}, text: "1"},
		{name: "strings", cells: []string{`min("b", "a")`}, text: `"a"`},
		{name: "constant before a float64 variable", cells: []string{"x := 1.5", "max(2, x)"}, text: "2"},
		{name: "float constant before a float32 variable", cells: []string{"var f float32 = 1", "max(2.5, f)"}, text: "2.5"},
		{name: "untyped float const of a cell", cells: []string{"const c = 2.5", "max(1, c)"}, text: "2.5"},
		{name: "typed float32 const of a cell", cells: []string{"const d float32 = 1.5", "max(1, d)"}, text: "1.5"},
		{name: "inside a func", cells: []string{"func clamp(x float64) float64 { return max(0, min(x, 1)) }", "clamp(0.25)"}, text: "0.25"},
		{name: "arguments still evaluated in order", cells: []string{`s := ""
f := func(t string, v int) int { s += t; return v }
_ = max(1, f("a", 2), 3, f("b", 4))
s`}, text: `"ab"`},
		{name: "a user's max wins", cells: []string{"func max(a, b int) int { return 42 }", "max(1, 2)"}, text: "42"},
		{name: "constants of min and max", cells: []string{"const k = min(1, 2.0)\nconst j = max(1, 2.5)\nconst s = max(\"a\", \"b\")\ntype Lvl int\nconst top Lvl = max(1, 7)",
			"[]any{k, j, s, top}"}, text: "[1 2.5 b 7]"},
		{name: "a constant min of an int and a float is a float", cells: []string{"import \"fmt\"\nconst k = min(1, 2.0)", "fmt.Sprintf(\"%T %v\", k, k)"}, text: `"float64 1"`},
		{name: "negative zero is the smaller zero, in either order", cells: []string{"import \"math\"\nnegz := math.Copysign(0, -1)\nvar z float64",
			"[]bool{math.Signbit(min(z, negz)), math.Signbit(min(negz, z)), math.Signbit(max(negz, z)), math.Signbit(max(z, negz))}"}, text: "[true true false false]"},
		{name: "a NaN anywhere is the result", cells: []string{"import \"math\"\nx, nan := 2.0, math.NaN()",
			"[]any{min(x, nan), max(x, nan), min(nan, x), max(x, 3, nan, 1), min(float32(1), float32(nan))}"}, text: "[NaN NaN NaN NaN NaN]"},
		{name: "a constant max as an array length and an int8", cells: []string{"var a [max(2, 4)]int\nvar y int8 = max(100, 27)\n[]any{len(a), y}"}, text: "[4 100]"},
	})
}

func TestMinMaxOfAPackagesNamedTypes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "durations, months and weekdays, constant or not", cells: []string{`import ("fmt"; "time")
type Celsius float64
fmt.Println(min(time.Second, time.Minute))
var end time.Duration
for _, d := range []time.Duration{3 * time.Millisecond, time.Second} {
	end = max(end, d)
}
fmt.Println(end, max(time.March, time.May), min(time.Saturday, time.Monday, time.Friday))
fmt.Println(max(Celsius(2.5), 1), min(2*time.Second, 1500*time.Millisecond))
fmt.Printf("%T %T\n", max(time.March, time.May), min(time.Second, 2))`}, out: "1s\n1s May Monday\n2.5 1.5s\ntime.Month time.Duration\n"},
	})
}

func TestRangeOverASliceNamedLikeAnIntElsewhere(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a field and a parameter named n are ints; the ranged n is a slice", cells: []string{`import "fmt"
type Point struct{ X, n int }
func sum(n ...int) (s int) { for i := range n { s += n[i] }; return }`, `n := []string{"a", "b"}
for i := range n { fmt.Print(i, " ") }
fmt.Println(sum(1, 2, 3), Point{})`}, out: "0 1 6 {0 0}\n"},
	})
}

func TestInitFuncsRunAfterEveryPackageVar(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "vars below init are initialised before it runs; main runs last", cells: []string{`package main
import "fmt"
var log []string
func init() { log = append(log, "init1") }
var snapshot = len(log)
func init() { log = append(log, "init2") }
var total = compute()
func compute() int { return len(log) + 10 }
func main() { fmt.Println(log, snapshot, total, late) }
var late = "late"`}, out: "[init1 init2] 0 10 late\n"},
	})
}

func TestInitFuncsCallMethodsDeclaredBesideThem(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "an init calling a method of the same cell", cells: []string{`import "fmt"
type Weekday int
func (d Weekday) String() string { return [...]string{"Sun", "Mon"}[d] }
func init() { fmt.Println(Weekday(1).String(), []Weekday{0, 1}) }`}, out: "Mon [Sun Mon]\n"},
	})
}

func TestRangeLoopsCountAsGoDoes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "over a call of max, and over a type parameter's integer", cells: []string{"import \"fmt\"\ntype Count int64\nfunc Upto[T ~int64](n T) []T { var out []T; for i := range n { out = append(out, i) }; return out }",
			"n := 3\nfor i := range max(2, n) { fmt.Print(i) }\nfmt.Println(Upto(int64(3)), Upto(Count(2)))"}, out: "012[0 1 2] [0 1]\n"},
		{name: "over a type parameter whose types have different underlying types: refused as by Go", cells: []string{"func Upto[T ~int | ~int64](n T) { for range n {} }"},
			errName: "CompileError", errHas: "int and int64 have different underlying types"},
		{name: "an assigned variable ends at n-1; a body changing its variable does not skip", cells: []string{`import "fmt"`, `k, z := -1, -1
for k = range 4 {}
for z = range 0 {}
for i := range 3 { fmt.Print(i, " "); i += 5 }
var fs []func() int
for i := range 2 { i *= 10; fs = append(fs, func() int { return i }) }
fmt.Println(k, z, fs[0](), fs[1]())`}, out: "0 1 2 3 -1 0 10\n"},
		{name: "a body changing the key or value of a range over a slice or map does not skip", cells: []string{`import "fmt"`, `for i, v := range []int{7, 8, 9} { fmt.Print(i, v, " "); i += 5; v = 0 }
n := 0
for k := range map[string]int{"a": 1, "b": 2} { n++; k = "z"; _ = k }
fmt.Println(n)`}, out: "0 7 1 8 2 9 2\n"},
	})
}

func TestUntypedConstantsShiftedTakeTheTypeOfTheirContext(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "bit sets of uint64 words", cells: []string{`import "fmt"
const one = 1
func has(words []uint64, x int) bool {
	word, bit := x/64, uint(x%64)
	return word < len(words) && words[word]&(1<<bit) != 0
}
func main() {
	words := []uint64{0, 0}
	for _, x := range []int{1, 9, 70} {
		words[x/64] |= 1 << uint(x%64)
	}
	var b uint8 = 0x0f
	j := 3
	fmt.Println(has(words, 9), has(words, 10), words, b&^(one<<j), int32(1)<<j, 1<<j)
}`}, out: "true false [514 64] 7 8 8\n"},
	})
}

func TestConstantDivisionsAreExact(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "integer constants divide as integers in any context", cells: []string{`import "fmt"
type Celsius float64
const half = 1 / 2
func r() float64 { return 7 / 2 }
func main() {
	var g float64 = 10 / 4
	w := 9.0
	w = w * (5 / 9)
	c := Celsius(212-32) * 5 / 9
	x := 10.0 / 4
	var d Celsius = 9 / 2
	fmt.Println(g, r(), w, float64(7/2), c, x, d, half, 7/2.0, (10/4)/2)
}`}, out: "2 3 0 3 100 2.5 4 0 3.5 1\n"},
		{name: "constant expressions of complex types", cells: []string{`import "fmt"
type Z complex64
const I2 = 2i
func main() {
	var c complex128 = 1 + 2
	z := 3i / 2
	var w Z = 1 + I2*3
	var f complex64 = 2 * (1 + 1i)
	fmt.Println(c, z, w, f, real(z*2), 1+1i == complex(1, 1))
	fmt.Printf("%T %T\n", z, f)
}`}, out: "(3+0i) (0+1.5i) (1+6i) (2+2i) 0 true\ncomplex128 complex64\n"},
	})
}

func TestTypesNamedLikeTypeParameters(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "T, K, V and E as a program's own type names", cells: []string{`import "fmt"
type T int
type K string
type V []T
type E struct{ t T }
func main() {
	var t T = 5
	v := V{t, 2}
	fmt.Println(t, K("k"), v, E{t}, min(t, 3), max(v[0], v[1]), *new(t) == t)
}`}, out: "5 k [5 2] {5} 3 5 true\n"},
	})
}

func TestPanicValuesOfCellTypes(t *testing.T) {
	level := "import \"fmt\"\ntype Level int\nfunc (l Level) String() string { return [...]string{\"low\", \"high\"}[l] }"
	myErr := "import \"fmt\"\ntype MyErr struct{ Code int }\nfunc (e MyErr) Error() string { return fmt.Sprint(\"code \", e.Code) }"
	runOutCases(t, []outCase{
		{name: "a recovered named non-struct value keeps its String", cells: []string{level,
			"func() { defer func() { r := recover(); _, ok := r.(fmt.Stringer); fmt.Println(r, ok) }(); panic(Level(1)) }()"},
			out: "high true\n"},
		{name: "an uncaught panic of a Stringer type prints String", cells: []string{level, "panic(Level(0))"},
			errName: "panic", errHas: "1:1: low"},
		{name: "an uncaught panic of a cell error type prints Error", cells: []string{myErr, "panic(MyErr{7})"},
			errName: "panic", errHas: "1:1: code 7"},
	})
	runCellCases(t, []cellCase{
		{name: "a goroutine's panic of a cell error type prints Error", cells: []string{myErr + "\nimport \"sync\"",
			"var wg sync.WaitGroup\nwg.Add(1)\ngo func() { defer wg.Done(); panic(&MyErr{8}) }()\nwg.Wait()"},
			racy: true, errName: "panic", errHas: "goroutine panic: code 8"},
	})
}

func TestSwitchCaseListsEvaluateEachValueInOrder(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "calls in a case list, up to the first match", cells: []string{"import \"fmt\"\nfunc g(n int) int { fmt.Print(\"g\", n, \" \"); return n }",
			"switch 3 {\ncase g(1), g(2):\n\tfmt.Println(\"first\")\ncase g(3), g(4):\n\tfmt.Println(\"second\")\n}\nxs := []int{5, 6}\nswitch 6 {\ncase xs[0], xs[1]:\n\tfmt.Println(\"index\")\n}"},
			out: "g1 g2 g3 second\nindex\n"},
	})
}

func TestFailedRedefinitionKeepsTheEarlierFunc(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	evalAll(t, e, `import "fmt"`, "type Item struct{ N int }\nfunc hello() string { return \"v1\" }\nfunc caller() string { return \"via \" + hello() }")
	// yaegi refuses a local type shadowing a package-level one; Go does not.
	_, err := e.Eval(context.Background(), "func hello() string {\n\ttype Item struct{ S string }\n\treturn fmt.Sprint(Item{\"x\"})\n}")
	if err == nil {
		t.Fatal("the interpreter compiled the shadowing local type; find another declaration it refuses")
	}
	res, ee := evalAll(t, e, "hello() + \" \" + caller()")
	if ee != nil {
		t.Fatalf("after the failed redefinition: %s: %s", ee.Name, ee.Value)
	}
	if got := res.Data["text/plain"]; got != `"v1 via v1"` {
		t.Fatalf("got %v, want the earlier definition", got)
	}
}

func TestAppendingNilToSlices(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "maps, pointers, channels and funcs, after nil went into a slice of an interface", cells: []string{`import "fmt"`, `var ss []fmt.Stringer
ss = append(ss, nil)`, `var ms []map[string]int
ms = append(ms, nil)
var ps []*int
ps = append(ps, nil, nil)
var cs []chan int
cs = append(cs, nil)
var f func()
var fs []func()
fs = append(fs, f, nil)
fmt.Println(len(ms), ms[0] == nil, len(ps), ps[1] == nil, len(cs), len(fs), fs[1] == nil)`}, out: "1 true 2 true 1 2 true\n"},
	})
}

func TestARefusedSignatureChangeKeepsTheEarlierFuncAndItsCallers(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	evalAll(t, e, "func f(x int) int { return 2 * x }", "func g(x int) int { return f(f(x)) }")
	_, err := e.Eval(context.Background(), "func f(x, y int) int { return x + y }")
	var ee *Error
	if !errors.As(err, &ee) || !strings.Contains(ee.Value, "f redefined, but code using it no longer compiles") || !strings.HasSuffix(ee.Value, "the earlier definition is kept") {
		t.Fatalf("got %v, want the refusal keeping the earlier f", err)
	}
	if res, ee := evalAll(t, e, "g(3) + f(1)"); ee != nil || res.Data["text/plain"] != "14" {
		t.Fatalf("got %v %v, want 14 from the earlier f", res.Data, ee)
	}
}

func TestARefusedRedefinitionKeepsTheMethodsCallingTheEarlierFunc(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	evalAll(t, e, "func area(w, h float64) float64 { return w * h }\ntype Rect struct{ W, H float64 }\nfunc (r Rect) Area() float64 { return area(r.W, r.H) }")
	if _, err := e.Eval(context.Background(), "func area(w, h int) int { return w + h }"); err == nil {
		t.Fatal("the redefinition was accepted")
	}
	res, ee := evalAll(t, e, "Rect{2, 3}.Area()")
	if ee != nil || res.Data["text/plain"] != "6" {
		t.Fatalf("after the refusal: %v %v, want 6", res.Data, ee)
	}
	res, ee = evalAll(t, e, "func area(w, h float64) float64 { return w + h }", "Rect{2, 3}.Area()")
	if ee != nil || res.Data["text/plain"] != "5" {
		t.Fatalf("after a valid redefinition: %v %v, want 5", res.Data, ee)
	}
}

func TestAFuncRedefinedWithMoreResultsIsRefusedWhereItsCallersTakeOne(t *testing.T) {
	for _, caller := range []string{"func use() int { return get() * 2 }", "func use() int {\n\tx := get()\n\treturn x * 2\n}"} {
		e := newTestEvaluator(t, "", "")
		evalAll(t, e, "func get() int { return 1 }", caller)
		_, err := e.Eval(context.Background(), "func get() (int, error) { return 5, nil }")
		var ee *Error
		if !errors.As(err, &ee) || !strings.Contains(ee.Value, "get redefined, but code using it no longer compiles") || !strings.HasSuffix(ee.Value, "the earlier definition is kept") {
			t.Fatalf("%s: got %v, want the refusal keeping the earlier get", caller, err)
		}
		if res, ee := evalAll(t, e, "use()"); ee != nil || res.Data["text/plain"] != "2" {
			t.Fatalf("%s: got %v %v, want 2 from the earlier get", caller, res.Data, ee)
		}
	}
}

func TestCallersRangingOverTheirOwnIntegersAreRecompiledForARedefinition(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	res, ee := evalAll(t, e, "func worker() int { return 1 }", `func run(nw int) int {
	n := 0
	for range nw {
		n += worker()
	}
	k := 2
	for i := range k {
		n += i
	}
	return n
}`, `var step = 3
func total(n int) int {
	s := 0
	for range n {
		s += step
	}
	return s
}`,
		"func worker() int { return 10 }", "var step = 7", "run(2)*100 + total(2)")
	if ee != nil || res.Data["text/plain"] != "2114" {
		t.Fatalf("got %v %v, want 2114 (the new worker and step)", res.Data, ee)
	}
}

func TestDeclarationsWithConstantExpressionsAreRecordedAsWritten(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	res, ee := evalAll(t, e, "import (\"fmt\"; \"math\")\nconst tau = 2 * math.Pi\nfunc helper() float64 { return 1 }", `func area(r float64) float64 {
	if 1.5 < math.Pi && tau/2 == math.Pi {
		return math.Pi * r * r * helper() / 3
	}
	return 0
}`, "func helper() float64 { return 3 }", "x := tau/2 == math.Pi", "fmt.Sprint(int(area(1)*100), x, tau)")
	if ee != nil || res.Data["text/plain"] != `"314 true 6.283185307179586"` {
		t.Fatalf("got %v %v, want 314 true 6.28... (area recompiled from its text, tau as written)", res.Data, ee)
	}
}

func TestGenericFuncsCalledInTheCellRedefiningWhatTheyCall(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	res, ee := evalAll(t, e, `import "fmt"
func helper(x int) int { return x + 1 }
var threshold = 2
func Apply[T ~int](xs []T) []int {
	var out []int
	for _, x := range xs {
		if int(x) > threshold {
			out = append(out, helper(int(x)))
		}
	}
	return out
}
Apply([]int{1, 3})`, "func helper(x int) int { return x * 100 }\ny := Apply([]int{1, 3})", "threshold := 0\nfunc helper(x int) int { return x * 10 }\nz := Apply([]int{1, 3})",
		"fmt.Sprint(y, z)")
	if ee != nil || res.Data["text/plain"] != `"[300] [10 30]"` {
		t.Fatalf("got %v %v, want [300] [10 30]: the new helper and threshold in the cell redefining them", res.Data, ee)
	}
}

func TestATypeOverAConstDeclaredAnewIsRefusedNotIgnored(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	evalAll(t, e, "const Size = 4\ntype Buf [Size]byte")
	_, err := e.Eval(context.Background(), "const Size = 8\ntype Buf [Size]byte")
	var ee *Error
	if !errors.As(err, &ee) || ee.Name != "CompileError" || !strings.Contains(ee.Value, "type Buf depends on Size, declared anew since Buf was") {
		t.Fatalf("got %v, want the refusal naming Size", err)
	}
	if res, ee := evalAll(t, e, "len(Buf{}) + Size"); ee != nil || res.Data["text/plain"] != "8" {
		t.Fatalf("got %v %v, want 8: nothing of the refused cell ran", res.Data, ee)
	}
	if _, ee := evalAll(t, e, "type Buf [Size]byte"); ee != nil {
		t.Fatalf("the same type over the same const: %v", ee)
	}
}

func TestAFuncBrokenByAVarRedefinitionSaysWhyWhenCalled(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	evalAll(t, e, "var V = 5\nfunc getV() int { return V }\nfunc other() int { return 7 }")
	_, err := e.Eval(context.Background(), `var V = "str"`)
	var ee *Error
	if !errors.As(err, &ee) || ee.Value != "V redefined, but code using it no longer compiles: 2:26: cannot use V (variable of type string) as int value in return statement" {
		t.Fatalf("got %v", err)
	}
	if _, err := e.Eval(context.Background(), "getV()"); !errors.As(err, &ee) || !strings.Contains(ee.Value, "getV no longer compiles since V was redefined") {
		t.Fatalf("calling getV: %v, want why it cannot run", err)
	}
	if res, ee := evalAll(t, e, "var V = 6", "getV() + other()"); ee != nil || res.Data["text/plain"] != "13" {
		t.Fatalf("after V is an int again: %v %v, want 13", res.Data, ee)
	}
}

// Go's recover stops a panic when the deferred function calls it itself,
// and a deferred method is such a function.
func TestADeferredMethodRecovers(t *testing.T) {
	guard := `import "fmt"
type Guard struct{ name string }
func (g *Guard) Recover() { fmt.Println(g.name, "caught:", recover()) }
func (g Guard) Check() { if r := recover(); r != nil { fmt.Println(g.name, "checked:", r) } }
func (g Guard) Nested() { func() { fmt.Println("nested:", recover()) }() }`
	runOutCases(t, []outCase{
		{name: "deferred methods with pointer and value receivers, a method expression", cells: []string{guard, `func f1() { g := &Guard{"ptr"}; defer g.Recover(); panic("one") }
func f2() { defer Guard{"value"}.Check(); panic("two") }
func f3() { defer (*Guard).Recover(&Guard{"expr"}); panic("three") }
f1(); f2(); f3()
fmt.Println("end")`}, out: "ptr caught: one\nvalue checked: two\nexpr caught: three\nend\n"},
		{name: "recover in a literal the method calls does not stop the panic", cells: []string{guard, `func f() { defer Guard{}.Nested(); panic("four") }
f()`}, out: "nested: <nil>\n", errName: "panic", errHas: "four"},
		{name: "the same method again is no redefinition", cells: []string{guard, guard, `func f() { defer Guard{"again"}.Check(); panic("five") }
f()`}, out: "again checked: five\n"},
		{name: "a changed method calling recover is redefined by a replay", cells: []string{guard,
			`func (g Guard) Check() { fmt.Println("new", recover()) }`}, errName: "MethodRedefined", errHas: "a method that calls recover"},
	})
}

// Each empty struct type is a type of its own, as context keys, error
// types and events use them.
func TestEmptyStructTypesStayApart(t *testing.T) {
	decls := `import ("errors"; "fmt")
type ErrTimeout struct{}
func (ErrTimeout) Error() string { return "timeout" }
type ErrClosed struct{}
func (ErrClosed) Error() string { return "closed" }
type start struct{}
type stop struct{}`
	runOutCases(t, []outCase{
		{name: "errors.Is and errors.As between empty error types", cells: []string{decls, `var err error = fmt.Errorf("op: %w", ErrTimeout{})
var c ErrClosed
var tm ErrTimeout
fmt.Println(errors.Is(err, ErrClosed{}), errors.Is(err, ErrTimeout{}), errors.As(err, &c), errors.As(err, &tm))`},
			out: "false true false true\n"},
		{name: "a type switch and == over empty event types", cells: []string{decls, `for _, ev := range []any{start{}, stop{}, start{}} {
	switch ev.(type) {
	case stop:
		fmt.Print("stop ")
	case start:
		fmt.Print("start ")
	}
}
var a any = stop{}
fmt.Println(a == any(start{}), a == any(stop{}))`}, out: "start stop start false true\n"},
		{name: "printing empty struct values", cells: []string{decls, `type Wrap struct{ S start; N int }
fmt.Printf("%v %+v %#v %T|%v %+v %#v\n", start{}, start{}, start{}, stop{}, Wrap{}, Wrap{}, []stop{{}})`},
			out: "{} {} main.start{} main.stop|{{} 0} {S:{} N:0} []main.stop{main.stop{}}\n"},
	})
}

func TestBlankVariablesWithoutValuesDeclareNothing(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "at the top, in a func and in a cell", cells: []string{"import \"fmt\"\ntype T struct{ N int }\nvar _ T\nvar _ fmt.Stringer\nfunc f() int {\n\tvar _ int\n\tvar _, b = 1, 2\n\treturn b\n}", "var _ int\nfmt.Println(\"ok\", f())"}, out: "ok 2\n"},
	})
}

func TestRecoversValueAssertedWhereItIsCalled(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "comma-ok and one-value assertions of recover()", cells: []string{`import ("errors"; "fmt")
type Walker interface{ Walk() string }
func try(f func()) (msg string) {
	defer func() {
		if err, ok := recover().(error); ok {
			msg = "error: " + err.Error()
		} else if w, ok := recover().(Walker); ok {
			msg = w.Walk()
		}
	}()
	f()
	return "none"
}
func code() (n int) {
	defer func() { n = recover().(int) }()
	panic(7)
}`, `fmt.Println(try(func() { panic(errors.New("boom")) }), try(func() {}), code())`}, out: "error: boom none 7\n"},
	})
}

func TestATypeLaidOutAnewIsTheSameType(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	evalAll(t, e, "type P struct{ X, Y int }\nvar pts = []P{{1, 2}}")
	if _, err := e.Eval(context.Background(), "type P struct {\n\tX, Y int // the coordinates\n}"); err != nil {
		t.Fatalf("the same type over several lines: %v", err)
	}
	if res, ee := evalAll(t, e, "len(pts)"); ee != nil || res.Data["text/plain"] != "1" {
		t.Fatalf("got %v %v, want the values kept", res.Data, ee)
	}
	_, err := e.Eval(context.Background(), "type P struct {\n\tX, Y, Z int\n}")
	var ee *Error
	if !errors.As(err, &ee) || ee.Name != "TypeRedefined" {
		t.Fatalf("a changed type: got %v, want TypeRedefined", err)
	}
}

func TestATopLevelDefineOfSeveralNamesAssignsThoseTheCellDeclaredBefore(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a pointer taken before sees the assignment", cells: []string{`import "fmt"`, `a := 1
p := &a
a, b := 2, 3
fmt.Println(*p, a, b)`}, out: "2 2 3\n"},
		{name: "the variable keeps its type", cells: []string{`import "fmt"`, `var avg float64
avg, n := 7, 2
fmt.Println(avg/2, n)`}, out: "3.5 2\n"},
		{name: "values are read before any is stored", cells: []string{`import "fmt"`, `y := 1
y, z := 2, y
fmt.Println(y, z)`}, out: "2 1\n"},
		{name: "a call's results, a closure taken before", cells: []string{`import ("fmt"; "strconv")`, `q := 5
f := func() int { return q }
q, err := strconv.Atoi("7")
fmt.Println(f(), q, err)`}, out: "7 7 <nil>\n"},
		{name: "a name of an earlier cell is defined anew", cells: []string{`import "fmt"`, `a := 1
p := &a`, `a, e := "s", 1
fmt.Println(a, e, *p)`}, out: "s 1 1\n"},
	})
}
