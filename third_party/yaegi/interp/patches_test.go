package interp_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/stdlib"

	"golessons/third_party/yaegi/interp"
)

// run evaluates a main package and returns what it printed. held is
// given to the program as probe.Held: the value inside the wrapper the
// interpreter passes to compiled code for an error.
func run(t *testing.T, src string) string {
	t.Helper()
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: io.Discard}) // Stderr: the interpreter's panic trace
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	held := func(err error) string {
		v := reflect.ValueOf(err)
		if v.Kind() == reflect.Struct && v.NumField() > 0 {
			return fmt.Sprintf("%v", v.Field(0).Interface()) // the interpreter's wrapper: IValue first
		}
		return fmt.Sprintf("%v", err)
	}
	if err := i.Use(interp.Exports{"probe/probe": {"Held": reflect.ValueOf(held)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(src); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	return out.String()
}

func TestStructLiteralAssignedToAnErrorResult(t *testing.T) {
	got := run(t, `package main
import "fmt"
type E struct{ Msg string; Code int }
func (e E) Error() string { return fmt.Sprint(e.Msg, " ", e.Code) }
func bare() (err error) { err = E{"bare", 1}; return }
func named() (n int, err error) { n = 2; err = E{Msg: "named", Code: 2}; return n, err }
func recovered() (err error) {
	defer func() {
		if recover() != nil {
			err = E{"recovered", 3}
		}
	}()
	panic("x")
}
func main() {
	fmt.Println(bare(), bare() == nil)
	fmt.Println(named())
	fmt.Println(recovered())
}`)
	want := "bare 1 false\n2 named 2\nrecovered 3\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCompiledCodeSeesTheStructInsideAnError(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "probe")
type One struct{ Name string }
func (e One) Error() string { return e.Name }
type Two struct{ Name string; N int }
func (e Two) Error() string { return e.Name }
func f() error { return Two{"f", 1} }
func main() {
	v := Two{"v", 2}
	var err error = v
	fmt.Println(probe.Held(f()), probe.Held(err), probe.Held(One{"one"}))
}`)
	want := "{f 1} {v 2} {one}\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNilPointerInAnInterfaceIsNotNil(t *testing.T) {
	got := run(t, `package main
import "fmt"
type E struct{ code int }
func (e *E) Error() string {
	if e == nil {
		return "nil E"
	}
	return fmt.Sprint("code ", e.code)
}
func check(fail bool) error {
	var p *E
	if fail {
		p = &E{7}
	}
	return p
}
func main() {
	err := check(false)
	fmt.Println(err == nil, err.Error())
	var e error = (*E)(nil)
	fmt.Println(e != nil, check(true))
	var none error
	fmt.Println(none == nil)
}`)
	want := "false nil E\ntrue code 7\ntrue\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStructValuePromotesEmbeddedMethodsToACompiledInterface(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "io"; "strings")
type Logged struct {
	*strings.Builder
	lines int
}
func main() {
	l := Logged{Builder: &strings.Builder{}, lines: 1}
	var w io.Writer = l
	fmt.Fprint(w, "written")
	fmt.Println(l.String())
}`)
	want := "written\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRunTimeErrorsAreGos(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "runtime")
type T struct{ X int }
func try(f func()) {
	defer func() {
		r := recover()
		if r == nil {
			fmt.Println(" no panic")
			return
		}
		_, rt := r.(runtime.Error)
		fmt.Println(r, rt)
	}()
	f()
}
func main() {
	s := []int{1, 2, 3}
	a := [2]int{}
	str := "abc"
	k, one, neg := 7, 1, -1
	var p *T
	var x any = "s"
	try(func() { _ = s[k] })
	try(func() { s[neg] = 1 })
	try(func() { _ = a[k] })
	try(func() { _ = str[k] })
	try(func() { _ = s[1:k] })
	try(func() { _ = s[k:] })
	try(func() { _ = a[:k] })
	try(func() { _ = s[2:one] })
	try(func() { _ = s[0:1:k] })
	try(func() { _ = s[0:k:3] })
	try(func() { fmt.Print(p.X) })
	try(func() { fmt.Print(x.(int)) })
	try(func() { fmt.Print(s[:3:3], str[1:]) })
}`)
	want := `runtime error: index out of range [7] with length 3 true
runtime error: index out of range [-1] true
runtime error: index out of range [7] with length 2 true
runtime error: index out of range [7] with length 3 true
runtime error: slice bounds out of range [:7] with capacity 3 true
runtime error: slice bounds out of range [7:3] true
runtime error: slice bounds out of range [:7] with length 2 true
runtime error: slice bounds out of range [2:1] true
runtime error: slice bounds out of range [::7] with capacity 3 true
runtime error: slice bounds out of range [:7:3] true
runtime error: invalid memory address or nil pointer dereference true
interface conversion: interface {} is string, not int true
[1 2 3]bc no panic
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestMultipleAssignmentWithACompositeLiteral(t *testing.T) {
	got := run(t, `package main
import "fmt"
func sq(x int) int { return x * x }
func main() {
	nums, target, name := []int{2, 7, 11}, 9, "pair"
	fmt.Println(nums, target, name)
	var p, q int
	p, q = sq(3), 4
	c := make(chan int, 1)
	c <- 8
	r, s := <-c, "recv"
	fmt.Println(p, q, r, s)
	a, b := []int{1}, []int{2}
	a, b = []int{b[0]}, a
	fmt.Println(a, b)
}`)
	want := "[2 7 11] 9 pair\n9 4 8 recv\n[2] [1]\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStructTypesWithTheSameFieldsStayApart(t *testing.T) {
	got := run(t, `package main
import ("encoding/json"; "fmt"; "reflect")
type Dog struct{ Name string }
type Cat struct{ Name string }
type Tagged struct{ Name string `+"`json:\"name\"`"+` }
func main() {
	var a, b any = Dog{"rex"}, Cat{"rex"}
	fmt.Println(reflect.TypeOf(a) == reflect.TypeOf(b), a == b, a == any(Dog{"rex"}))
	c := Cat(Dog{"tom"})
	fmt.Println(c.Name, Tagged(c).Name)
	out, _ := json.Marshal(Tagged{"kit"})
	fmt.Println(string(out))
}`)
	want := "false false true\ntom tom\n{\"name\":\"kit\"}\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEmbeddedStructFieldsArePromotedToCompiledCode(t *testing.T) {
	got := run(t, `package main
import ("encoding/json"; "fmt")
type Base struct{ ID int `+"`json:\"id\"`"+` }
type User struct {
	Base
	Name string
}
type Ref struct {
	*Base
	Note string
}
func main() {
	out, err := json.Marshal(User{Base{1}, "ann"})
	fmt.Println(string(out), err)
	var u User
	err = json.Unmarshal([]byte(`+"`{\"id\":7,\"Name\":\"bo\"}`"+`), &u)
	fmt.Println(u.ID, u.Name, err)
	out, err = json.Marshal(Ref{&Base{2}, "n"})
	fmt.Println(string(out), err)
}`)
	want := "{\"id\":1,\"Name\":\"ann\"} <nil>\n7 bo <nil>\n{\"id\":2,\"Note\":\"n\"} <nil>\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFieldsOfNamedNonStructTypesAreTagged(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "reflect"; "time")
type State int
type Names []string
type Job struct {
	ID    int
	S     State `+"`json:\"s\"`"+`
	Hist  []State
	N     Names
	D     time.Duration
	P     *State
}
func main() {
	rt := reflect.TypeOf(Job{})
	for i := 0; i < rt.NumField(); i++ {
		fmt.Printf("%q ", rt.Field(i).Tag.Get("yaegitype"))
	}
	fmt.Println(rt.Field(1).Tag.Get("json"))
}`)
	want := `"" "main.State" "[]main.State" "main.Names" "" "*main.State" s` + "\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRecoverReturnsThePanicValue(t *testing.T) {
	got := run(t, `package main
import ("errors"; "fmt")
type E struct{ Code int }
func try(f func()) {
	defer func() {
		r := recover()
		err, isErr := r.(error)
		e, isE := r.(E)
		typ := fmt.Sprintf("%T", r)
		if isE {
			typ = "main.E" // %T of a cell type is the kernel's business (eval)
		}
		fmt.Printf("%s %v %v %v %v %v\n", typ, r == "msg", isErr, err, isE, e.Code)
	}()
	f()
}
func main() {
	try(func() { panic("msg") })
	try(func() { panic(errors.New("boom")) })
	try(func() { panic(E{3}) })
	try(func() { panic(nil) })
}`)
	want := `string true false <nil> false 0
*errors.errorString false true boom false 0
main.E false false <nil> true 3
*runtime.PanicNilError false true panic called with nil argument false 0
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestAPanicInADeferredFuncIsRecoveredByAnEarlierOne(t *testing.T) {
	got := run(t, `package main
import "fmt"
func cleanup() {
	defer func() { fmt.Println("outer recovered:", recover()) }()
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("cleaning up after", r)
			panic(fmt.Sprint(r, " again"))
		}
	}()
	panic("first")
}
func late() {
	defer func() { fmt.Println("late recovered:", recover()) }()
	defer fmt.Println("still runs")
	defer func() { panic("in defer") }()
	fmt.Println("body")
}
func main() { cleanup(); late() }`)
	want := "cleaning up after first\nouter recovered: first again\nbody\nstill runs\nlate recovered: in defer\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestMethodExpressionsAsValues(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Point struct{ X, Y int }
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }
func (p *Point) Scale(k int)      { p.X *= k; p.Y *= k }
func main() {
	p := Point{1, 2}
	scale := (*Point).Scale
	scale(&p, 3)
	add := Point.Add
	fmt.Println(p, add(Point{1, 1}, Point{2, 2}), Point.Add(p, p))
	fs := []func(Point, Point) Point{Point.Add}
	fmt.Println(fs[0](p, p))
	fmt.Println(add(Point{5, 5}, Point{1, 0}), fs[0](Point{0, 1}, Point{1, 0}))
}`)
	want := "{3 6} {3 3} {6 12}\n{6 12}\n{6 5} {1 1}\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBranchesInSelectCases(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	c := make(chan int, 10)
	for i := 0; i < 5; i++ { c <- i }
	m, n := 0, 0
	for i := 0; i < 3; i++ {
		select {
		case <-c:
			if true { break }
			m++
		}
		n++
	}
	close(c)
	s := 0
	for {
		select {
		case v, ok := <-c:
			if ok {
				s += v
				continue
			}
		}
		break
	}
	d := make(chan int, 10)
	for i := 0; i < 6; i++ { d <- i }
	k := 0
loop:
	for {
		select {
		case <-d:
			k++
			if k > 3 { break loop }
		}
	}
	q := 0
	for i := 0; i < 2; i++ {
		select {
		case <-d:
			q++
			break
		default:
		}
		q += 10
	}
	fmt.Println("m", m, "n", n, "s", s, "k", k, "q", q)
}`)
	want := "m 0 n 3 s 7 k 4 q 22\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDeferredCallsAsGoRunsThem(t *testing.T) {
	got := run(t, `package main
import "fmt"
func show(v int) { fmt.Print("show ", v, " ") }
func args() {
	x := 1
	defer fmt.Println("println", x)
	defer show(x)
	defer func(v int) { fmt.Print("lit ", v, " ") }(x)
	x = 2
}
func inLoop() (s string) {
	for i := 0; i < 3; i++ {
		j := i // Go 1.22's per-iteration i is the evaluator's rewrite; this is the copy it makes
		defer func() { s += fmt.Sprint(j) }()
	}
	return "r"
}
func funcVars() {
	g := func(s string) { fmt.Print(s) }
	defer g("a")
	g = func(s string) { fmt.Print("B", s) }
	defer g("c")
	for i := 0; i < 2; i++ {
		j := i
		h := func() { fmt.Print(j) }
		defer h()
	}
}
func recovers() (n int) {
	h := func() {
		if r := recover(); r != nil {
			n = -1
		}
	}
	defer h()
	panic("x")
}
func loopRecover(items []int) (err error) {
	for _, it := range items {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("item %d: %v", it, r)
			}
		}()
		if it == 2 {
			panic("bad")
		}
	}
	return nil
}
func main() {
	args()
	fmt.Println(inLoop())
	funcVars()
	fmt.Println()
	fmt.Println(recovers(), loopRecover([]int{1, 2, 3}))
}`)
	want := "lit 1 show 1 println 1\nr210\n10Bca\n-1 item 2: bad\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDereferencingANilPointerPanicsWhereItHappens(t *testing.T) {
	got := run(t, `package main
import "fmt"
func try(f func()) { defer func() { fmt.Println(recover()) }(); f() }
func main() {
	var ip *int
	x := 5
	ok := &x
	try(func() { _ = *ip })
	try(func() { fmt.Print(*ok, " ") })
}`)
	want := "runtime error: invalid memory address or nil pointer dereference\n5 <nil>\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMethodValuesBindTheirReceiverWhenMade(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Counter struct{ n int }
func (c Counter) Get() int { return c.n }
func (c *Counter) Inc()    { c.n++ }
type Box struct{ C Counter }
func main() {
	c := Counter{}
	get := c.Get
	inc := c.Inc
	c.Inc()
	inc()
	fmt.Println(get(), c.Get(), c.n)
	p := &Counter{5}
	pget := p.Get
	p.n = 9
	fmt.Println(pget(), p.Get())
	b := Box{}
	bi := b.C.Inc
	bi()
	bi()
	fmt.Println(b.C.n)
	d := Counter{1}
	gets := []func() int{d.Get}
	byName := map[string]func() int{"get": d.Get}
	incs := []func(){d.Inc}
	d.n = 7
	incs[0]()
	fmt.Println(gets[0](), byName["get"](), apply(d.Get), d.n)
}
func apply(f func() int) int { return f() }`)
	want := "0 2 2\n5 9\n2\n1 1 8 8\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAnUncaughtPanicNamesTheLineThatPanicked(t *testing.T) {
	var stderr bytes.Buffer
	i := interp.New(interp.Options{Stdout: io.Discard, Stderr: &stderr})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`package main
import "fmt"
func store(n int) {
	fmt.Println("storing")
	var m map[string]int
	if n > 2 {
		m["x"] = n
	}
}
func main() {
	fmt.Println("start")
	store(5)
}`)
	if err == nil {
		t.Fatal("no panic")
	}
	// Each frame's line: the map write in store, the call in main.
	for _, want := range []string{"7:3: panic: main.store(...)", "12:2: panic: main.main(...)"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q lacks %q", stderr.String(), want)
		}
	}
}

func TestPrintedValuesKeepTheirMethodsThroughCallsAndParameters(t *testing.T) {
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: io.Discard})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	// As the kernel does for its printing functions: yaegi wraps a cell
	// value passed to them in the wrapper of the interface it implements.
	mt := map[reflect.Value][]reflect.Type{
		stdlib.Symbols["fmt/fmt"]["Println"]: {reflect.TypeFor[error](), reflect.TypeFor[fmt.Stringer]()},
		stdlib.Symbols["fmt/fmt"]["Sprint"]:  {reflect.TypeFor[error](), reflect.TypeFor[fmt.Stringer]()},
	}
	if err := i.Use(interp.Exports{".": {"MapTypes": reflect.ValueOf(mt)}}); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`package main
import "fmt"
type Celsius float64
func (c Celsius) String() string { return fmt.Sprint(float64(c), "C") }
type Level int
func (l Level) String() string { return fmt.Sprint("L", int(l)) }
type Code int
func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }
func level() Level { return 3 }
func pair() (Level, error) { return 5, Code(7) }
func boxed() any { return Level(4) }
func show(x any) { fmt.Println(x) }
func main() {
	c, l := Celsius(21.5), Level(1)
	show(c)
	show(l)
	fmt.Println(level(), boxed())
	fmt.Println(pair())
}`)
	if err != nil {
		t.Fatal(err)
	}
	want := "21.5C\nL1\nL3 L4\nL5 code 7\n" // from go run
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestRangeOverAStringGivesByteOffsets(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Name string
func word() string { return "añob" }
func main() {
	for i := range "héllo" {
		fmt.Print(i, " ")
	}
	fmt.Println()
	for i, r := range "h€\xffz" {
		fmt.Print(i, ":", string(r), " ")
	}
	fmt.Println()
	var n Name = "日本語"
	for i := range n {
		fmt.Print(i, " ")
	}
	for i, r := range word() {
		if r == 'o' {
			break
		}
		fmt.Print(i, " ")
	}
	s := "ab"
	for i := range s {
		s += "é"
		fmt.Print(i, " ")
	}
	fmt.Println(len(s))
	for range "xyz" {
		fmt.Print(".")
	}
	for _, r := range "ö" {
		fmt.Println(r)
	}
}`)
	want := "0 1 3 4 5 \n0:h 1:€ 4:\ufffd 5:z \n0 3 6 0 1 0 1 6\n...246\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGenericMethodsOfTheSameNameStayApart(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Stack[T any] []T
func (s Stack[T]) Top() T { return s[len(s)-1] }
type Queue[T any] []T
func (q Queue[T]) Top() T { return q[0] }
type Box[T any] struct{ v T }
func (b Box[T]) Name() string { return fmt.Sprint("box ", b.v) }
type Bag[T any] struct{ v T }
func (b Bag[T]) Name() string { return fmt.Sprint("bag ", b.v) }
type SStack[T any] struct{ items []T }
func (s *SStack[T]) Push(v T) { s.items = append(s.items, v) }
type List[T any] struct {
	head []T
	n    int
}
func (l *List[T]) Push(v T) { l.head = append([]T{v}, l.head...); l.n++ }
func Top[T any](xs []T) T { return xs[1] }
func main() {
	s := Stack[int]{1, 2, 3}
	q := Queue[int]{1, 2, 3}
	fmt.Println(s.Top(), q.Top(), Top([]int{1, 2, 3}))
	fmt.Println(Box[int]{1}.Name(), Bag[int]{2}.Name())
	var st SStack[string]
	st.Push("a")
	st.Push("b")
	var l List[string]
	l.Push("a")
	l.Push("b")
	fmt.Println(st.items, l.head, l.n)
}`)
	want := "3 1 2\nbox 1 bag 2\n[a b] [b a] 2\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}

	// A generic func declared again in a later cell: its new body runs.
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: io.Discard})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	for _, cell := range []string{
		`import "fmt"`,
		`func Pick[T any](xs []T) T { return xs[0] }`,
		`fmt.Println(Pick([]int{1, 2}))`,
		`func Pick[T any](xs []T) T { return xs[1] }`,
		`fmt.Println(Pick([]int{1, 2}))`,
	} {
		if _, err := i.Eval(cell); err != nil {
			t.Fatalf("%s: %v", cell, err)
		}
	}
	if got, want := out.String(), "1\n2\n"; got != want {
		t.Errorf("cells: got %q, want %q", got, want)
	}
}

func TestRangeAssignsTheVariablesItNames(t *testing.T) {
	got := run(t, `package main
import "fmt"
type P struct{ k string }
var g string
func last[T any](xs []T) (i int, x T) {
	for i, x = range xs {
	}
	return
}
func main() {
	var i int
	for i = range []int{1, 2, 3} {
	}
	fmt.Println(i)
	var j, v int
	for j, v = range [3]int{7, 8, 9} {
		if v == 8 {
			break
		}
	}
	fmt.Println(j, v)
	var r rune
	for j, r = range "日本" {
	}
	fmt.Println(j, string(r))
	var p P
	for p.k = range map[string]int{"a": 1} {
	}
	xs := make([]int, 3)
	for _, xs[0] = range []int{4, 5} {
	}
	for g = range map[string]bool{"z": true} {
	}
	fmt.Println(p.k, xs, g)
	ch := make(chan int, 2)
	ch <- 10
	ch <- 20
	close(ch)
	var c int
	for c = range ch {
	}
	fmt.Println(c, fmt.Sprint(last([]string{"a", "b"})))
	n := 0
	for i = range []int{1, 2, 3, 4} {
		if i%2 == 0 {
			continue
		}
		n += i
	}
	fmt.Println(i, n)
	var fs []func() int
	for i = range []int{1, 2} {
		fs = append(fs, func() int { return i })
	}
	fmt.Println(fs[0](), fs[1]())
	for i = range []int{} {
	}
	fmt.Println(i)
	for i = range []int{5, 6} {
		i = 10
	}
	fmt.Println(i)
	k := -1
	func() {
		for k = range []int{1, 2, 3, 4} {
		}
	}()
	switch k {
	case 3:
		for k = range []int{1, 2} {
		}
		fmt.Println("case", k)
	}
outer:
	for i = range []int{1, 2, 3} {
		for j = range []int{1, 2, 3} {
			if j == 1 {
				continue outer
			}
		}
	}
	fmt.Println(i, j)
}`)
	want := "2\n1 8\n3 本\na [5 0 0] z\n20 1b\n3 4\n1 1\n1\n10\ncase 1\n2 1\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestConstantShiftsIntoFloats(t *testing.T) {
	got := run(t, `package main
import "fmt"
type ByteSize float64
const (
	_           = iota
	KB ByteSize = 1 << (10 * iota)
	MB
	GB
	TB
	PB
	EB
	ZB
	YB
)
const K float64 = 1 << (2 * 5)
const five = 5
const U uint64 = 1<<64 - 1
type Big uint64
func main() {
	var x float64 = 1 << (2 * five)
	y := float64((1 + 1) << (1 + 2))
	var n uint = 3
	var b byte = (1 + 1) << n
	var i64 int64 = 1 << (n * 2)
	fmt.Println(KB, MB, GB, K, x, y, b, i64)
	fmt.Println(YB, float64(YB), YB/ZB, U, Big(U), float32(U), complex128(YB))
}`)
	want := "1024 1.048576e+06 1.073741824e+09 1024 1024 16 16 64\n" +
		"1.2089258196146292e+24 1.2089258196146292e+24 1024 18446744073709551615 18446744073709551615 1.8446744e+19 (1.2089258196146292e+24+0i)\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGenericFieldsNamedLikeTheirTypeParameter(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Weekday int

type Pair[K comparable, V any] struct {
	K K `+"`json:\"k\"`"+`
	V V
}

func (p Pair[K, V]) Key() K { return p.K }

func (p *Pair[K, V]) Set(v V) { p.V = v }

func MakePair[K comparable, V any](k K, v V) Pair[K, V] {
	return Pair[K, V]{K: k, V: v}
}

type Node[T any] struct {
	T    T
	Next *Node[T]
}

func main() {
	fmt.Println(Pair[string, Weekday]{"a", 1})
	fmt.Println(Pair[string, int]{"b", 2})
	p := Pair[Weekday, []string]{K: 3, V: []string{"x"}}
	fmt.Println(p.K, p.V, p.Key())
	p.Set([]string{"y"})
	fmt.Println(p.V)
	q := MakePair("z", 2.5)
	fmt.Println(q.K, q.V, q.Key())
	n := Node[int]{T: 1, Next: &Node[int]{T: 2}}
	fmt.Println(n.T, n.Next.T)
}`)
	want := "{a 1}\n{b 2}\n3 [x] 3\n[y]\nz 2.5 z\n1 2\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMethodExpressionsOnInterfacesAndCompiledTypes(t *testing.T) {
	got := run(t, `package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

type Shape interface {
	Area() float64
	Scale(k float64, names ...string) (Shape, string)
}

type Named interface {
	Shape
	Name() string
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }
func (r Rect) Scale(k float64, names ...string) (Shape, string) {
	return Rect{r.W * k, r.H * k}, strings.Join(names, "+")
}

type Circle struct{ R float64 }

func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Scale(k float64, names ...string) (Shape, string) {
	return &Circle{c.R * k}, fmt.Sprint(len(names))
}
func (c *Circle) Name() string { return "circle" }

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f°", float64(t)) }

func total(shapes []Shape, f func(Shape) float64) float64 {
	t := 0.0
	for _, s := range shapes {
		t += f(s)
	}
	return t
}

func main() {
	shapes := []Shape{Rect{1, 2}, &Circle{1}}
	fmt.Println(total(shapes, Shape.Area))
	scale := Shape.Scale
	s2, tag := scale(Rect{1, 1}, 3, "a", "b")
	fmt.Println(s2.Area(), tag)
	_, tag = Shape.Scale(&Circle{2}, 2)
	fmt.Println(tag)
	fmt.Println(Named.Name(&Circle{}), Named.Area(&Circle{2}))
	fs := []func(Shape) float64{Shape.Area}
	fmt.Println(fs[0](Rect{2, 2}))
	str := fmt.Stringer.String
	fmt.Println(str(Temp(21.5)), str(time.Second))
	var buf bytes.Buffer
	w := io.Writer.Write
	n, err := w(&buf, []byte("abc"))
	fmt.Println(n, err, buf.String())
	fmt.Println(error.Error(errors.New("boom")))
	fmt.Println(time.Duration.String(90*time.Second), time.Duration.Hours(2*time.Hour))
	wr := (*bytes.Buffer).WriteString
	wr(&buf, "def")
	fmt.Println((*bytes.Buffer).Len(&buf), buf.String())
	var mu sync.Mutex
	lock, unlock := (*sync.Mutex).Lock, (*sync.Mutex).Unlock
	lock(&mu)
	fmt.Println(mu.TryLock())
	unlock(&mu)
	fmt.Println(mu.TryLock())
	var sb strings.Builder
	ws := (*strings.Builder).WriteString
	ws(&sb, "hi")
	fmt.Println(ws(&sb, "!"))
	fmt.Println(sb.String())
	defer func() { fmt.Println("recovered:", recover()) }()
	var none Shape
	Shape.Area(none)
}`)
	want := "5\n9 a+b\n0\ncircle 12\n4\n21.5° 1s\n3 <nil> abc\nboom\n1m30s 2\n6 abcdef\nfalse\ntrue\n1 <nil>\nhi!\nrecovered: runtime error: invalid memory address or nil pointer dereference\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOperatorResultsAssignedToACompiledAnyField(t *testing.T) {
	got := run(t, `package main

import (
	"container/list"
	"container/ring"
	"fmt"
)

var top = list.New().PushBack(0)
var k = 3

func main() {
	e := list.New().PushBack(0)
	n := 2
	fmt.Println("before")
	e.Value = n * n
	fmt.Println("after", e.Value)
	e.Value = -n
	fmt.Println(e.Value)
	e.Value = n > 2
	fmt.Println(e.Value)
	e.Value = n == 2 || e.Value.(bool)
	fmt.Println(e.Value)
	e.Value = 5
	e.Value = e.Value.(int) + 1
	fmt.Println(e.Value)
	e.Value = ^n
	fmt.Println(e.Value)
	e.Value = "s" + fmt.Sprint(n)
	fmt.Println(e.Value)
	r := ring.New(1)
	r.Value = n + 1
	fmt.Println(r.Value)
	_ = n * n
	_ = -n
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		e.Value = n * 10
		fmt.Println("in func", e.Value)
	}()
	top.Value = k * k
	fmt.Println(top.Value)
}`)
	want := "before\nafter 4\n-2\nfalse\ntrue\n6\n-3\ns2\n3\nin func 20\nrecovered: <nil>\n9\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPointerMethodValuesKeepThePointerTheyWereMadeWith(t *testing.T) {
	got := run(t, `package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

type Res struct{ name string }

func (r *Res) Close() { fmt.Println("close", r.name) }
func (r Res) Show()   { fmt.Println("show", r.name) }

type Closer interface{ Close() }

func deferred() {
	r := &Res{"a"}
	defer r.Close()
	p := &Res{"p1"}
	defer p.Show()
	var c Closer = &Res{"i1"}
	defer c.Close()
	rs := []*Res{{"s1"}}
	defer rs[0].Close()
	rs[0] = &Res{"s2"}
	c = &Res{"i2"}
	p = &Res{"p2"}
	r = &Res{"b"}
}

func main() {
	a, b := &Counter{}, &Counter{}
	c := a
	f := c.Inc
	c = b
	f()
	fmt.Println(a.n, b.n)
	gs := []func(){c.Inc}
	c = a
	gs[0]()
	fmt.Println(a.n, b.n)
	deferred()
	ptrs := []*Counter{{}, {}, {}}
	var fs []func()
	for _, c = range ptrs {
		fs = append(fs, c.Inc)
	}
	for _, f := range fs {
		f()
	}
	fmt.Println(ptrs[0].n, ptrs[1].n, ptrs[2].n)
}`)
	want := "1 0\n1 1\nclose s1\nclose i1\nshow p1\nclose a\n1 1 1\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// runPrinting is run with fmt's printing functions set up as the kernel
// sets them up: its own Println, Printf and Sprint (under "fmt/./fmt",
// so that yaegi keeps them), to which a cell value is passed in the
// wrapper of the interface it implements (MapTypes). probe.Kind, set up
// the same way, tells which wrapper an argument arrived in.
func runPrinting(t *testing.T, src string) string {
	t.Helper()
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: io.Discard})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	kind := func(v any) string {
		switch v.(type) {
		case fmt.Stringer:
			return "stringer"
		case error:
			return "error"
		}
		return "plain"
	}
	printing := map[string]reflect.Value{
		"Println": reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fprintln(&out, a...) }),
		"Printf":  reflect.ValueOf(func(f string, a ...any) (int, error) { return fmt.Fprintf(&out, f, a...) }),
		"Sprint":  reflect.ValueOf(fmt.Sprint),
	}
	ifaces := []reflect.Type{reflect.TypeFor[fmt.Formatter](), reflect.TypeFor[error](), reflect.TypeFor[fmt.Stringer]()}
	mt := map[reflect.Value][]reflect.Type{}
	for _, v := range printing {
		mt[v] = ifaces
	}
	probe := map[string]reflect.Value{"Kind": reflect.ValueOf(kind)}
	mt[probe["Kind"]] = ifaces
	if err := i.Use(interp.Exports{"fmt/./fmt": printing, "probe/probe": probe, ".": {"MapTypes": reflect.ValueOf(mt)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(src); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	return out.String()
}

func TestAValueLacksThePointerMethodsOfItsType(t *testing.T) {
	got := runPrinting(t, `package main

import (
	"fmt"
	"probe"
)

type P struct{ X int }

func (p *P) String() string { return "P!" }

type E struct{ Code int }

func (e *E) Error() string { return "E!" }

type V struct{ X int }

func (v V) String() string { return "V!" }

type Outer struct{ *P }

type Inner struct{ P }

func main() {
	p := P{1}
	fmt.Println(p, &p)
	var a any = p
	fmt.Println(probe.Kind(a), probe.Kind(&p), probe.Kind(p))
	fmt.Printf("%+v %v\n", E{500}, &E{404})
	fmt.Println(probe.Kind(E{500}), probe.Kind(&E{1}))
	fmt.Println(V{1}, &V{2}, probe.Kind(V{3}))
	fmt.Println(Outer{&p}, probe.Kind(Outer{&p}), probe.Kind(Inner{p}), probe.Kind(&Inner{p}))
	fmt.Println(fmt.Sprint(p, &p))
}`)
	// from go run, with probe.Kind a func of the program
	want := "{1} P!\nplain stringer plain\n{Code:500} E!\nplain error\nV! V! stringer\nP! stringer plain stringer\n{1} P!\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCompiledValuesAssertedToTheCellsInterfaces(t *testing.T) {
	got := run(t, `package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

type Lener interface{ Len() int }

type Fooer interface{ Foo() }

type LenReader interface {
	io.Reader
	Len() int
}

func describe(err error) string {
	switch e := err.(type) {
	case nil:
		return "nil"
	case interface{ Unwrap() []error }:
		return fmt.Sprint("multi ", len(e.Unwrap()))
	case interface{ Unwrap() error }:
		return "wrapped " + e.Unwrap().Error()
	default:
		return "plain " + e.Error()
	}
}

func main() {
	var r io.Reader = strings.NewReader("xy")
	_, ok := r.(interface{ Len() int })
	err := errors.Join(errors.New("a"), errors.New("b"))
	_, ok2 := err.(interface{ Unwrap() []error })
	fmt.Println(ok, ok2)
	if l, ok := r.(Lener); ok {
		fmt.Println("len", l.Len(), l != nil)
	}
	lr, ok := r.(LenReader)
	fmt.Println(ok)
	b, _ := io.ReadAll(lr)
	fmt.Println(string(b), lr.Len())
	var a any = bytes.NewBufferString("abc")
	if l, ok := a.(Lener); ok {
		fmt.Println("any", l.Len())
	}
	_, ok = r.(interface{ Foo() })
	var none io.Reader
	_, ok3 := none.(Lener)
	fmt.Println(ok, ok3)
	fmt.Println(describe(err), "|", describe(fmt.Errorf("w: %w", io.EOF)), "|", describe(io.EOF), "|", describe(nil))
	switch r.(type) {
	case interface{ Foo() }:
		fmt.Println("foo")
	case Lener:
		fmt.Println("lener")
	}
	defer func() { fmt.Println("recovered:", recover()) }()
	_ = r.(Fooer)
}`)
	want := "true true\nlen 2 true\ntrue\nxy 0\nany 3\nfalse false\nmulti 2 | wrapped EOF | plain EOF | nil\nlener\n" +
		"recovered: interface conversion: *strings.Reader is not main.Fooer: missing method Foo\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCellValuesInTheVariadicPartOfACompiledCall(t *testing.T) {
	got := run(t, `package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

type VErr struct{ f string }

func (v VErr) Error() string { return "bad " + v.f }

type PErr struct{ f string }

func (p *PErr) Error() string { return "pbad " + p.f }

type myWriter struct{ pre string }

func (w myWriter) Write(p []byte) (int, error) { fmt.Print(w.pre, string(p)); return len(p), nil }

type myReader struct{ r io.Reader }

func (m myReader) Read(p []byte) (int, error) { return m.r.Read(p) }

func main() {
	fmt.Println(errors.Join(VErr{"a"}, VErr{"b"}))
	fmt.Println(errors.Join(&PErr{"c"}, &PErr{"d"}))
	v := VErr{"e"}
	joined := errors.Join(v, errors.New("x"))
	fmt.Println(joined)
	w := io.MultiWriter(myWriter{"1:"}, myWriter{"2:"})
	fmt.Fprintln(w, "hi")
	r := io.MultiReader(myReader{strings.NewReader("ab")}, myReader{strings.NewReader("cd")})
	b, _ := io.ReadAll(r)
	fmt.Println(string(b))
	errs := []error{VErr{"f"}, VErr{"g"}}
	fmt.Println(errors.Join(errs...))
	var sb strings.Builder
	fmt.Fprintln(io.MultiWriter(&sb, myWriter{"3:"}), "yo")
	fmt.Print(sb.String())
	defer fmt.Println("deferred:", errors.Join(VErr{"z"}))
	defer io.MultiWriter(myWriter{"4:"}).Write([]byte("end\n"))
}`)
	want := "bad a\nbad b\npbad c\npbad d\nbad e\nx\n1:hi\n2:hi\nabcd\nbad f\nbad g\n3:yo\nyo\n4:end\ndeferred: bad z\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCellInterfaceValuesPassedToCompiledParameters(t *testing.T) {
	got := run(t, `package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

type LabeledReader interface {
	io.Reader
	Label() string
}

type src struct{ r io.Reader }

func (s src) Read(p []byte) (int, error) { return s.r.Read(p) }
func (s src) Label() string              { return "L" }

type Reader interface{ io.Reader }

type NamedWriter interface {
	io.Writer
	Name() string
}

type out struct{ sb *strings.Builder }

func (o *out) Write(p []byte) (int, error) { return o.sb.Write(p) }
func (o *out) Name() string                { return "out" }

func open(s string) LabeledReader { return src{strings.NewReader(s)} }

func main() {
	var s LabeledReader = src{strings.NewReader("xyz")}
	b, err := io.ReadAll(s)
	fmt.Println(string(b), err, s.Label())
	b, _ = io.ReadAll(open("abc"))
	fmt.Println(string(b))
	line, _ := bufio.NewReader(open("l1\nl2")).ReadString('\n')
	fmt.Printf("%q\n", line)
	var r Reader = strings.NewReader("compiled")
	b, _ = io.ReadAll(r)
	fmt.Println(string(b))
	var sb strings.Builder
	var w NamedWriter = &out{&sb}
	io.WriteString(w, "written by ")
	fmt.Fprint(w, w.Name())
	fmt.Println(sb.String())
}`)
	want := "xyz <nil> L\nabc\n\"l1\\n\"\ncompiled\nwritten by out\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStructsEmbeddingACompiledInterfacePassedToCompiledCode(t *testing.T) {
	got := run(t, `package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

type reverse struct{ sort.Interface }

func (r reverse) Less(i, j int) bool { return r.Interface.Less(j, i) }

type byLen struct{ sort.StringSlice }

func (b *byLen) Less(i, j int) bool { return len(b.StringSlice[i]) < len(b.StringSlice[j]) }

type upper struct{ io.Writer }

func (u upper) Write(p []byte) (int, error) { return u.Writer.Write([]byte(strings.ToUpper(string(p)))) }

func main() {
	x := []int{3, 1, 2}
	sort.Sort(reverse{sort.IntSlice(x)})
	fmt.Println(x)
	r := reverse{sort.IntSlice(x)}
	fmt.Println(r.Len(), r.Less(0, 1), sort.IsSorted(r))
	ss := []string{"a", "c", "b"}
	var si sort.Interface = reverse{sort.StringSlice(ss)}
	sort.Stable(si)
	fmt.Println(ss, si.Len())
	words := []string{"ccc", "a", "bb"}
	sort.Sort(&byLen{words})
	fmt.Println(words)
	var sb strings.Builder
	w := struct{ io.Writer }{&sb}
	fmt.Fprint(w, "plain ")
	fmt.Fprint(upper{&sb}, "shout")
	fmt.Println(sb.String())
}`)
	want := "[3 2 1]\n3 true true\n[c b a] 3\n[a bb ccc]\nplain SHOUT\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCompositeLiteralsOfGenericTypesWithSeveralTypeArguments(t *testing.T) {
	got := run(t, `package main

import "fmt"

type pair[K comparable, V any] struct {
	k K
	v V
}

func (p *pair[K, V]) Set(v V) { p.v = v }

func main() {
	a := pair[string, int]{k: "a", v: 1}
	b := pair[string, int]{k: "b", v: 2}
	fmt.Println(a.k, b.k)
	e := &pair[string, int]{k: "e"}
	fmt.Println(e.k)
	f := &pair[string, int]{k: "f", v: 6}
	e.Set(5)
	fmt.Println(e.k, e.v, f.k, f.v)
	ps := []*pair[int, bool]{{k: 1}, &pair[int, bool]{k: 2, v: true}}
	fmt.Println(len(ps), ps[0].k, ps[1].v)
}`)
	want := "a b\ne\ne 5 f 6\n2 1 true\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSelfReferentialGenericTypesWithSeveralTypeParameters(t *testing.T) {
	got := run(t, `package main

import "fmt"

type node[K comparable, V any] struct {
	k    K
	v    V
	next *node[K, V]
}

type List[K comparable, V any] struct {
	head *node[K, V]
	n    int
}

func (l *List[K, V]) Put(k K, v V) {
	l.head = &node[K, V]{k: k, v: v, next: l.head}
	l.n++
}

func (l *List[K, V]) Get(k K) (V, bool) {
	for n := l.head; n != nil; n = n.next {
		if n.k == k {
			return n.v, true
		}
	}
	var zero V
	return zero, false
}

type Tree[K comparable, V any, W any] struct {
	key      K
	val      V
	weight   W
	children []*Tree[K, V, W]
}

func main() {
	n := &node[int, string]{k: 1, v: "a"}
	n.next = &node[int, string]{k: 2, v: "b"}
	fmt.Println(n.k, n.v, n.next.k, n.next.v, n.next.next == nil)
	var l List[string, int]
	l.Put("x", 1)
	l.Put("y", 2)
	v, ok := l.Get("x")
	_, ok2 := l.Get("z")
	fmt.Println(l.n, v, ok, ok2)
	t := &Tree[string, int, float64]{key: "root", val: 1}
	t.children = append(t.children, &Tree[string, int, float64]{key: "leaf", val: 2, weight: 0.5})
	fmt.Println(t.key, len(t.children), t.children[0].key, t.children[0].weight)
}`)
	want := "1 a 2 b true\n2 1 true false\nroot 1 leaf 0.5\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Go accepts a type that refers to itself through another instance;
	// yaegi refuses it, by name, rather than overflowing the stack.
	i := interp.New(interp.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`package main
type pair[A, B any] struct {
	a    A
	b    B
	flip *pair[B, A]
}
func main() { _ = pair[int, string]{a: 1} }`)
	if err == nil || !strings.Contains(err.Error(), "generic type pair refers to itself with other type arguments: not supported") {
		t.Errorf("got error %v", err)
	}
}

func TestTypeArgumentsInferredFromVariadicAndNestedParameters(t *testing.T) {
	got := run(t, `package main

import "fmt"

func Or[T comparable](first T, rest ...T) T {
	var zero T
	if first != zero {
		return first
	}
	for _, v := range rest {
		if v != zero {
			return v
		}
	}
	return zero
}

func Concat[S ~[]E, E any](slices ...S) S {
	var out S
	for _, s := range slices {
		out = append(out, s...)
	}
	return out
}

func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	var out S
	out = append(out, s[:i]...)
	out = append(out, v...)
	return append(out, s[i:]...)
}

type Box[T any] struct{ v T }

func Unbox[T any](b *Box[T]) T { return b.v }

func Apply[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Keys[K comparable, V any](m map[K]V) []K {
	var ks []K
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

type Seq[V any] func(yield func(V) bool)

func Values[T any](xs []T) Seq[T] {
	return func(yield func(T) bool) {
		for _, x := range xs {
			if !yield(x) {
				return
			}
		}
	}
}

func Collect[T any](seq Seq[T]) []T {
	var out []T
	seq(func(v T) bool { out = append(out, v); return true })
	return out
}

type Ints []int

func main() {
	x := 3
	fmt.Println(Or(x), Or(0, 0, 7), Or(0.0, 2.5))
	xs := []int{0, 0, 5}
	fmt.Println(Or(0, xs...))
	a := []int{1, 2}
	fmt.Println(Concat(a), Concat(a, Ints{3}))
	parts := [][]int{{1}, {2, 3}}
	fmt.Println(Concat(parts...))
	fmt.Println(Insert(a, 1), Insert(Ints{1, 2}, 1, 9, 8))
	fmt.Println(Unbox(&Box[string]{"s"}))
	fmt.Println(Apply([]int{1, 2}, func(i int) string { return fmt.Sprint(i, "!") }))
	fmt.Println(Keys(map[string]bool{"k": true}))
	fmt.Println(Collect(Values([]string{"p", "q"})))
}`)
	want := "3 7 2.5\n5\n[1 2] [1 2 3]\n[1 2 3]\n[1 2] [1 9 8 2]\ns\n[1! 2!]\n[k]\n[p q]\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAssigningAStructLiteralKeepsTheVariablesStorage(t *testing.T) {
	got := run(t, `package main

import "fmt"

type Res struct{ name string }

func (r *Res) Close() { fmt.Println("close", r.name) }

type Outer struct{ Res }

func main() {
	v := Res{"v1"}
	p := &v
	v = Res{"v2"}
	fmt.Println(p.name)
	a := [2]int{1, 2}
	pa := &a
	a = [2]int{3, 4}
	fmt.Println(pa[0])
	o := Outer{Res{"o1"}}
	defer o.Close()
	o = Outer{Res{"o2"}}
	for i := 0; i < 2; i++ {
		w := Res{fmt.Sprint("w", i)}
		defer w.Close()
	}
	var s struct{ x int }
	ps := &s
	s = struct{ x int }{5}
	fmt.Println(ps.x)
}`)
	want := "v2\n3\n5\nclose w1\nclose w0\nclose o2\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOperatorResultsReturnedAsInterfaces(t *testing.T) {
	got := run(t, `package main

import (
	"errors"
	"fmt"
)

type C float64

func (c C) String() string { return fmt.Sprint(float64(c), "C") }

type Code int

func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }

func sum(a, b C) fmt.Stringer { return a + b }
func neg(a C) fmt.Stringer   { return -a }
func anyNeg(n int) any       { return -n }
func anySum(n int) any       { return n + n }
func code(c Code) error      { return c * 2 }
func both(a C) (fmt.Stringer, error) {
	return a * 3, errors.New("e")
}

func main() {
	fmt.Println(sum(1, 2), neg(4), anyNeg(3), anySum(3))
	fmt.Println(code(2))
	fmt.Println(both(1))
}`)
	want := "3C -4C -3 6\ncode 4\n3C e\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTypeAssertionsAsConditions(t *testing.T) {
	got := run(t, `package main

import "fmt"

func main() {
	var x any = true
	var f any = false
	n := 2
	if x.(bool) {
		fmt.Println("if ok")
	}
	fmt.Println(x.(bool) || n == 3, f.(bool) || n == 2, f.(bool) || n == 3)
	fmt.Println(x.(bool) && n == 2, f.(bool) && n == 2, !f.(bool))
	for i := 0; f.(bool) || i < 2; i++ {
		fmt.Println("loop", i)
	}
}

func init() {
	var f any = false
	if f.(bool) {
		fmt.Println("then")
	} else {
		fmt.Println("else")
	}
}`)
	want := "else\nif ok\ntrue true false\ntrue false true\nloop 0\nloop 1\n" // from go run
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestConversionToAnInterfaceStoresTheValueAsAnAssignmentWould(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "io"; "strings")
type LabeledReader interface {
	io.Reader
	Label() string
}
type src struct{ r io.Reader }
func (s src) Read(p []byte) (int, error) { return s.r.Read(p) }
func (s src) Label() string               { return "src" }
type Shape interface{ Area() float64 }
type Sq struct{ s float64 }
func (q Sq) Area() float64 { return q.s * q.s }
func main() {
	lr := LabeledReader(src{strings.NewReader("hi")})
	b, _ := io.ReadAll(lr)
	fmt.Println(lr.Label(), string(b))
	r := io.Reader(src{strings.NewReader("x")})
	b, _ = io.ReadAll(r)
	fmt.Println(string(b))
	b, _ = io.ReadAll(io.Reader(src{strings.NewReader("y")}))
	fmt.Println(string(b))
	fmt.Println(Shape(Sq{3}).Area())
	_, ok := Shape(Sq{1}).(Sq)
	fmt.Println(ok)
}
`)
	if want := "src hi\nx\ny\n9\ntrue\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSelectSendCaseEvaluatesTheCallsInsideItsValue(t *testing.T) {
	got := run(t, `package main
import "fmt"
type result struct {
	path string
	sum  [2]byte
	n    int
}
func f() [2]byte { return [2]byte{7, 8} }
func g() int { return 5 }
func main() {
	c := make(chan result, 1)
	done := make(chan struct{})
	select {
	case c <- result{"a", f(), g()}:
	case <-done:
	}
	fmt.Println(<-c)
	d := make(chan []int, 1)
	select {
	case <-done:
	case d <- []int{g(), g() + 1}:
	}
	fmt.Println(<-d)
}
`)
	if want := "{a [7 8] 5}\n[5 6]\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTypedConstantsComputedByExpressionsHaveTheirType(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Kind int
const (
	Info Kind = iota + 1
	Warn
	Error
)
type Flag uint8
const (
	FlagA Flag = 1 << iota
	FlagB
	FlagC
)
type Celsius float64
const Boiling Celsius = 50 + 50
func main() {
	const local Kind = 2 * 2
	k := Kind(2)
	f := FlagA | FlagC
	fmt.Println(k == Warn, k != Warn, Info == 1, k > Info, Boiling == 100, local == 4, Kind(4) == local)
	fmt.Println(f&FlagC == FlagC, FlagC == 4, f&FlagB != 0, Error-Info, Warn*3)
	switch k {
	case Warn:
		fmt.Println("warn")
	}
}
`)
	if want := "true false true true true true true\ntrue true false 2 6\nwarn\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSliceAndMapLiteralsAssignedToACellInterface(t *testing.T) {
	got := run(t, `package main
import "fmt"
type P interface{ N() int }
type W []string
func (w W) N() int { return len(w) }
type M map[string]int
func (m M) N() int { return len(m) }
type A [3]int
func (a A) N() int { return a[0] }
func main() {
	var p P = W{"a", "b"}
	var q P = M{"a": 1}
	fmt.Println(p.N(), q.N())
	q = W{"x"}
	p = A{7}
	fmt.Println(q.N(), p.N())
}
`)
	if want := "2 1\n1 7\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAPanicAfterARecursiveGenericCallIsReported(t *testing.T) {
	var stderr bytes.Buffer
	i := interp.New(interp.Options{Stdout: io.Discard, Stderr: &stderr})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`package main
func F[T any](x T, n int) {
	if n > 0 {
		F(x, n-1)
	}
}
func main() {
	F(1, 2)
	var m map[string]int
	m["x"] = 1
}`)
	if err == nil || !strings.Contains(err.Error(), "assignment to entry in nil map") {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(stderr.String(), "10:2: panic: main.main(...)") {
		t.Errorf("stderr %q lacks the panicking line", stderr.String())
	}
}

func TestNamedResultsStartAtZeroInEveryCall(t *testing.T) {
	got := run(t, `package main
import "fmt"
func f() (n int) {
	n++
	return
}
func sum(xs ...int) (total int) {
	for _, x := range xs {
		total += x
	}
	return
}
func main() {
	for i := 0; i < 3; i++ {
		fmt.Print(f(), " ")
	}
	t := 5
	t = sum(1, 2)
	t = sum(1, 2)
	a, b := f(), f()
	fmt.Println(t, a, b, func() (s string) { s += "x"; return }())
}
`)
	if want := "1 1 1 3 1 1 x\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestANamedResultAssignedToAnArgumentOfItsCall(t *testing.T) {
	got := run(t, `package main
import "fmt"
type P struct{ X, Y int }
type S struct{ n int }
var g = 10
func inc(a int) (r int) { r = a + 1; return }
func clamp(v, lo, hi int) (r int) {
	r = v
	if r < lo {
		r = lo
	}
	if r > hi {
		r = hi
	}
	return
}
func swap(p P) (q P) { q.X, q.Y = p.Y, p.X; return }
func mul2(a, b [2]int) (c [2]int) { c[0], c[1] = a[0]*b[0], a[1]*b[1]; return }
func Twice[T int | float64](x T) (r T) { r = 2 * x; return }
func main() {
	n := 5
	n = inc(n)
	g = inc(g)
	s := &S{1}
	s.n = inc(s.n)
	vals := []int{-5, 50, 500}
	for i := range vals {
		vals[i] = clamp(vals[i], 0, 100)
	}
	p := P{1, 2}
	p = swap(p)
	m := [2]int{2, 3}
	m = mul2(m, m)
	x := 4
	x = Twice(x)
	total := 0
	for _, v := range []int{1, 2, 3} {
		total = inc(total + v - 1)
	}
	fmt.Println(n, g, s.n, vals, p, m, x, total)
}
`)
	if want := "6 11 2 [0 50 100] {2 1} [4 9] 8 6\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAssertionBetweenInterfacesKeepsPointerReceiverMethodsOutOfAValue(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Walker interface{ Walk() string }
type Runner interface{ Run() string }
type Legs struct{ n int }
func (l Legs) Walk() string { return "walk" }
func (l *Legs) Run() string { return "run" }
type Wrap struct{ *Legs }
func main() {
	var w Walker = Legs{2}
	r, ok := w.(Runner)
	fmt.Println(ok, r == nil)
	var p Walker = &Legs{3}
	_, ok = p.(Runner)
	var e Walker = Wrap{&Legs{4}}
	_, ok2 := e.(Runner)
	fmt.Println(ok, ok2)
	defer func() { fmt.Println(recover()) }()
	_ = w.(Runner)
}
`)
	if want := "false true\ntrue true\ninterface conversion: main.Legs is not main.Runner: missing method Run\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEqualValuesHeldInAnyAreOneMapKey(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Money struct{ Amount int }
func (m Money) String() string { return "money" }
func main() {
	counts := map[any]int{}
	for _, k := range []any{Money{1}, Money{1}, "a", nil} {
		counts[k]++
	}
	var a any = Money{1}
	counts[a] += 10
	v, ok := counts[a]
	fmt.Println(len(counts), counts[Money{1}], v, ok, counts[nil])
	delete(counts, a)
	lit := map[any]bool{a: true, Money{1}: false}
	fmt.Println(len(counts), len(lit))
}
`)
	if want := "3 12 12 true 1\n2 1\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestANegativeShiftCountPanics(t *testing.T) {
	got := run(t, `package main
import "fmt"
func shift(x, n int) (r int, err any) {
	defer func() { err = recover() }()
	return x << n, nil
}
func main() {
	fmt.Println(shift(1, 3))
	fmt.Println(shift(1, -1))
	var u uint8 = 200
	k := int8(-2)
	defer func() { fmt.Println(recover(), u) }()
	u >>= k
}
`)
	if want := "8 <nil>\n0 runtime error: negative shift amount\nruntime error: negative shift amount 200\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestReflectPanicsAreGoRuntimeErrors(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "runtime")
func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isRT := r.(runtime.Error)
		fmt.Println(name, r, isRT)
	}()
	f()
}
func main() {
	n := -1
	var g func()
	s := []int{1, 2}
	try("nil func", func() { g() })
	try("make", func() { _ = make([]int, n) })
	try("convert", func() { _ = [3]int(s) })
	type Inner struct{ X int }
	type Outer struct{ *Inner }
	c, m := 1, 2
	try("nil embedded", func() { fmt.Println(Outer{}.X) })
	try("make cap", func() { _ = make([]int, m, c) })
	try("make chan", func() { _ = make(chan int, n) })
	try("convert pointer", func() { _ = (*[3]int)(s) })
}
`)
	want := "nil func runtime error: invalid memory address or nil pointer dereference true\n" +
		"make runtime error: makeslice: len out of range true\n" +
		"convert runtime error: cannot convert slice with length 2 to array or pointer to array with length 3 true\n" +
		"nil embedded runtime error: invalid memory address or nil pointer dereference true\n" +
		"make cap runtime error: makeslice: cap out of range true\n" +
		"make chan makechan: size out of range true\n" +
		"convert pointer runtime error: cannot convert slice with length 2 to array or pointer to array with length 3 true\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPrintingAValueWhoseMethodsOnlyShareFmtsNames(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "time")
type Tree struct{ v int }
func (t Tree) String(indent int) string { return fmt.Sprint(indent, t.v) }
type Money struct{ cents int }
func (m Money) Format(layout string) string { return fmt.Sprintf(layout, m.cents) }
type Event struct {
	Name string
	time.Time
}
func main() {
	fmt.Println(Tree{1}, Money{150}, Money{2}.Format("%d¢"))
	fmt.Println(Event{"launch", time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)})
}
`)
	if want := "{1} {150} 2¢\n2020-01-02 03:04:05 +0000 UTC\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMultipleAssignmentsToInterfaces(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "io"; "strings")
type Shape interface{ Area() float64 }
type Sq struct{ s float64 }
func (q Sq) Area() float64 { return q.s * q.s }
type Circ struct{ r float64 }
func (c Circ) Area() float64 { return 3 * c.r * c.r }
var g1, g2 Shape = Sq{3}, Circ{1}
func main() {
	var a, b Shape = Sq{1}, Sq{2}
	fmt.Println(a.Area(), b.Area(), g1.Area(), g2.Area())
	a, b = b, a
	fmt.Println(a.Area(), b.Area())
	a, b = Circ{2}, Sq{5}
	fmt.Println(a.Area(), b.Area())
	var r1, r2 io.Reader = strings.NewReader("x"), strings.NewReader("yz")
	r1, r2 = r2, r1
	d, _ := io.ReadAll(r1)
	var x, y any = "s", 3
	x, y = y, x
	fmt.Println(string(d), x, y)
}
`)
	if want := "1 4 9 3\n4 1\n12 25\nyz 3 s\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAssertionToAStructWithMethodsPromotedThroughAnEmbeddedPointer(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Logger interface{ Log(string) }
type Named interface{ Name() string }
type base struct{ name string }
func (b *base) Log(msg string) { fmt.Println(b.name, msg) }
func (b *base) Name() string { return b.name }
type Service struct{ *base }
func main() {
	var l Logger = Service{&base{"api"}}
	s, ok := l.(Service)
	n, ok2 := l.(Named)
	fmt.Println(s.Name(), ok, n.Name(), ok2)
	l.Log("up")
}
`)
	if want := "api true api true\napi up\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMethodsOfAnEmbeddedCompiledTypeThroughAnInterface(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "io"; "strings")
type ReadCloser interface {
	io.Reader
	Close() error
}
type file struct{ *strings.Reader }
func (f *file) Close() error { return nil }
type Lener interface{ Len() int }
func main() {
	var rc ReadCloser = &file{strings.NewReader("payload")}
	b := make([]byte, 3)
	n, _ := rc.Read(b)
	var l Lener = file{strings.NewReader("abcd")}
	fmt.Println(n, string(b), rc.Close(), l.Len())
}
`)
	if want := "3 pay <nil> 4\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAGenericFuncCallingItselfInsideAFuncLiteral(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "sync")
func F[T any](s T, n int) T {
	if n == 0 {
		return s
	}
	var r T
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); r = F(s, n-1) }()
	wg.Wait()
	c := make(chan T, 1)
	go func() { c <- F(s, 0) }()
	return func() T { <-c; return r }()
}
func main() {
	fmt.Println(F(7, 3), F("s", 2))
}
`)
	if want := "7 s\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestACellValueInAPackagesInterfaceAssertedToACellInterface(t *testing.T) {
	got := run(t, `package main
import "fmt"
type TempErr struct{ Code int }
func (e TempErr) Error() string { return "temp" }
func (e TempErr) Temporary() bool { return true }
type Temp interface{ Temporary() bool }
type Other interface{ Other() }
func main() {
	var e error = TempErr{3}
	var a any = e
	y, ok := a.(Temp)
	_, ok2 := a.(Other)
	fmt.Println(ok, y.Temporary(), ok2)
}
`)
	if want := "true true false\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAssertionToAStructEmbeddingTheInterface(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Shape interface{ Area() float64 }
type Square struct{ S float64 }
func (s Square) Area() float64 { return s.S * s.S }
type Named struct {
	Shape
	Name string
}
func main() {
	var sh Shape = Named{Square{3}, "big"}
	n, ok := sh.(Named)
	switch v := sh.(type) {
	case Square:
		fmt.Println("square")
	case Named:
		fmt.Println("named", v.Name, v.Area())
	}
	fmt.Println(n.Name, ok)
}
`)
	if want := "named big 9\nbig true\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLenOfANilPointerToAnArray(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	var p *[3]int
	q := &[2]string{"a", "b"}
	fmt.Println(len(p), cap(p), len(q))
}
`)
	if want := "3 3 2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMapLiteralKeysTheInterpreterWouldMerge(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`package main
type ID int
var m = map[any]int{ID(1): 1, 1: 2}
`)
	if err == nil || !strings.Contains(err.Error(), "would merge them") {
		t.Fatalf("got %v, want a refusal saying the keys would merge", err)
	}
	// Equal keys of one type are still Go's own "duplicate key" error.
	_, err = i.Eval(`var n = map[int]int{1: 1, 1: 2}`)
	if err == nil || !strings.Contains(err.Error(), "duplicate key 1 in map literal") {
		t.Fatalf("got %v, want duplicate key 1", err)
	}
}

func TestAGenericMethodCallingOneDeclaredAfterIt(t *testing.T) {
	got := run(t, `package main
import "fmt"
type BST[K any] struct{ n int }
func (t *BST[K]) Put() { t.put() }
func (t *BST[K]) put() { t.n++ }
func main() {
	t := &BST[int]{}
	t.Put()
	v := BST[string]{}
	v.Put()
	fmt.Println(t.n, v.n)
}
`)
	if want := "1 1\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAPointerMethodDeclaredAfterAGenericTypeWasInstantiated(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, src := range []string{`import "fmt"`, `type S[T any] struct{ v T }`, `var made = []S[int](nil)`,
		`func (s *S[T]) Set(v T) { s.v = v }`, `p := &S[int]{}
p.Set(4)
fmt.Fprintln(out, p.v)`} {
		if src == `import "fmt"` {
			w := &out
			if err := i.Use(interp.Exports{"w/w": {"out": reflect.ValueOf(&w).Elem()}}); err != nil {
				t.Fatal(err)
			}
			src = `import ("fmt"; . "w")`
		}
		if _, err := i.Eval(src); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
	}
	if got, want := out.String(), "4\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAGenericMethodCallingTheConstructorThatMakesItsType(t *testing.T) {
	got := run(t, `package main
import "fmt"
type M[T any] struct{ v T }
func New[T any](v T) *M[T] { return &M[T]{v} }
func (m *M[T]) Copy() *M[T] { return New(m.v) }
func Zero[T any]() *M[T] { return &M[T]{} }
func (m *M[T]) Reset() *M[T] { return Zero[T]() }
func main() {
	m := New(1)
	fmt.Println(m.Copy().v, m.Reset().v, New("s").Copy().v)
}
`)
	if want := "1 0 s\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAssertionToAGenericTypeInsideAGenericFunc(t *testing.T) {
	got := run(t, `package main
import ("container/list"; "fmt")
type entry[K any] struct{ key K }
func First[K any](v any) K { return v.(entry[K]).key }
type LRU[K comparable] struct{ ll *list.List }
func (c *LRU[K]) Front() K { return c.ll.Front().Value.(*entry[K]).key }
type pair[K comparable, V any] struct {
	key K
	val V
}
type Cache[K comparable, V any] struct{ ll *list.List }
func (c *Cache[K, V]) Front() V { return c.ll.Front().Value.(*pair[K, V]).val }
func main() {
	fmt.Println(First[string](entry[string]{"a"}))
	c := &LRU[int]{list.New()}
	c.ll.PushFront(&entry[int]{7})
	fmt.Println(c.Front())
	d := &Cache[string, float64]{list.New()}
	d.ll.PushFront(&pair[string, float64]{"k", 2.5})
	fmt.Println(d.Front())
}
`)
	if want := "a\n7\n2.5\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAConversionToATypeParameterInstantiatedWithANamedType(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "strings")
type Name string
type Names []Name
type Cents int
func Conv[E ~string](s string) E { return E(s) }
func Upper[S ~[]E, E ~string](s S) S {
	out := make(S, len(s))
	for i, v := range s {
		out[i] = E(strings.ToUpper(string(v)))
	}
	return out
}
func Scale[T ~int](x T, f int) T { return T(int(x) * f) }
func main() {
	var n Name = Conv[Name]("a")
	fmt.Println(n, Upper(Names{"ann", "bob"}), Scale(Cents(3), 2), Conv[string]("s"))
}
`)
	if want := "a [ANN BOB] 6 s\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAGenericFuncFirstCalledInAVarDeclaration(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Name string
func Conv[E ~string](s string) E { return E(s) }
func Sum[T int | float64](xs []T) (s T) {
	for _, x := range xs {
		s += x
	}
	return s
}
func main() {
	var n Name = Conv[Name]("a")
	var total = Sum[int]([]int{1, 2, 3})
	var s string = Conv[string]("b") + "!"
	fmt.Println(n, total, s)
}
`)
	if want := "a 6 b!\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAnInterfaceHoldsACopyOfAStructVariable(t *testing.T) {
	got := run(t, `package main
import "fmt"
type C struct{ n int }
func (c C) Get() int { return c.n }
func (c *C) Inc() { c.n++ }
type Getter interface{ Get() int }
func keep(v any) any { return v }
func main() {
	c := C{1}
	var g Getter = c
	k := keep(c)
	var s fmt.Stringer = fmt.Stringer(nil)
	_ = s
	var list []Getter
	for _, x := range []C{{10}, {20}} {
		list = append(list, x)
	}
	c.n = 2
	c.Inc()
	cs := []C{{1}, {2}, {3}}
	var ptrs []Getter
	for i := range cs {
		ptrs = append(ptrs, &cs[i])
	}
	cs[1].Inc()
	fmt.Println(g.Get(), k.(C).n, list[0].Get(), list[1].Get(), c.n, ptrs[0].Get(), ptrs[1].Get(), ptrs[2].Get())
}
`)
	if want := "1 1 10 20 3 1 3 3\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestALabelNamedLikeAFunc(t *testing.T) {
	got := run(t, `package main
import "fmt"
func f() int { return 1 }
func done() bool { return true }
func main() {
	fmt.Println(f())
	n := 0
f:
	for {
		n++
		if n < 3 {
			continue f
		}
		break f
	}
done:
	for i := 0; i < 5; i++ {
		if done() && i == 2 {
			break done
		}
		n += i
	}
	if n < 100 {
		goto end
	}
	n = -1
end:
	fmt.Println(n, f(), done())
}
`)
	if want := "1\n4 1 true\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAStructEmbeddingACompiledTypeAsThatPackagesInterface(t *testing.T) {
	got := run(t, `package main
import ("bytes"; "fmt"; "io"; "sync")
type Counter struct {
	sync.Mutex
	n int
}
type W struct {
	bytes.Buffer
	name string
}
func lockIt(l sync.Locker) { l.Lock(); l.Unlock() }
func main() {
	c := &Counter{}
	lockIt(c)
	var l sync.Locker = c
	l.Lock()
	c.n++
	l.Unlock()
	cond := sync.NewCond(c)
	_ = cond
	w := &W{name: "x"}
	var iw io.Writer = w
	fmt.Fprintf(iw, "hi %d", 3)
	fmt.Fprintf(w, "!")
	fmt.Println(c.n, w.String(), w.name)
}
`)
	if want := "1 hi 3! x\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRecoveredNamedNonStructKeepsItsMethods(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Level int
func (l Level) String() string { return [...]string{"low", "high"}[l] }
func try(f func()) (r any) { defer func() { r = recover() }(); f(); return nil }
func main() {
	r := try(func() { panic(Level(1)) })
	s, ok := r.(fmt.Stringer)
	l, isLevel := r.(Level)
	fmt.Println(ok, s.String(), isLevel, int(l))
}`)
	if want := "true high true 1\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// methodProbe is a compiled type whose method says what it was given.
type methodProbe struct{}

func (methodProbe) Show(v ...any) string { return fmt.Sprint(v...) }

func TestMapMethodsWrapArgumentsOfACompiledMethod(t *testing.T) {
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: io.Discard})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	probe := map[string]reflect.Value{"P": reflect.ValueOf(methodProbe{}), "Probe": reflect.ValueOf((*methodProbe)(nil))}
	mm := map[reflect.Type]map[string][]reflect.Type{
		reflect.TypeFor[methodProbe](): {"Show": {reflect.TypeFor[fmt.Stringer]()}},
	}
	if err := i.Use(interp.Exports{"probe/probe": probe, ".": {"MapMethods": reflect.ValueOf(mm)}}); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`package main
import ("fmt"; "probe")
type Color int
func (c Color) String() string { return "green" }
func main() { fmt.Println(probe.P.Show(Color(1))) }`)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "green\n" {
		t.Errorf("got %q, want the argument with its String method", got)
	}
}

func TestMakeADirectionalChannel(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	s := make(chan<- int, 2)
	s <- 1
	r := make(<-chan string)
	fmt.Println(len(s), cap(s), cap(r))
	fmt.Printf("%T %T\n", s, r)
}`)
	if want := "1 2 0\nchan<- int <-chan string\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestACompositeLiteralAssignedToAnInterfaceFieldElementOrPointer(t *testing.T) {
	got := run(t, `package main
import "fmt"
type S interface{ Name() string }
type F struct{ n int }
func (f F) Name() string { return fmt.Sprint("F", f.n) }
type H struct{ S S }
func main() {
	var h H
	h.S = F{1}
	s := []S{nil}
	s[0] = F{2}
	m := map[string]S{}
	m["k"] = F{3}
	p := new(S)
	*p = F{4}
	var v S
	v = F{5}
	a := [1]S{}
	a[0] = F{6}
	fmt.Println(h.S.Name(), s[0].Name(), m["k"].Name(), (*p).Name(), v.Name(), a[0].Name())
}`)
	if want := "F1 F2 F3 F4 F5 F6\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAFuncLiteralCalledWithoutVariadicArgumentsGetsNil(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	g := func(xs ...string) bool { return xs == nil }
	h := func(n int, xs ...int) int { return len(xs) + n }
	fmt.Println(g(), g("a"), g([]string{}...), h(1), h(1, 2, 3))
}`)
	if want := "true false false 1 3\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPromotedFieldsAndMethodsComeFromTheShallowestEmbedding(t *testing.T) {
	got := run(t, `package main
import "fmt"
type A struct{ X int }
func (A) M() string { return "A.M" }
type B struct{ X int }
func (B) M() string { return "B.M" }
type Deep struct{ A }
type Top struct {
	Deep
	B
}
type Logger interface{ Log(s string) string }
type Namer interface{ Name() string }
type fileLogger struct{}
func (fileLogger) Log(s string) string { return "log:" + s }
func (fileLogger) Name() string       { return "fileLogger" }
type user struct{ n string }
func (u user) Name() string { return u.n }
type Service struct {
	Logger
	Namer
}
func main() {
	t := Top{Deep{A{1}}, B{2}}
	fmt.Println(t.X, t.M(), t.Deep.X)
	s := &Service{Logger: fileLogger{}, Namer: user{"alice"}}
	f := s.Name
	fmt.Println(s.Name(), f(), s.Log("x"))
}`)
	if want := "2 B.M 1\nalice alice log:x\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAnUnhashableMapKeyPanicsInGosWords(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	defer func() {
		r := recover()
		_, isRuntime := r.(interface{ RuntimeError() })
		fmt.Println(r, isRuntime)
	}()
	m := map[any]int{}
	m[[]int{1}] = 1
}`)
	if want := "runtime error: hash of unhashable type []int true\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestANilCellInterfaceInAnAnyAssertsAsNil(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Animal interface{ Speak() string }
func main() {
	var a Animal
	var x any = a
	_, ok1 := x.(Animal)
	_, ok2 := any(a).(fmt.Stringer)
	_, ok3 := any(a).(int)
	fmt.Println(ok1, ok2, ok3, x == nil)
	for _, f := range []func(){func() { _ = x.(Animal) }, func() { _ = x.(fmt.Stringer) }} {
		func() {
			defer func() { fmt.Println(recover()) }()
			f()
		}()
	}
}`)
	want := "false false false true\ninterface conversion: interface is nil, not main.Animal\ninterface conversion: interface is nil, not fmt.Stringer\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestPrintAndPrintlnWriteAsGosRuntime(t *testing.T) {
	var out, errs bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: &errs})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`package main
import ("math"; "strconv")
func two() (int, string) { return 1, "b" }
func main() {
	println(two())
	println(strconv.Atoi("42"))
	print(1, 2, "x", true, "\n")
	var f32 float32 = 0.1
	println(1.5, 3e20, 1e-7, 123456789.0, f32, 1.0/3, int8(-3), 2-3i, math.Inf(1))
	var e error
	println(e)
}`)
	if err != nil {
		t.Fatal(err)
	}
	want := "1 b\n42 (0x0,0x0)\n12xtrue\n1.5 3e+20 1e-07 1.23456789e+08 0.1 0.3333333333333333 -3 (2-3i) +Inf\n(0x0,0x0)\n"
	if out.String() != "" || errs.String() != want {
		t.Fatalf("stdout %q, stderr %q; want nothing and %q", out.String(), errs.String(), want)
	}
}

func TestAStructEmbeddingOnlyATypeWithMethodsCanBeHeldInAnAny(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "sort"; "time")
type Dur struct{ time.Duration }
type Ints struct{ sort.IntSlice }
func main() {
	var a any = Dur{3}
	s := fmt.Sprint(a)
	var b any = Ints{[]int{3, 1}}
	x := Ints{[]int{3, 1, 2}}
	sort.Sort(x)
	fmt.Println(len(s) > 0, fmt.Sprint(b) != "", x.IntSlice, x.Len(), Dur{5}.String())
}`)
	if want := "true true [1 2 3] 3 5ns\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestCommaOkAssignmentFromAMissingKeyZeroesTheValue(t *testing.T) {
	got := run(t, `package main
import "fmt"
type P struct{ X int }
func main() {
	m := map[string]int{"a": 1}
	v, ok := m["a"]
	v, ok = m["missing"]
	k := "gone"
	w, ok2 := m["a"]
	w, ok2 = m[k]
	ps := map[int]P{1: {7}}
	p, _ := ps[1]
	p, _ = ps[2]
	var a any = 1
	as := map[string]any{"x": 2}
	a, _ = as["y"]
	fmt.Println(v, ok, w, ok2, p, a)
}`)
	if want := "0 false 0 false {0} <nil>\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestTopLevelDeferredCallsAreHeldUntilRunTopDeferred(t *testing.T) {
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, HoldTopDeferred: true, CellScopeParam: "__top"})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		`import "fmt"`,
		`defer fmt.Println("a")`,
		`if true { func(__top struct{}) { for i := 0; i < 2; i++ { defer fmt.Println("loop", i) } }(struct{}{}) }`,
		`if true { func() { defer fmt.Println("own") }() }`,
		`defer func() { fmt.Println("recovered", recover()) }()`,
	} {
		if _, err := i.Eval(src); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
	}
	if !i.HasTopDeferred() || out.String() != "own\n" {
		t.Fatalf("before RunTopDeferred: held %v, stdout %q; want held and only the literal's own call", i.HasTopDeferred(), out.String())
	}
	if left := i.RunTopDeferred("boom"); left != nil {
		t.Fatalf("left %v, want the panic recovered", left)
	}
	if want := "own\nrecovered boom\nloop 1\nloop 0\na\n"; out.String() != want || i.HasTopDeferred() {
		t.Fatalf("stdout %q, want %q, and none held after", out.String(), want)
	}
	if _, err := i.Eval(`defer fmt.Println("dropped")`); err != nil {
		t.Fatal(err)
	}
	i.DropTopDeferred()
	if left := i.RunTopDeferred(nil); left != nil || strings.Contains(out.String(), "dropped") {
		t.Fatalf("after DropTopDeferred: left %v, stdout %q", left, out.String())
	}
}

func TestTopLevelDeferredCallsRunOnceWithoutHolding(t *testing.T) {
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{`import "fmt"`, `defer fmt.Println("d")`, `fmt.Println("x")`} {
		if _, err := i.Eval(src); err != nil {
			t.Fatal(err)
		}
	}
	if want := "d\nx\n"; out.String() != want {
		t.Fatalf("stdout %q, want %q", out.String(), want)
	}
}

func TestSelectSendsALiteralNilAsTheElementsZero(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	p := make(chan *int, 1)
	select {
	case p <- nil:
	}
	errs := make(chan error, 1)
	select {
	case errs <- nil:
		fmt.Println("sent")
	default:
	}
	fmt.Println(<-p == nil, <-errs == nil)
}`)
	if want := "sent\ntrue true\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestPrintingAStructEmbeddingANilInterfaceReportsTheMethodsPanic(t *testing.T) {
	got := run(t, `package main
import "fmt"
type W struct{ fmt.Stringer }
func main() {
	fmt.Println(W{})
	fmt.Println("end")
}`)
	if want := "%!v(PANIC=String method: runtime error: invalid memory address or nil pointer dereference)\nend\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestNegativeZeroPassedAsAnArgument(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "math")
func sign(x float64) bool { return math.Signbit(x) }
func id(x float32) float32 { return x }
func main() {
	negz := math.Copysign(0, -1)
	fmt.Println(sign(negz), math.Signbit(float64(id(float32(negz)))), sign(0))
}
`)
	if got != "true true false\n" {
		t.Fatalf("got %q", got)
	}
}

func TestInstanceOfAGenericTypeAsATypeArgumentKeepsItsName(t *testing.T) {
	got := run(t, `package main
import (
	"fmt"
	"reflect"
)
type Box[T any] struct{ V T }
type Pair[K comparable, V any] struct {
	K K
	V V
}
func main() {
	a := Box[Box[int]]{}
	s := struct{ V int }(Box[int]{3})
	b := Box[int](s)
	fmt.Println(reflect.TypeOf(a).Field(0).Tag.Get("yaegi"), reflect.TypeOf(Pair[string, Box[int]]{}).Field(0).Tag.Get("yaegi"), s, b, a.V.V)
	var x any = Box[Box[int]]{Box[int]{2}}
	_, isPlain := x.(Box[struct{ V int }])
	y, isNested := x.(Box[Box[int]])
	fmt.Println(isPlain, isNested, y.V.V)
}
`)
	want := "main.Box[main.Box[int]] main.Pair[string,main.Box[int]] {3} {3} 0\nfalse true 2\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestValuePassedAsAnyLacksItsPointerMethods(t *testing.T) {
	got := run(t, `package main
import "fmt"
type E struct{ n int }
func (e *E) Error() string { return "E" }
type Cat struct{ name string }
func (c *Cat) String() string { return "Cat(" + c.name + ")" }
func isErr(v any) bool { _, ok := v.(error); return ok }
func describe(v any) string {
	if s, ok := v.(fmt.Stringer); ok {
		return "stringer " + s.String()
	}
	return "other"
}
func main() {
	e, c := E{1}, Cat{"x"}
	fmt.Println(isErr(E{}), isErr(e), isErr(&e), describe(c))
	ch := make(chan any, 1)
	ch <- c
	_, ok := (<-ch).(fmt.Stringer)
	fmt.Println(ok)
}
`)
	want := "false false true other\nfalse\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestATypeDefinedOnAStructTypeHasNoneOfItsMethods(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Point struct{ X int }
type plain Point
func (p Point) String() string { return fmt.Sprint(plain(p)) + "!" }
func main() {
	fmt.Println(Point{2}.String())
	fmt.Println(Point{3})
}`)
	if want := "{2}!\n{3}!\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestASliceArgumentIsSpreadOnlyWithAnEllipsis(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Row []any
func emit(vals ...any) { fmt.Println(len(vals), vals) }
func main() {
	emit(1, []any{2})
	emit([]any{2})
	emit([]any{3, 4}...)
	emit(Row{5, 6}...)
	row := []any{1, "a"}
	var rows []any
	rows = append(rows, row)
	rows = append(rows, row...)
	fmt.Println(len(rows), rows)
}`)
	if want := "2 [1 [2]]\n1 [[2]]\n2 [3 4]\n2 [5 6]\n3 [[1 a] 1 a]\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAFailedAssertionToAConcreteTypeNamesBothTypes(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Animal interface{ Sound() string }
type Cat struct{}
type Cow struct{ n int }
func (Cat) Sound() string  { return "meow" }
func (*Cow) Sound() string { return "moo" }
func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}
func main() {
	var a Animal = Cat{}
	try(func() { _ = a.(*Cow) })
	var n Animal
	try(func() { _ = n.(Cat) })
	var x any = a
	try(func() { _ = x.(*Cow) })
}`)
	want := "interface conversion: main.Animal is main.Cat, not *main.Cow\n" +
		"interface conversion: main.Animal is nil, not main.Cat\n" +
		"interface conversion: interface {} is main.Cat, not *main.Cow\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestACallResultPassedToAPackageInterfaceParameterIsWrapped(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "io"; "strings")
type E struct{ msg string }
func (e *E) Error() string { return e.msg }
func newE(m string) *E { return &E{m} }
func report(err error) { fmt.Println("err:", err) }
func reportAll(errs ...error) { fmt.Println("errs:", errs) }
type R struct{ s io.Reader }
func NewR(s string) *R { return &R{strings.NewReader(s)} }
func (r *R) Read(p []byte) (int, error) { return r.s.Read(p) }
type Fault interface { error; Code() int }
type F struct{}
func (F) Error() string { return "f" }
func (F) Code() int { return 3 }
func getF() Fault { return F{} }
func two() (int, *E) { return 1, newE("two") }
func pair(n int, err error) { fmt.Println("pair", n, err) }
func main() {
	report(newE("boom"))
	reportAll(newE("a"), newE("b"))
	b, err := io.ReadAll(NewR("hi"))
	fmt.Println(string(b), err)
	report(getF())
	pair(two())
}`)
	want := "err: boom\nerrs: [a b]\nhi <nil>\nerr: f\npair 1 two\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAPackagesNamedTypeSatisfiesATildeConstraint(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "time")
type ordered interface{ ~int | ~int64 | ~float64 | ~string }
func least[T ordered](x T, ys ...T) T {
	for _, y := range ys {
		if y < x { x = y }
	}
	return x
}
func main() {
	var d time.Duration = 3
	fmt.Println(least(time.Second, time.Minute), least(d, 1), least(time.May, time.March))
}`)
	if want := "1s 1ns March\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAStructEmbeddingACellInterfaceHasItsMethodsInAPackagesInterface(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "io"; "strings")
type Named interface{ String() string }
type Shape interface{ fmt.Stringer; Area() int }
type Sq struct{}
func (Sq) String() string { return "sq" }
func (Sq) Area() int { return 4 }
type Colored struct{ Named; C string }
type Framed struct{ Shape }
type Coded interface{ error; Code() int }
type E struct{}
func (E) Error() string { return "e" }
func (E) Code() int { return 7 }
type Wrapped struct{ Coded }
type W interface{ Write(p []byte) (int, error) }
type Logged struct{ W }
func main() {
	fmt.Println(Colored{Sq{}, "red"}, Framed{Sq{}})
	var s fmt.Stringer = Colored{Sq{}, "x"}
	fmt.Println(s.String())
	var err error = Wrapped{E{}}
	fmt.Println(err, err.Error())
	var b strings.Builder
	fmt.Fprintln(Logged{&b}, "logged")
	var w io.Writer = &Logged{&b}
	fmt.Fprintln(w, "through a pointer")
	fmt.Print(b.String())
	defer func() { fmt.Println("recovered:", recover()) }()
	var empty fmt.Stringer = Colored{}
	fmt.Println(empty.String())
}`)
	want := "sq sq\nsq\ne e\nlogged\nthrough a pointer\nrecovered: runtime error: invalid memory address or nil pointer dereference\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFuncsAndMethodsOfEarlierEvalsRunAfterACancelledOne(t *testing.T) {
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: io.Discard})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	// The blocked run waits in compiled code, where the cancel leaves it:
	// a run the interpreter itself unblocked would go on touching the
	// frame the next run grows (a race of the test, not of the fix).
	release := make(chan struct{})
	defer close(release)
	if err := i.Use(interp.Exports{"probe/probe": {"Block": reflect.ValueOf(func() { <-release })}}); err != nil {
		t.Fatal(err)
	}
	eval := func(src string) {
		t.Helper()
		if _, err := i.Eval(src); err != nil {
			t.Fatalf("%v\noutput so far:\n%s", err, out.String())
		}
	}
	eval(`import "fmt"`)
	eval(`type Counter struct{ n int }
func (c *Counter) Inc() { c.n++ }
func (c *Counter) Get() int { return c.n }
type T struct{ v int }
func (t T) Get() int { return t.v }`)
	eval(`c := &Counter{}
double := func(n int) int { return n * 2 }
get := T{5}.Get
c.Inc()
fmt.Println(c.Get(), double(2), get())`)
	// A run that blocks, cancelled as the kernel cancels a deadlocked cell.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	eval(`import "probe"`)
	if _, err := i.EvalWithContext(ctx, `probe.Block()`); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("the blocked run was not cancelled: %v", err)
	}
	eval(`c.Inc()
fmt.Println(c.Get(), c.n, double(2), get(), T{3}.Get())`)
	if got, want := out.String(), "1 4 5\n2 2 4 5 3\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestALiteralOfAPackagesPointerTypeWithTheAmpersandLeftOut(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "io/fs"; "net/url"; "testing/fstest")
func main() {
	fsys := fstest.MapFS{"a.txt": {Data: []byte("alpha")}, "d/b.txt": {Data: []byte("beta"), Mode: 0o600}}
	fmt.Println(string(fsys["a.txt"].Data), fsys["d/b.txt"].Mode)
	b, err := fs.ReadFile(fsys, "d/b.txt")
	fmt.Println(string(b), err)
	us := []*url.URL{{Scheme: "https", Host: "go.dev"}}
	fmt.Println(us[0].String())
}`)
	if want := "alpha -rw-------\nbeta <nil>\nhttps://go.dev\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestADeclaredCompositeTypeSatisfiesATildeTermOfANamedConstraint(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Raw []byte
type Ints []int
type Grid [2]int
type Table map[string]int
type Pipe chan int
type Op func(string) string
type Rect struct{ W, H float64 }
func (r Rect) Area() float64 { return r.W * r.H }
type ByteSeq interface{ ~string | ~[]byte }
type IntSlice interface{ ~[]int }
type Shape interface{ ~struct{ W, H float64 }; Area() float64 }
type Others interface{ ~[2]int | ~map[string]int | ~chan int | ~func(string) string }
func Len[T ByteSeq](x T) int { return len(x) }
func Sum[T IntSlice](x T) (s int) { for _, v := range x { s += v }; return }
func Twice[T Shape](x T) float64 { return 2 * x.Area() }
func Inline[T interface{ ~struct{ W, H float64 }; Area() float64 }](x T) float64 { return x.Area() }
func Kind[T Others](x T) string { return fmt.Sprint(x) }
func main() {
	fmt.Println(Len(Raw{1, 2, 3}), Len("ab"), Sum(Ints{4, 5}), Twice(Rect{1, 2}), Inline(Rect{2, 3}))
	fmt.Println(Kind(Grid{1, 2}), Kind(Table{"a": 1}), Kind(Pipe(nil)), Kind(Op(nil)) != "")
}`)
	if want := "3 2 9 4 6\n[1 2] map[a:1] <nil> true\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEmptyStructTypesAreDistinctTypes(t *testing.T) {
	got := run(t, `package main
import ("encoding/json"; "fmt"; "sync")
type userKey struct{}
type traceKey struct{}
type S struct{ A int; K userKey }
func main() {
	m := map[any]string{userKey{}: "u"}
	m[traceKey{}] = "t"
	var sm sync.Map
	sm.Store(userKey{}, "u")
	_, ok := sm.Load(traceKey{})
	var a, b any = userKey{}, traceKey{}
	_, isUser := b.(userKey)
	_, isTrace := b.(traceKey)
	j, _ := json.Marshal(S{1, userKey{}})
	fmt.Println(len(m), m[userKey{}], ok, a == b, a == any(userKey{}), isUser, isTrace, userKey(traceKey{}) == userKey{})
	fmt.Println(userKey{}, S{}, []userKey{{}}, string(j))
}`)
	if want := "2 u false false true false true true\n{} {0 {}} [{}] {\"A\":1,\"K\":{}}\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAnAssertionToAConcreteTypeAsksForTheSameType(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "sort")
func main() {
	var x any = make(chan int)
	_, recv := x.(<-chan int)
	_, send := x.(chan<- int)
	_, both := x.(chan int)
	var s any = sort.IntSlice{3, 1}
	_, plain := s.([]int)
	_, named := s.(sort.IntSlice)
	fmt.Println(recv, send, both, plain, named)
}`)
	if want := "false false true false true\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestATypeDeclaredOnAPackagesBasicTypeHasItsUnderlyingValues(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "time")
type D time.Duration
type Month time.Month
type Timeout time.Duration
func (t Timeout) String() string { return "T=" + time.Duration(t).String() }
func main() {
	d := D(time.Second)
	var s fmt.Stringer = Timeout(2 * time.Second)
	fmt.Println(d, int64(d), time.Duration(d), Month(time.March), d*2, d > D(time.Millisecond), s.String())
}`)
	if want := "1000000000 1000000000 1s 3 2000000000 true T=2s\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestReturnedValuesAreReadBeforeAnyResultIsSet(t *testing.T) {
	got := run(t, `package main
import "fmt"
func stats(xs []int) (int, int) {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total, len(xs)
}
func both(s string) (int, string) { return cap([]int{1, 2, 3}), s }
func divmod(a, b int) (q, r int) { q, r = a/b, a%b; return r, q }
func step(a, b int) (x, y int) { x, y = a, b; return y, x + y }
func rot(a, b, c string) (x, y, z string) { x, y, z = a, b, c; return z, x, y }
func neg(a, b int) (x, y int) { x, y = a, b; return -y, x }
func lens(a, b []int) (m, n int) { m, n = 1, 2; return len(b), m }
func check(x int) (res string, err error) { return "x", fmt.Errorf("check %d", x) }
func three() (a []int, b int, err error) { return nil, 0, fmt.Errorf("three") }
func main() {
	fmt.Println(check(-1))
	fmt.Println(three())
	fmt.Println(stats([]int{4, 5, 6}))
	fmt.Println(both("s"))
	fmt.Println(divmod(17, 5))
	p, q := 0, 1
	for i := 0; i < 5; i++ {
		p, q = step(p, q)
	}
	fmt.Println(p, q)
	fmt.Println(rot("a", "b", "c"))
	fmt.Println(neg(1, 2))
	fmt.Println(lens(nil, []int{7, 8, 9}))
}`)
	if want := "x check -1\n[] 0 three\n15 3\n3 s\n2 3\n5 8\nc a b\n-2 1\n3 1\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestASwitchWithAnInitEvaluatesItsTag(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "strings")
type P struct{ X int }
func main() {
	switch x := 7; x % 3 {
	case 0:
		fmt.Print("zero ")
	case 1:
		fmt.Print("one ")
	}
	switch parts := strings.Split("a,b", ","); len(parts) {
	case 2:
		fmt.Print("two ")
	default:
		fmt.Print("other ")
	}
	a := []int{5}
	switch p := (P{3}); p.X + a[0] {
	case 8:
		fmt.Print("eight ")
	}
	switch y := 2; y {
	case 2:
		fmt.Println("name")
	}
}`)
	if want := "one two eight name\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAComparisonOfConstantsIsAConstant(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "math")
const ok = 3 < 4
const name = "a" < "b"
type Level int
const High Level = 2
const isHigh = High == 2
func main() {
	const small = 1.5 > 2
	if ok {
		fmt.Println(ok, name, isHigh, small)
	}
	fmt.Println(math.MaxUint64 > math.MaxInt64, 1+1e-30 == 1, complex(0, 0) == 0, 1<<63 == 1<<64)
}`)
	if want := "true true true false\ntrue false true false\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestComparisonsOfConstantExpressionsCombineIntoConstants(t *testing.T) {
	got := run(t, `package main
import "fmt"
const positive = 2*3 > 0
const both = 2 > 0 && 1 < 2
const either = 2 > 3 || len("ab") == 2
func main() {
	const inside = 1+1 == 2 && !(3 < 1)
	x := 3
	if 2 > 3 || true {
		fmt.Println(positive, both, either, inside, !both)
	}
	fmt.Println(x > 2 && 1 < 2, true && x > 5, 2 > 3 && x > 0)
}`)
	if want := "true true true true false\ntrue false false\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMapElementsAmongSeveralDestinationsAreStored(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "strconv")
func main() {
	nums := map[string]int{}
	var err error
	for _, s := range []string{"1", "x", "3"} {
		nums[s], err = strconv.Atoi(s)
	}
	seen, src := map[string]bool{}, map[string]bool{"k": true}
	var ok bool
	seen["a"], ok = src["k"]
	var v any = "s"
	kinds := map[int]any{}
	kinds[1], ok = v.(string)
	ch := make(chan int, 1)
	ch <- 4
	got := map[string]int{}
	got["c"], ok = <-ch
	k, byKey := 0, map[int]int{}
	k, byKey[k] = two()
	fmt.Println(nums, err, seen, kinds, got, ok, k, byKey)
}
func two() (int, int) { return 1, 50 }`)
	if want := "map[1:1 3:3 x:0] <nil> map[a:true] map[1:s] map[c:4] true 1 map[0:50]\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestASwitchOnAnInterfaceComparesItsCasesAsGoDoes(t *testing.T) {
	got := run(t, `package main
import "fmt"
func kind(v any) string {
	switch v {
	case nil:
		return "nil"
	case "a", 'a':
		return "a"
	case 2:
		return "int 2"
	case 2.0:
		return "float 2"
	}
	return "other"
}
func main() {
	fmt.Println(kind("a"), kind('a'), kind(2), kind(2.0), kind(int64(2)), kind(nil))
}`)
	if want := "a a int 2 float 2 other nil\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSeveralAssignmentsFindTheirMapsAndKeysFirst(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	m := map[string]int{}
	k := "a"
	k, m[k] = "b", 5
	old, fresh := map[string]int{}, map[string]int{}
	cur := old
	cur, cur["x"] = fresh, 1
	k1, k2 := "p", "q"
	k1, k2, m[k1], m[k2] = k2, k1, 100, 200
	fmt.Println(k, m, old, fresh, cur, k1, k2)
}`)
	if want := "b map[a:5 p:100 q:200] map[x:1] map[] map[] q p\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestASelectDefaultEndingInABranchGoesWhereItSays(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	c := make(chan int)
outer:
	for i := 0; i < 2; i++ {
		for {
			select {
			case <-c:
			default:
				fmt.Print("poll ", i, "; ")
				continue outer
			}
		}
	}
found:
	for {
		select {
		case <-c:
		default:
			break found
		}
	}
	for i := 0; i < 2; i++ {
		select {
		default:
			fmt.Print("brk ", i, "; ")
			break
		}
	}
	fmt.Println("done")
}`)
	if want := "poll 0; poll 1; brk 0; brk 1; done\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAPanickingErrorIsNotAskedForItsMessage(t *testing.T) {
	got := run(t, `package main
import "fmt"
type MyErr struct{ msg string }
func (e *MyErr) Error() string { fmt.Println("Error called"); return e.msg }
func fail(err error) { panic(err) }
func main() {
	defer func() { fmt.Println("recovered:", recover() != nil) }()
	func() {
		defer func() { fmt.Println("inner recovered:", recover() != nil) }()
		var p *MyErr
		fail(p)
	}()
	fail(&MyErr{"x"})
}`)
	if want := "inner recovered: true\nrecovered: true\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAnEmbeddedInstanceOfSeveralTypeArgumentsIsNamedByItsType(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Pair[K comparable, V any] struct {
	K K
	V V
}
type Named struct {
	Pair[string, int]
	Note string
}
func main() {
	n := Named{Pair[string, int]{"a", 1}, "x"}
	n.Pair.V++
	fmt.Println(n.K, n.Pair.V, n.Note)
}`)
	if want := "a 2 x\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestADeclaredFuncAppendedToASliceOfFuncs(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "strings")
func exclaim(s string) string { return s + "!" }
func shout(s string) string { return strings.ToUpper(s) }
func main() {
	var chain []func(string) string
	chain = append(chain, exclaim)
	chain = append(chain, shout, exclaim)
	s := "hi"
	for _, f := range chain {
		s = f(s)
	}
	fmt.Println(len(chain), s)
}`)
	if want := "3 HI!!\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMethodExpressionsOfCellTypesAsValues(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Counter struct{ n int }
func (c *Counter) Inc() { c.n++ }
func (c Counter) Get() int { return c.n }
func getter(c Counter) func() int { return c.Get }
type op struct {
	name string
	f    func(*Counter)
}
type check struct{ get func(Counter) int }
func pick() func(Counter) int { return Counter.Get }
func main() {
	ops := []op{{"inc", (*Counter).Inc}, {name: "inc2", f: (*Counter).Inc}}
	var c Counter
	for _, o := range ops {
		o.f(&c)
	}
	g := Counter.Get
	gets := []func(Counter) int{Counter.Get}
	var k check
	k.get = Counter.Get
	fmt.Println(c.n, g(c), gets[0](c), k.get(c), check{Counter.Get}.get(c), pick()(c), getter(c)())
}`)
	if want := "2 2 2 2 2 2 2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAMethodValueOfACompiledInterfaceKeepsItsParameters(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "io"; "sort"; "strings")
func main() {
	var b strings.Builder
	var w io.Writer = &b
	write := w.Write
	n, err := write([]byte("hi"))
	var s sort.Interface = sort.IntSlice{3, 1, 2}
	less := s.Less
	fmt.Printf("%d %v %s %v %T\n", n, err, b.String(), less(1, 0), write)
}`)
	if want := "2 <nil> hi true func([]uint8) (int, error)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestElidedPointerLiteralsOfSlicesArraysAndMaps(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Stack []int
type Counts map[string]int
func main() {
	stacks := map[string]*Stack{"x": {}}
	*stacks["x"] = append(*stacks["x"], 7)
	grid := []*[2]int{{1, 2}, {}}
	grid[1][0] = 3
	counts := []*Counts{{"a": 1}}
	fmt.Println(stacks["x"] == nil, *stacks["x"], *grid[0], *grid[1], (*counts[0])["a"])
}`)
	if want := "false [7] [1 2] [3 0] 1\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAStructHeldInAnAnyReachesCompiledCodeBare(t *testing.T) {
	got := run(t, `package main
import ("encoding/json"; "fmt"; "strings"; "text/template")
type Config struct{ Port int }
func (c *Config) Addr() string { return fmt.Sprint(":", c.Port) }
type User struct{ Name string }
func (u User) Greeting() string { return "hi " + u.Name }
func load(d string, v any) error { return json.Unmarshal([]byte(d), v) }
func render(d any) string {
	var b strings.Builder
	if err := template.Must(template.New("t").Parse("Hello {{.Name}}")).Execute(&b, d); err != nil {
		return err.Error()
	}
	return b.String()
}
func main() {
	var c Config
	err := load(`+"`"+`{"Port":8080}`+"`"+`, &c)
	fmt.Println(err, c.Addr())
	fmt.Println(render(User{"ann"}))
}`)
	if want := "<nil> :8080\nHello ann\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAnUntypedConstantAboveMaxInt64ReachesAUint64(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "math")
const Max = 1<<64 - 1
func limit() uint64 { return Max }
func most() uint64 { return math.MaxUint64 }
func main() {
	var u uint64 = 1 << 63
	switch u {
	case 1 << 63:
		fmt.Print("top ")
	}
	ch := make(chan uint64, 1)
	ch <- 1 << 63
	fmt.Println(limit(), most(), <-ch)
}`)
	if want := "top 18446744073709551615 18446744073709551615 9223372036854775808\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAFuncFieldCalledInAReturn(t *testing.T) {
	got := run(t, `package main
import ("fmt"; "sort")
type T struct{ f func() int }
func get(t T) int { return t.f() }
func (t T) Get() int { return t.f() }
type sorter struct {
	xs   []int
	less func(a, b int) bool
}
func (s sorter) Len() int           { return len(s.xs) }
func (s sorter) Swap(i, j int)      { s.xs[i], s.xs[j] = s.xs[j], s.xs[i] }
func (s sorter) Less(i, j int) bool { return s.less(s.xs[i], s.xs[j]) }
func main() {
	t := T{func() int { return 42 }}
	xs := []int{3, 1, 2}
	sort.Sort(sorter{xs, func(a, b int) bool { return a < b }})
	fmt.Println(get(t), t.Get(), xs)
}`)
	if want := "42 42 [1 2 3]\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMethodValuesAndDeferredFuncsBindWhenEvaluated(t *testing.T) {
	got := run(t, `package main
import ("bufio"; "fmt"; "strings"; "time")
type T struct{ time.Duration }
func flushAll(sb *strings.Builder) {
	for _, name := range []string{"x", "y"} {
		w := bufio.NewWriter(sb)
		fmt.Fprint(w, name)
		defer w.Flush()
	}
}
func deferred(sb *strings.Builder) {
	say := fmt.Fprint
	defer say(sb, "first", 1)
	say = fmt.Fprintln
}
func main() {
	var sb strings.Builder
	flushAll(&sb)
	deferred(&sb)
	d := 5 * time.Second
	f := d.String
	d = 0
	r := strings.NewReplacer("a", "b")
	rep := r.Replace
	r = strings.NewReplacer("a", "c")
	t := T{5}
	g := t.String
	t.Duration = 0
	fmt.Println(sb.String(), f(), rep("aa"), g(), d, r != nil, t.Duration)
}`)
	if want := "yxfirst1 5s bb 5ns 0s true 0s\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestArgumentsBeforeASpreadSliceAreConvertedToTheirParameters(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Shape interface{ Area() int }
type Sq struct{ s int }
func (q Sq) Area() int { return q.s * q.s }
type Handler func(string) string
func total(first Shape, rest ...Shape) int {
	t := first.Area()
	for _, s := range rest {
		t += s.Area()
	}
	return t
}
func chain(h Handler, ms ...func(Handler) Handler) Handler {
	for _, m := range ms {
		h = m(h)
	}
	return h
}
func main() {
	more := []Shape{Sq{2}, Sq{3}}
	ms := []func(Handler) Handler{func(h Handler) Handler { return func(s string) string { return "<" + h(s) + ">" } }}
	fmt.Println(total(Sq{1}, more...), total(Sq{4}), chain(func(s string) string { return s }, ms...)("x"))
}`)
	if want := "14 16 <x>\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestACallReturnedWholeIsConvertedToTheResultTypes(t *testing.T) {
	got := run(t, `package main
import ("errors"; "fmt"; "io"; "strings")
type S struct{}
func (S) String() string { return "S" }
func mk() (S, bool) { return S{}, true }
func wrap() (fmt.Stringer, bool) { return mk() }
type E struct{}
func (*E) Error() string { return "E" }
func raw() (int, *E) { return 1, &E{} }
func wrap2() (int, error) { return raw() }
func rd() (*strings.Reader, error) { return strings.NewReader("x"), errors.New("oops") }
func wrap3() (io.Reader, error) { return rd() }
func two() (int, int) { return 1, 2 }
func wrap4() (any, any) { return two() }
type Animal interface{ Sound() string }
type Dog struct{}
func (*Dog) Sound() string { return "woof" }
func newDog() (*Dog, int) { return &Dog{}, 3 }
func wrap5() (Animal, int) { return newDog() }
func main() {
	s, ok := wrap()
	n, err := wrap2()
	r, err3 := wrap3()
	a, k := wrap5()
	fmt.Println(s.String(), ok, n, err.Error(), r != nil, err3, fmt.Sprint(wrap4()), a.Sound(), k)
}`)
	if want := "S true 1 E true oops 1 2 woof 3\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestADeferredCallWithASpreadSliceGetsItsElements(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Log struct{ pre string }
func (l Log) Say(parts ...string) { fmt.Println(l.pre, parts) }
func show(v ...int) { fmt.Println("show", v) }
func main() {
	xs := []int{1, 2, 3}
	args := []any{"a", 1}
	l := Log{"log"}
	say := l.Say
	defer fmt.Println(args...)
	defer fmt.Printf("%s-%s\n", []any{"p", "q"}...)
	defer show(xs...)
	defer func(v ...int) { fmt.Println("lit", len(v)) }(xs...)
	defer l.Say([]string{"x", "y"}...)
	defer say([]string{"z"}...)
	xs[0] = 9 // the slice is shared, as in Go
}
`)
	want := "log [z]\nlog [x y]\nlit 3\nshow [9 2 3]\np-q\na 1\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAFuncTypeWithMethodsIsGivenToPackagesAsTheirInterface(t *testing.T) {
	got := run(t, `package main
import (
	"fmt"
	"io"
	"strings"
)
type WriterFunc func(p []byte) (int, error)
func (f WriterFunc) Write(p []byte) (int, error) { return f(p) }
type LineFunc func(string)
func (f LineFunc) Write(p []byte) (int, error) { f(strings.TrimSpace(string(p))); return len(p), nil }
func mk() WriterFunc { return func(p []byte) (int, error) { fmt.Print("mk ", string(p)); return len(p), nil } }
func main() {
	w := WriterFunc(func(p []byte) (int, error) { fmt.Print("got ", string(p)); return len(p), nil })
	fmt.Fprintf(w, "hi\n")
	io.WriteString(w, "two\n")
	fmt.Fprintln(LineFunc(func(s string) { fmt.Println("line:", s) }), "three")
	fmt.Fprintln(mk(), "four")
}
`)
	if want := "got hi\ngot two\nline: three\nmk four\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestMethodValuesOfPointersToPackageTypes(t *testing.T) {
	got := run(t, `package main
import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
)
type S struct{ wg *sync.WaitGroup }
func lock(l *sync.Mutex) func() { l.Lock(); return l.Unlock }
func apply(words []string, w func(string) (int, error)) { for _, s := range words { w(s) } }
func main() {
	wg := &sync.WaitGroup{}
	wg.Add(2)
	done := wg.Done
	done()
	s := S{wg}
	fs := []func(){s.wg.Done}
	fs[0]()
	wg.Wait()
	mu := &sync.Mutex{}
	unlock := lock(mu)
	unlock()
	sb := &strings.Builder{}
	apply([]string{"a", "b"}, sb.WriteString)
	n := new(atomic.Int64)
	add := n.Add
	add(5)
	fmt.Println(mu.TryLock(), sb.String(), n.Load())
}
`)
	if want := "true ab 5\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAValueOfACellInterfaceGivenToAPackageInterfaceKeepsItsDynamicType(t *testing.T) {
	got := run(t, `package main
import "fmt"
type CodedError interface {
	error
	Code() int
}
type httpErr struct{ code int }
func (e httpErr) Error() string { return fmt.Sprintf("http %d", e.code) }
func (e httpErr) Code() int     { return e.code }
type two struct{ code int; msg string }
func (e two) Error() string { return fmt.Sprintf("two %d %s", e.code, e.msg) }
func (e two) Code() int     { return e.code }
type Shape interface{ Area() float64 }
type Square struct{ s float64 }
func (q Square) Area() float64 { return q.s * q.s }
func (q Square) String() string { return fmt.Sprintf("Square(%v)", q.s) }
func fetch() CodedError { return httpErr{404} }
func handler() error { return fetch() }
func main() {
	ce := fetch()
	var err error = ce
	fmt.Println(err.Error(), err)
	var c2 CodedError = two{1, "x"}
	var e2 error = c2
	fmt.Println(e2.Error())
	h := handler()
	fmt.Println(h)
	var s Shape = Square{3}
	var st fmt.Stringer = s.(fmt.Stringer)
	fmt.Println(st)
	errs := []error{c2, ce}
	fmt.Println(errs)
	var nilc CodedError
	var ne error = nilc
	fmt.Println(ne == nil)
}
`)
	want := "http 404 http 404\ntwo 1 x\nhttp 404\nSquare(3)\n[two 1 x http 404]\ntrue\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestATypeParameterNamedAsAGlobalTypeLeavesThatType(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Item struct{ Name string; Qty int }
func Pick[Item any](xs []Item, i int) Item { return xs[i] }
func main() {
	x := Item{"c", 1}
	fmt.Println(x, Pick([]int{4, 5}, 1), Pick([]Item{x}, 0).Name)
}
`)
	if want := "{c 1} 5 c\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestGlobalVarsReadThroughFuncsAreInitialisedFirst(t *testing.T) {
	got := run(t, `package main
import "fmt"
var A = Get(1)
var B = twice()
func twice() int { return 2 * Get(2) }
func Get(i int) int { return tbl[i] }
var tbl = [3]int{10, 20, 30}
func shadow() int { tbl := 5; return tbl }
var C = shadow()
func main() { fmt.Println(A, B, C) }
`)
	if want := "20 60 5\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAMethodValuePromotedFromAnEmbeddedPackageInterfaceKeepsItsParameters(t *testing.T) {
	got := run(t, `package main
import (
	"fmt"
	"io"
	"sort"
	"strings"
)
type W struct{ io.Writer }
type R struct{ sort.Interface }
func main() {
	var sb strings.Builder
	x := W{&sb}
	f := x.Write
	f([]byte("hi"))
	r := R{sort.IntSlice{3, 1}}
	swap, less := r.Swap, r.Less
	swap(0, 1)
	fmt.Println(sb.String(), r.Interface, less(0, 1))
}
`)
	if want := "hi [1 3] true\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAMethodNamedAsTheInterfaceEmbeddingItIsTheMethod(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Temporary interface{ Temporary() bool }
type Timeout interface{ Timeout() bool }
type NetErr interface {
	error
	Temporary
	Timeout
}
type e struct{}
func (e) Error() string   { return "e" }
func (e) Temporary() bool { return true }
func (e) Timeout() bool   { return false }
func main() {
	var x NetErr = e{}
	t := x.Temporary()
	if x.Temporary() && !x.Timeout() {
		fmt.Println(t, x.Timeout(), x.Error())
	}
}
`)
	if want := "true false e\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestSliceArrayAndMapLiteralsInALoopAreNewEachIteration(t *testing.T) {
	got := run(t, `package main
import "fmt"
func main() {
	var fs []func()
	var ps []*[2]int
	var qs []*[]int
	var ms []map[string]int
	for i := 0; i < 3; i++ {
		x := []int{i}
		a := [2]int{i, i}
		m := map[string]int{"k": i}
		g := []int{}
		g = append(g, i)
		fs = append(fs, func() { fmt.Print(x, a, m["k"], g, " ") })
		ps = append(ps, &[2]int{i, i})
		qs = append(qs, &[]int{i})
		ms = append(ms, m)
	}
	for _, f := range fs {
		f()
	}
	fmt.Println(*ps[0], *ps[2], *qs[0], *qs[1], ms[0]["k"], ms[2]["k"])
	var v [2]int
	p := &v
	v = [2]int{7, 8}
	fmt.Println(*p)
}
`)
	if want := "[0] [0 0] 0 [0] [1] [1 1] 1 [1] [2] [2 2] 2 [2] [0 0] [2 2] [0] [1] 0 2\n[7 8]\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestTheAddressOfAnArrayElementThroughAPointer(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Board [9]int
func (b *Board) Cell(i int) *int { return &b[i] }
type H struct{ p *[3]int }
func main() {
	var b Board
	*b.Cell(4) = 1
	pa := &[2]int{5, 6}
	q := &pa[1]
	*q = 7
	h := H{&[3]int{}}
	r := &h.p[2]
	*r = 9
	pm := &[2][2]int{}
	s := &pm[0]
	s[1] = 3
	fmt.Println(b, *pa, *h.p, *pm)
}
`)
	if want := "[0 0 0 0 1 0 0 0 0] [5 7] [0 0 9] [[0 3] [0 0]]\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestARangeOverAPointerToAnArrayRunsAgain(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Team struct{ Scores [3]int }
func get(a *[2]int) *[2]int { return a }
func main() {
	arr := [2]int{1, 2}
	teams := []Team{{[3]int{1, 2, 3}}, {[3]int{4, 5, 6}}}
	for k := 0; k < 2; k++ {
		for _, v := range &arr {
			fmt.Print(v, " ")
		}
		for i := range get(&arr) {
			fmt.Print(i, " ")
		}
		for i, v := range &teams[k].Scores {
			teams[k].Scores[i] = v * 10
		}
	}
	for i, v := range &arr {
		if i == 0 {
			arr[1] = 9 // a pointer is ranged over, not a copy
		}
		fmt.Print(v, " ")
	}
	fmt.Println(teams)
}
`)
	if want := "1 2 0 1 1 2 0 1 1 9 [{[10 20 30]} {[40 50 60]}]\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestACellValueInAPackageStructLiteralsInterfaceFieldIsWrapped(t *testing.T) {
	got := run(t, `package main
import (
	"errors"
	"fmt"
	"io"
	"os"
	"net/http"
)
type zeros struct{}
func (zeros) Read(p []byte) (int, error) { return len(p), nil }
type myErr struct{ c int }
func (e myErr) Error() string { return fmt.Sprint("code ", e.c) }
type Code int
func (c Code) Error() string { return fmt.Sprint("c", int(c)) }
type h struct{}
func (h) ServeHTTP(w http.ResponseWriter, r *http.Request) {}
func main() {
	lr := &io.LimitedReader{R: zeros{}, N: 3}
	b, _ := io.ReadAll(lr)
	fmt.Println(lr.N, len(b))
	pe := &os.PathError{Op: "open", Path: "/x", Err: myErr{3}}
	fmt.Println(pe)
	fmt.Println(errors.Unwrap(pe))
	pe2 := os.PathError{"op", "p", Code(4)}
	fmt.Println(pe2.Error())
	s := &http.Server{Addr: ":0", Handler: h{}}
	fmt.Println(s.Handler != nil)
	hdr := http.Header{"A": {"b"}}
	fmt.Println(hdr)
}
`)
	if want := "0 3\nopen /x: code 3\ncode 3\nop p: c4\ntrue\nmap[A:[b]]\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAnEmbeddedInterfaceSetAfterThePointerWasWrappedIsCalled(t *testing.T) {
	got := run(t, `package main
import (
	"fmt"
	"io"
	"strings"
)
type rw struct{ io.Writer }
type rd struct{ n int; io.Reader }
func main() {
	var out strings.Builder
	r := &rw{}
	var c io.Writer = r
	r.Writer = &out
	c.Write([]byte("hi"))
	fmt.Println(out.String())
	x := &rd{}
	var rr io.Reader = x
	x.Reader = strings.NewReader("abc")
	b, err := io.ReadAll(rr)
	fmt.Println(string(b), err)
	defer func() { fmt.Println("recovered:", recover()) }()
	r.Writer = nil
	c.Write([]byte("x"))
}
`)
	if want := "hi\nabc <nil>\nrecovered: runtime error: invalid memory address or nil pointer dereference\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestStructTypesReferringToEachOtherAndThemselves(t *testing.T) {
	got := run(t, `package main
import "fmt"
type Cache struct {
	head *Entry
	byKey map[string]*Entry
}
type Entry struct {
	cache *Cache
	next  *Entry
	key   string
}
type List struct{ root Element; n int }
type Element struct {
	next, prev *Element
	list       *List
	V          int
}
type A struct{ b *B }
type B struct{ a *A; c *C; self []*B }
type C struct{ b *B }
type Node struct{ Kids []*Node; Name string }
type Tree struct{ root *Node }
func (t *Tree) Kids() []*Node {
	var out []*Node
	out = append(out, t.root.Kids...)
	cp := make([]*Node, len(out))
	copy(cp, out)
	return cp
}
func main() {
	c := &Cache{byKey: map[string]*Entry{}}
	e := &Entry{cache: c, key: "k"}
	e2 := &Entry{cache: c, next: e, key: "k2"}
	c.head = e2
	c.byKey["k"] = e
	fmt.Println(e.cache == c, c.head.next.key, c.head.next.cache.byKey["k"].key)
	l := &List{}
	l.root.next, l.root.prev = &l.root, &l.root
	x := &Element{list: l, V: 7}
	x.prev, x.next = &l.root, l.root.next
	l.root.next = x
	fmt.Println(l.root.next.V, l.root.next.list == l, x.prev == &l.root)
	a := &A{}
	b := &B{a: a}
	a.b = b
	cc := &C{b: b}
	b.c = cc
	b.self = append(b.self, b)
	fmt.Println(a.b.c.b.a == a, len(b.self))
	tr := &Tree{root: &Node{Kids: []*Node{{Name: "x"}, {Name: "y"}}}}
	for _, k := range tr.Kids() {
		fmt.Print(k.Name, " ")
	}
	fmt.Println()
}
`)
	if want := "true k k\n7 true true\ntrue 1\nx y \n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAFailedAssertionToAConcreteTypeOfAPackagesValueIsWordedAsGo(t *testing.T) {
	got := run(t, `package main
import (
	"bytes"
	"container/list"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)
func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}
func main() {
	l := list.New()
	l.PushBack("x")
	try(func() { _ = l.Front().Value.(int) })
	var m sync.Map
	m.Store("k", 3)
	try(func() { v, _ := m.Load("k"); _ = v.(string) })
	var r io.Reader = strings.NewReader("a")
	try(func() { _ = r.(*bytes.Reader) })
	err := errors.New("e")
	try(func() { _ = err.(interface{ Code() int }) })
	try(func() { _ = l.Front().Value.(fmt.Stringer) })
}
`)
	want := `interface conversion: interface {} is string, not int
interface conversion: interface {} is int, not string
interface conversion: io.Reader is *strings.Reader, not *bytes.Reader
interface conversion: *errors.errorString is not interface { Code() int }: missing method Code
interface conversion: string is not fmt.Stringer: missing method String
`
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestADefineOfSeveralValuesAssignsTheVariablesItRedeclares(t *testing.T) {
	got := run(t, `package main
import "fmt"
type MyErr struct{}
func (*MyErr) Error() string { return "my" }
func g() (n int, err error) {
	n, ok := 42, true
	_ = ok
	return
}
func main() {
	a := 1
	p := &a
	a, b := 2, 3
	fmt.Println(*p, a, b)
	total := 0
	add := func(v int) { total += v }
	total, count := 10, 1
	add(5)
	fmt.Println(total, count)
	fmt.Println(g())
	var avg float64
	avg, n := 7, 2
	fmt.Println(avg/2, n)
	var err error
	x, err := 1, (*MyErr)(nil)
	fmt.Println(x, err == nil)
	var v any
	v, m := 3, 4
	v = "s"
	fmt.Println(v, m)
	y := 1
	y, z := 2, y
	fmt.Println(y, z)
	for i := 0; i < 2; i++ {
		s := "a"
		s, k := s+"b", i
		fmt.Println(s, k)
	}
}
`)
	want := "2 2 3\n15 1\n42 <nil>\n3.5 2\n1 false\ns 4\n2 1\nab 0\nab 1\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAVariableASelectCaseDeclaresIsNewEachTime(t *testing.T) {
	got := run(t, `package main
import (
	"fmt"
	"sync"
)
type P struct{ A, B int }
func main() {
	c := make(chan int, 2)
	c <- 1
	c <- 2
	var got []*int
	jobs0 := make(chan int)
	for k := 0; k < 2; k++ {
		select {
		case j := <-c:
			got = append(got, &j)
		case <-jobs0:
		}
	}
	fmt.Println(*got[0], *got[1])
	jobs := make(chan int, 3)
	for i := 1; i <= 3; i++ {
		jobs <- i
	}
	close(jobs)
	res := make([]int, 4)
	var wg sync.WaitGroup
	for done := false; !done; {
		select {
		case j, ok := <-jobs:
			if !ok {
				done = true
				break
			}
			wg.Add(1)
			go func() { defer wg.Done(); res[j] = j * j }()
		case <-jobs0:
		}
	}
	wg.Wait()
	fmt.Println(res[1:])
	ps := make(chan P, 3)
	ps <- P{1, 5}
	ps <- P{2, 7}
	var fs []func() P
	for k := 0; k < 2; k++ {
		select {
		case p := <-ps:
			fs = append(fs, func() P { return p })
		case <-jobs0:
		}
	}
	fmt.Println(fs[0](), fs[1]())
}
`)
	want := "1 2\n[1 4 9]\n{1 5} {2 7}\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAVariadicFuncFieldCalledWithSeveralArguments(t *testing.T) {
	got := run(t, `package main

import "fmt"

type Shape interface{ Area() int }
type Sq struct{ s int }

func (q Sq) Area() int { return q.s * q.s }

type Logf func(string, ...any)
type C struct {
	f    func(...int)
	logf func(string, ...any)
	lg   Logf
	sum  func(...Shape) int
}

func main() {
	c := C{f: func(a ...int) { fmt.Println(a) }}
	c.logf = func(f string, args ...any) { fmt.Printf(f+"\n", args...) }
	c.lg = func(f string, args ...any) { fmt.Printf("lg: "+f+"\n", args...) }
	c.sum = func(xs ...Shape) int {
		t := 0
		for _, x := range xs {
			t += x.Area()
		}
		return t
	}
	c.f(1, 2)
	c.f()
	c.f(3)
	c.f([]int{4, 5}...)
	c.logf("%d %s %v", 1, "a", true)
	c.lg("%d-%d", 1, 2)
	p := &c
	p.logf("via %s", "pointer")
	g := c.f
	g(6, 7, 8)
	fmt.Println(c.sum(Sq{1}, Sq{2}), c.sum(), c.sum([]Shape{Sq{3}}...))
}
`)
	want := `[1 2]
[]
[3]
[4 5]
1 a true
lg: 1-2
via pointer
[6 7 8]
5 0 9
`
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestATwoValueReceiveOrLookupDeclaresNewVariablesEachIteration(t *testing.T) {
	got := run(t, `package main

import "fmt"

func main() {
	c := make(chan int, 3)
	c <- 1
	c <- 2
	c <- 3
	var fs []func() int
	for i := 0; i < 3; i++ {
		v, ok := <-c
		_ = ok
		fs = append(fs, func() int { return v })
	}
	m := map[int]int{0: 1, 1: 2, 2: 3}
	var ps []*int
	var oks []*bool
	for i := 0; i < 4; i++ {
		v, ok := m[i]
		ps = append(ps, &v)
		oks = append(oks, &ok)
	}
	c <- 4
	c <- 5
	close(c)
	var gs []func() int
	for i := 0; i < 3; i++ {
		if v, ok := <-c; ok {
			gs = append(gs, func() int { return v })
		}
	}
	x := 7
	px := &x
	x, ok := m[2]
	fmt.Println(fs[0](), fs[1](), fs[2](), *ps[0], *ps[1], *ps[2], *ps[3], *oks[0], *oks[3], len(gs), gs[0](), gs[1](), *px, ok)
	var w int
	for i := 0; i < 2; i++ {
		var okk bool
		w, okk = m[i]
		_ = okk
	}
	fmt.Println(w)
}
`)
	if want := "1 2 3 1 2 3 0 true false 2 4 5 3 true\n2\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAMethodOfACellFuncTypeCalledOnAStructField(t *testing.T) {
	got := run(t, `package main

import (
	"fmt"
	"strings"
)

type Fn func(string) string

func (f Fn) Call(a string) string { return f(a) }
func (f Fn) Then(g Fn) Fn       { return func(s string) string { return g(f(s)) } }

type Handler func(string) string
type Middleware func(Handler) Handler

func (m Middleware) Wrap(h Handler) Handler { return m(h) }

type S struct {
	h  Fn
	mw Middleware
}

func main() {
	s := S{h: func(a string) string { return "<" + a + ">" }}
	fmt.Println(s.h.Call("a"))
	p := &s
	fmt.Println(p.h.Call("b"))
	up := Fn(strings.ToUpper)
	fmt.Println(s.h.Then(up).Call("c"))
	s.mw = func(h Handler) Handler { return func(x string) string { return "[" + h(x) + "]" } }
	fmt.Println(s.mw.Wrap(func(x string) string { return x + "!" })("d"))
	g := s.h
	fmt.Println(g.Call("e"))
}
`)
	if want := "<a>\n<b>\n<C>\n[d!]\n<e>\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestPointerMethodsOfPackageTypesEmbeddedTwoLevelsDeep(t *testing.T) {
	got := run(t, `package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
)

type Counter struct {
	sync.Mutex
	n int
}

type Service struct {
	Counter
	name string
}

type Buffered struct{ bytes.Buffer }
type Report struct{ Buffered }

type Writer struct{ strings.Builder }
type Doc struct{ *Writer }

type Deep struct{ Service }

func main() {
	s := &Service{name: "s"}
	var l sync.Locker = s
	l.Lock()
	s.n++
	l.Unlock()
	fmt.Println(s.n)
	r := &Report{}
	fmt.Fprintf(r, "x=%d", 5)
	io.WriteString(r, ";y")
	fmt.Println(r.String())
	d := Doc{&Writer{}}
	fmt.Fprint(d, "hi")
	fmt.Println(d.String())
	dp := &Deep{}
	var l2 sync.Locker = dp
	l2.Lock()
	dp.n = 3
	l2.Unlock()
	fmt.Println(dp.n)
}
`)
	if want := "1\nx=5;y\nhi\n3\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestOnlyEmbeddedFieldsPromoteTheirFields(t *testing.T) {
	got := run(t, `package main

import "fmt"

type Vec struct{ X int }

type Body struct {
	Pos Vec
	Vec
}

type Person struct {
	Name string
	Age  int
}

type Employee struct {
	Manager *Person
	Person
	Team struct{ Name string }
}

func main() {
	b := Body{Pos: Vec{1}, Vec: Vec{2}}
	fmt.Println(b.X)
	b.X = 5
	fmt.Println(b.Pos.X, b.Vec.X)
	boss := &Person{"boss", 50}
	e := Employee{Manager: boss, Person: Person{"ann", 30}}
	e.Team.Name = "t"
	fmt.Println(e.Name, e.Age, e.Manager.Name)
	e.Age++
	fmt.Println(e.Age, boss.Age, e.Team.Name)
	p := &e
	p.Name = "bea"
	fmt.Println(e.Person.Name, boss.Name)
}
`)
	if want := "2\n1 5\nann 30 boss\n31 50 t\nbea boss\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAFieldShallowerThanAPromotedMethodOfItsNameWins(t *testing.T) {
	got := run(t, `package main

import (
	"fmt"
	"sort"
)

type Inner struct{}

func (Inner) String() string { return "inner" }

type Outer struct {
	Inner
	String string
}

type Animal struct{ name string }

func (a Animal) Name() string { return "animal " + a.name }

type Dog struct {
	Animal
	Name string
}

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

type Wrapped struct {
	*Counter
	Inc int
}

type Lens struct {
	sort.Interface
	Len int
}

type Deep struct{}

func (Deep) Title() string { return "deep" }

type Mid struct{ Deep }
type Meta struct{ Title string }
type Page struct {
	Mid
	Meta
}

func main() {
	o := Outer{String: "field"}
	fmt.Println(o.String, o.Inner.String())
	d := Dog{Animal{"rex"}, "Rex"}
	fmt.Println(d.Name, d.Animal.Name())
	w := Wrapped{&Counter{}, 3}
	w.Counter.Inc()
	fmt.Println(w.Inc, w.n)
	l := Lens{sort.IntSlice{3, 1}, 7}
	fmt.Println(l.Len, l.Interface.Len())
	p := Page{Meta: Meta{"meta"}}
	fmt.Println(p.Title, p.Mid.Title())
}
`)
	if want := "field inner\nRex animal rex\n3 1\n7 2\nmeta deep\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestANilPointerWhoseMethodsArePromotedIsNoNilInterface(t *testing.T) {
	got := run(t, `package main

import "fmt"

type base struct{}

func (*base) Error() string { return "base" }

type Wrapped struct{ *base }

type named struct{}

func (named) String() string { return "named" }

type Outer struct{ named }

func get() error {
	var w *Wrapped
	return w
}

func main() {
	err := get()
	fmt.Println(err == nil)
	var o *Outer
	var s fmt.Stringer = o
	_, ok := s.(*Outer)
	fmt.Println(s == nil, ok)
	var e2 error
	fmt.Println(e2 == nil)
}
`)
	if want := "false\nfalse true\ntrue\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
