package eval

import (
	"slices"
	"testing"
)

// ifaceTypes declares cell types to hold in interfaces.
const ifaceTypes = `import ("errors"; "fmt"; "io"; "strings")
type NotFound struct{ Name string }
func (e *NotFound) Error() string { return e.Name + " not found" }
type Code int
func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }
type Point struct{ X, Y int }
type Days []int
var ErrSentinel = errors.New("sentinel")
orig := &NotFound{"x"}
var e error = orig`

// == and != with an interface operand give Go's answers when the
// interface holds a value of a cell's type (ifaceeq.go).
func TestInterfaceEqualityWithCellTypes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "an error variable against the pointer it holds", cells: []string{ifaceTypes, `fmt.Println(e == orig, orig == e, e != orig, e == &NotFound{"x"})`},
			out: "true true false false\n"},
		{name: "errors.Unwrap against the wrapped pointer", cells: []string{ifaceTypes, `w := fmt.Errorf("w: %w", orig)
fmt.Println(errors.Unwrap(w) == orig, errors.Unwrap(w) != orig, errors.Unwrap(w) == error(&NotFound{"x"}))`},
			out: "true false false\n"},
		{name: "two error variables", cells: []string{ifaceTypes, `var e2 error = orig
var e3 error = &NotFound{"x"}
fmt.Println(e == e2, e == e3, e2 != e3)`}, out: "true false true\n"},
		{name: "a value-type cell error", cells: []string{ifaceTypes, `var ce error = Code(3)
var ce2 error = Code(3)
fmt.Println(ce == Code(3), ce == Code(4), ce == ce2, ce == e)`}, out: "true false true false\n"},
		{name: "any holding cell values", cells: []string{ifaceTypes, `var a any = orig
var p any = Point{1, 2}
var c any = Code(3)
fmt.Println(a == orig, a == e, p == Point{1, 2}, p == Point{2, 1}, c == Code(3), c == a, p == any(Point{1, 2}))`},
			out: "true true true false true false true\n"},
		{name: "compiled values compare as before", cells: []string{ifaceTypes, `_, err := strings.NewReader("").Read(make([]byte, 1))
var s error = ErrSentinel
var x any = 3
var nilErr error
fmt.Println(err == io.EOF, err != io.EOF, s == ErrSentinel, s == io.EOF, x == 3, x == "3", x == any(3), nilErr == nil, e == nil, err == nilErr)`},
			out: "true false true false true false true true false false\n"},
		{name: "an expression switch on an error", cells: []string{ifaceTypes, `func kind(err error) string {
	switch err {
	case nil:
		return "nil"
	case ErrSentinel, io.EOF:
		return "sentinel or EOF"
	case orig:
		return "orig"
	case Code(2):
		return "code 2"
	}
	return "other"
}
fmt.Println(kind(nil), kind(ErrSentinel), kind(io.EOF), kind(e), kind(Code(2)), kind(Code(3)), kind(&NotFound{"x"}))`},
			out: "nil sentinel or EOF sentinel or EOF orig code 2 other other\n"},
		{name: "a tagless switch tests every expression of a case", cells: []string{ifaceTypes, `for _, err := range []error{io.EOF, orig, Code(1)} {
	switch {
	case err == ErrSentinel, err == io.EOF:
		fmt.Print("eof ")
	case err == Code(1), err == orig:
		fmt.Print("cell ")
	}
}
fmt.Println()`}, out: "eof cell cell \n"},
		{name: "each operand is evaluated once, left to right", cells: []string{ifaceTypes, `n := 0
next := func() error { n++; if n == 1 { return orig }; return ErrSentinel }
fmt.Println(next() == orig, next() == orig, n)`}, out: "true false 2\n"},
		{name: "in methods, closures and goroutines", cells: []string{ifaceTypes, `type Holder struct{ err error }
func (h Holder) Holds(target error) bool { return h.err == target }
same := func(a, b error) bool { return a == b }
func inGoroutine(target *NotFound) bool {
	done := make(chan bool)
	go func() { var x error = target; done <- x == target }()
	return <-done
}
fmt.Println(Holder{e}.Holds(orig), Holder{e}.Holds(Code(1)), same(orig, e), same(Code(1), Code(1)), inGoroutine(orig))`},
			out: "true false true true true\n"},
		{name: "a func of a later cell that names no cell type", cells: []string{ifaceTypes, `func same(a, b error) bool { return a == b }`,
			`fmt.Println(same(orig, e), same(e, &NotFound{"x"}), same(Code(1), Code(1)), same(io.EOF, io.EOF))`},
			out: "true false true true\n"},
		{name: "a comparison as the cell's value", cells: []string{ifaceTypes, `e == orig`}, text: "true"},
		{name: "types declared inside a func", cells: []string{ifaceTypes, `func local() (bool, bool, bool) {
	type point struct{ x int }
	type failure struct{ msg string }
	var a any = point{1}
	var f error = nil
	_ = failure{}
	return a == point{1}, a == point{2}, f == nil
}
fmt.Println(local())`}, out: "true false true\n"},
		{name: "in a generic func, instantiated with error and with int", cells: []string{ifaceTypes, `func Index[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
var target error = orig
fmt.Println(Index([]error{ErrSentinel, Code(1), orig}, target), Index([]error{ErrSentinel}, target), Index([]int{4, 5}, 5))`},
			out: "2 -1 1\n"},
		{name: "runes and bytes against an any holding one", cells: []string{ifaceTypes, `var r, b any = 'a', byte(7)
var op any = '+'
switch op {
case '-':
	fmt.Println("minus")
case '+':
	fmt.Println("plus")
}
fmt.Println(r == 'a', r == rune(97), r == byte(97), b == byte(7), b == uint8(7), any([]rune("x")) != nil)`},
			out: "plus\ntrue true false true true true\n"},
		{name: "structs and arrays with interface fields holding cell values", cells: []string{`import ("errors"; "fmt")
type MyErr struct{ code int }
func (e *MyErr) Error() string { return "e" }
type Token interface{ Kind() string }
type Ident struct{ Name string }
func (i Ident) Kind() string { return "ident" }
type Result struct {
	N   int
	err error
}
type Pos struct {
	Line int
	Tok  Token
}`, `e, s := &MyErr{1}, errors.New("x")
a := Pos{1, Ident{"x"}}
fmt.Println(Result{1, e} == Result{1, e}, Result{1, e} == Result{1, &MyErr{1}}, Result{0, s} != Result{0, s})
fmt.Println(a == Pos{1, Ident{"x"}}, a == Pos{1, Ident{"y"}}, [2]Token{Ident{"a"}} == [2]Token{Ident{"a"}})`},
			out: "true false false\ntrue false true\n"},
		{name: "an any switched on with cases of basic values", cells: []string{`import "fmt"
var v, w any = "b", 2.0
switch v {
case "a":
	fmt.Println("a")
case "b":
	fmt.Println("b")
}
switch w {
case 2:
	fmt.Println("int")
case 2.0:
	fmt.Println("float")
}`}, out: "b\nfloat\n"},
	})
}

// Where Go panics, the cell panics with Go's words; where the
// interpreter cannot tell the types apart, it says so.
func TestInterfaceEqualityPanics(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "an uncomparable cell type", cells: []string{ifaceTypes, `var a, b any = Days{1}, Days{1}
a == b`}, errName: "panic", errHas: "runtime error: comparing uncomparable type main.Days"},
		{name: "two struct types with the same fields", cells: []string{ifaceTypes, `type Other struct{ X, Y int }
var a, b, c any = Point{1, 2}, Other{1, 2}, Point{1, 2}
fmt.Println(a == b, a == c)`}, out: "false true\n"},
		{name: "one pointer of one of two struct types with the same fields", cells: []string{ifaceTypes, `type Other struct{ X, Y int }
pt := &Point{1, 2}
var a, b, c any = pt, pt, &Other{1, 2}
fmt.Println(a == b, a == c, a != b)`}, out: "true false false\n"},
	})
}

// After a runner restart the cells are replayed (Restore): their funcs
// are compiled again and must compare as they did.
func TestInterfaceEqualityAfterRestore(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	kept, _ := e.Restore(t.Context(), []string{ifaceTypes, `func isOrig(err error) bool { return err == orig }
func kind(err error) string {
	switch err {
	case ErrSentinel, orig:
		return "known"
	}
	return "other"
}`}, nil, "")
	if !slices.Contains(kept, "isOrig") || !slices.Contains(kept, "kind") {
		t.Fatalf("kept %v", kept)
	}
	r, err := e.Eval(t.Context(), `fmt.Sprintf("%v %v %s %s %s", isOrig(e), isOrig(Code(1)), kind(e), kind(ErrSentinel), kind(io.EOF))`)
	if err != nil || r.Data["text/plain"] != `"true false known known other"` {
		t.Fatalf("got %v, %v", r.Data, err)
	}
}
