package eval

import (
	"fmt"
	"strings"
	"testing"
)

// assertionTypes are declared in a cell before the one asserting, so the
// implementers of an interface come from an earlier cell.
const assertionTypes = `import ("errors"; "fmt"; "time")
type Rect struct{ W, H float64 }
func (r Rect) Area() float64 { return r.W * r.H }
type Shape interface{ Area() float64 }
type MyErr struct{ Code int }
func (e *MyErr) Error() string { return fmt.Sprint("code ", e.Code) }
type Named struct{ S string }
func (n Named) String() string { return "N:" + n.S }
func asAny() any { return Rect{3, 1} }
func asError() error { return &MyErr{9} }`

// Every kind of type asserted (cell struct, cell pointer, cell
// interface, error, fmt.Stringer, builtin) on every kind of value (cell
// values given directly, returned as any or as error, compiled values,
// nil) gives Go's ok and value, in a func and at a cell's top level.
func TestTwoValueAssertionKinds(t *testing.T) {
	types := []string{"Rect", "*MyErr", "Shape", "error", "fmt.Stringer", "int", "[]int"}
	values := []struct{ expr, want string }{
		{"Rect{2, 1}", "true {2 1}|false <nil>|true {2 1}|false <nil>|false <nil>|false 0|false []"},
		{"&MyErr{5}", "false {0 0}|true code 5|false <nil>|true code 5|false <nil>|false 0|false []"},
		{"asAny()", "true {3 1}|false <nil>|true {3 1}|false <nil>|false <nil>|false 0|false []"},
		{"asError()", "false {0 0}|true code 9|false <nil>|true code 9|false <nil>|false 0|false []"},
		{`Named{"x"}`, "false {0 0}|false <nil>|false <nil>|false <nil>|true N:x|false 0|false []"},
		{"time.Second", "false {0 0}|false <nil>|false <nil>|false <nil>|true 1s|false 0|false []"},
		{`errors.New("std")`, "false {0 0}|false <nil>|false <nil>|true std|false <nil>|false 0|false []"},
		{"3", "false {0 0}|false <nil>|false <nil>|false <nil>|false <nil>|true 3|false []"},
		{"nil", "false {0 0}|false <nil>|false <nil>|false <nil>|false <nil>|false 0|false []"},
	}
	var inFunc, atTop []string
	for i, ty := range types {
		inFunc = append(inFunc, fmt.Sprintf("func try%d(i any) string { v, ok := i.(%s); return fmt.Sprint(ok, \" \", v) }", i, ty))
	}
	var cases []cellCase
	for _, v := range values {
		var calls []string
		atTop = atTop[:0]
		for i, ty := range types {
			calls = append(calls, fmt.Sprintf("try%d(%s)", i, v.expr))
			atTop = append(atTop, fmt.Sprintf("v%d, ok%d := x.(%s)\nr = append(r, fmt.Sprint(ok%d, \" \", v%d))", i, i, ty, i, i))
		}
		cases = append(cases,
			cellCase{name: "in a func: " + v.expr, cells: []string{assertionTypes, strings.Join(inFunc, "\n"),
				"fmt.Sprint(" + strings.Join(calls, `, "|", `) + ")"}, text: fmt.Sprintf("%q", v.want)},
			cellCase{name: "top level: " + v.expr, cells: []string{assertionTypes,
				"var x any = " + v.expr + "\nvar r []string\n" + strings.Join(atTop, "\n") + "\nfmt.Sprint(r)"},
				text: fmt.Sprintf("%q", "["+strings.ReplaceAll(v.want, "|", " ")+"]")})
	}
	runCellCases(t, cases)
}

func TestOneValueAssertionToInterface(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "cell struct to a cell interface", cells: []string{assertionTypes, "var a any = Rect{2, 4}\na.(Shape).Area()"}, text: "8"},
		{name: "returned value to a cell interface", cells: []string{assertionTypes, "func area(v any) float64 { s := v.(Shape); return s.Area() }", "area(asAny())"}, text: "3"},
		{name: "cell pointer to error", cells: []string{assertionTypes, "var a any = &MyErr{5}\na.(error).Error()"}, text: `"code 5"`},
		{name: "nil to error panics saying so", cells: []string{assertionTypes, "var a any\n_ = a.(error)"},
			errName: "panic", errHas: "interface conversion: interface is nil, not error"},
		{name: "a type an error cannot hold is no twin", cells: []string{assertionTypes,
			"type Code int\nfunc (c Code) Error() string { return fmt.Sprint(\"code \", int(c)) }\nvar err error = Code(3)\nc, ok := err.(Code)\nfmt.Sprint(c, ok)"}, text: `"code 3 true"`},
		{name: "twins an any can hold are an error", cells: []string{assertionTypes,
			"type Celsius float64\nvar a any = 21.5\nc, ok := a.(Celsius)\nfmt.Sprint(c, ok)"},
			errName: "CompileError", errHas: "3:13: the kernel cannot run this type assertion to Celsius: the interpreter cannot tell values of Celsius from those of float64"},
		{name: "a type declared inside a func is a twin too", cells: []string{assertionTypes,
			"func main() {\n\ttype MyStr string\n\tvar v any = MyStr(\"x\")\n\ts, ok := v.(string)\n\tfmt.Println(s, ok)\n}"},
			errName: "CompileError", errHas: "4:14: the kernel cannot run this type assertion to string: the interpreter cannot tell values of string from those of MyStr"},
	})
}

func TestContextValuesAssertedBesideAKeyTypeOfTheSameUnderlyingType(t *testing.T) {
	decls := `import ("context"; "fmt")
type ctxKey string
const userKey ctxKey = "user"`
	runOutCases(t, []outCase{
		{name: "a key type is no value a context holds", cells: []string{decls, `ctx := context.WithValue(context.Background(), userKey, "ann")
u, ok := ctx.Value(userKey).(string)
_, isInt := ctx.Value(userKey).(int)
fmt.Println(u, ok, isInt, ctx.Value(userKey).(string), ctx.Value(ctxKey("none")) == nil)`}, out: "ann true false ann true\n"},
		{name: "asserting to the key type is refused when a string is stored", cells: []string{decls, `ctx := context.WithValue(context.Background(), userKey, "ann")
_, isKey := ctx.Value(userKey).(ctxKey)
fmt.Println(isKey)`}, errName: "CompileError", errHas: "cannot tell values of ctxKey from those of string"},
		{name: "refused when a key type is also stored as a value", cells: []string{decls, `ctx := context.WithValue(context.Background(), userKey, ctxKey("x"))
s, ok := ctx.Value(userKey).(string)
fmt.Println(s, ok)`}, errName: "CompileError", errHas: "cannot tell values of string from those of ctxKey"},
	})
}

func TestAFailedOneValueAssertionPanicsAsGoDoes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a runtime.Error naming the value's type and the missing method", cells: []string{`import ("fmt"; "runtime")
type Walker interface{ Walk() string }
type Runner interface{ Run() string }
type Legs struct{ n int }
func (l Legs) Walk() string { return "walk" }
func try(f func()) {
	defer func() {
		r := recover()
		_, isRT := r.(runtime.Error)
		fmt.Println(r, isRT)
	}()
	f()
}`, `var i any = 3
var w Walker = Legs{2}
try(func() { _ = i.(fmt.Stringer) })
try(func() { _ = w.(Runner) })
var none any
try(func() { _ = none.(error) })`}, out: "interface conversion: int is not fmt.Stringer: missing method String true\n" +
			"interface conversion: main.Legs is not main.Runner: missing method Run true\n" +
			"interface conversion: interface is nil, not error true\n"},
		{name: "the first method missing in Go's order, receivers told apart", cells: []string{`import "fmt"
type Shape interface{ Perimeter() float64; Area() float64 }
type Half struct{ b string }
func (h Half) Area() float64 { return 1 }
type Ptr struct{ c float64 }
func (p *Ptr) Area() float64 { return 1 }
func (p *Ptr) Perimeter() float64 { return 1 }
func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}`, `var h, p, hp, n any = Half{}, Ptr{}, &Half{}, 2.5
try(func() { _ = h.(Shape) })
try(func() { _ = p.(Shape) })
try(func() { _ = hp.(Shape) })
try(func() { _ = n.(Shape) })`}, out: "interface conversion: main.Half is not main.Shape: missing method Perimeter\n" +
			"interface conversion: main.Ptr is not main.Shape: missing method Area\n" +
			"interface conversion: *main.Half is not main.Shape: missing method Perimeter\n" +
			"interface conversion: float64 is not main.Shape: missing method Area\n"},
		{name: "to a type that is no interface: the static and the dynamic types, as Go names them", cells: []string{`import ("fmt"; "runtime")
type Animal interface{ Sound() string }
type Cat struct{}
type Cow struct{ n int }
func (Cat) Sound() string  { return "meow" }
func (*Cow) Sound() string { return "moo" }
func try(f func()) {
	defer func() {
		r := recover()
		_, isRT := r.(runtime.Error)
		fmt.Println(r, isRT)
	}()
	f()
}`, `var a Animal = Cat{}
try(func() { _ = a.(*Cow) })
var x any = 3
try(func() { _ = x.(string) })
var n Animal
try(func() { _ = n.(Cat) })
try(func() { fmt.Println(a.(Cat).Sound()) })`}, out: "interface conversion: main.Animal is main.Cat, not *main.Cow true\n" +
			"interface conversion: interface {} is int, not string true\n" +
			"interface conversion: main.Animal is nil, not main.Cat true\n" +
			"meow\n<nil> false\n"},
	})
}

func TestTheTypeOfARecoveredRuntimeErrorIsGos(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "index, nil dereference, assertion and makechan panics", cells: []string{`import "fmt"
type P struct{ x int }
func kind(f func()) {
	defer func() { fmt.Printf("%T\n", recover()) }()
	f()
}`, `var a []int
var p *P
var i any = "s"
n := -1
kind(func() { _ = a[5] })
kind(func() { _ = a[1:n+3] })
kind(func() { _ = p.x })
kind(func() { _ = i.(int) })
kind(func() { _ = make(chan int, n) })
var s fmt.Stringer
kind(func() { _ = s.String() })`}, out: "runtime.boundsError\nruntime.boundsError\nruntime.errorString\n*runtime.TypeAssertionError\nruntime.plainError\nruntime.errorString\n"},
	})
}

func TestAPlainValueIsNoNamedNonStructTypesStringer(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "assertions and a type switch to package and cell interfaces", cells: []string{`import "fmt"
type Celsius int
func (c Celsius) String() string { return "C" }
type Status int
func (s Status) Error() string { return fmt.Sprint("status ", int(s)) }
type Namer interface{ Name() string }
func (c Celsius) Name() string { return "celsius" }
func kind(v any) string {
	switch x := v.(type) {
	case error:
		return "err:" + x.Error()
	case fmt.Stringer:
		return "str:" + x.String()
	}
	return fmt.Sprint("plain:", v)
}`, `var x, y any = 7, Celsius(7)
_, s1 := x.(fmt.Stringer)
_, s2 := y.(fmt.Stringer)
_, n1 := x.(Namer)
_, n2 := y.(Namer)
fmt.Println(s1, s2, n1, n2)
fmt.Println(kind(7), kind(Celsius(1)), kind(404), kind(Status(404)))`}, out: "false true false true\nplain:7 str:C plain:404 err:status 404\n"},
	})
}

func TestAssertionsToAnInterfaceTellNamedTypesOfOneUnderlyingTypeApart(t *testing.T) {
	decl := "import (\"fmt\"; \"sort\")\ntype Celsius float64\ntype Fahrenheit float64\n" +
		"func (c Celsius) String() string { return fmt.Sprint(float64(c), \"C\") }\n" +
		"func (f Fahrenheit) String() string { return fmt.Sprint(float64(f), \"F\") }\n" +
		"type Namer interface{ String() string }\n" +
		"type ByLen []string\nfunc (a ByLen) Len() int { return len(a) }\nfunc (a ByLen) Swap(i, j int) { a[i], a[j] = a[j], a[i] }\nfunc (a ByLen) Less(i, j int) bool { return len(a[i]) < len(a[j]) }\n" +
		"type ByAlpha []string\nfunc (a ByAlpha) Len() int { return len(a) }\nfunc (a ByAlpha) Swap(i, j int) { a[i], a[j] = a[j], a[i] }\nfunc (a ByAlpha) Less(i, j int) bool { return a[i] < a[j] }"
	runOutCases(t, []outCase{
		{name: "two-value and one-value assertions", cells: []string{decl,
			"var x any = Fahrenheit(212)\ns, ok := x.(fmt.Stringer)\nfmt.Println(s.String(), ok, x.(Namer).String())"}, out: "212F true 212F\n"},
		{name: "a type switch's interface case", cells: []string{decl,
			"var x any = Fahrenheit(5)\nswitch v := x.(type) {\ncase Namer:\n\tfmt.Println(v.String())\n}"}, out: "5F\n"},
		{name: "sort.Sort of the asserted sort.Interface", cells: []string{decl,
			"xs := []string{\"b\", \"aa\"}\nvar x any = ByLen(xs)\nsort.Sort(x.(sort.Interface))\nfmt.Println(xs)"}, out: "[b aa]\n"},
	})
}

func TestAssertionsToAnInterfaceOfValuesOfGenericTypes(t *testing.T) {
	decl := "import \"fmt\"\ntype Shape interface{ Area() int }\ntype Box[T any] struct{ V T }\nfunc (b Box[T]) String() string { return fmt.Sprint(\"box \", b.V) }\n" +
		"type Sq[T ~int] struct{ S T }\nfunc (s *Sq[T]) Area() int { return int(s.S * s.S) }\n"
	runOutCases(t, []outCase{
		{name: "a compiled interface, a cell's interface and a pointer receiver", cells: []string{decl +
			"var a any = Box[int]{2}\nvar b any = &Sq[int]{3}\nvar c any = Sq[int]{3}\n" +
			"s, ok := a.(fmt.Stringer)\n_, ok2 := b.(Shape)\n_, ok3 := c.(Shape)\nfmt.Println(s, ok, b.(Shape).Area(), ok2, ok3)\n" +
			"for _, x := range []any{Box[string]{\"x\"}, 2} {\n\tswitch v := x.(type) {\n\tcase fmt.Stringer:\n\t\tfmt.Println(\"stringer\", v.String())\n\tdefault:\n\t\tfmt.Println(\"other\", v)\n\t}\n}"},
			out: "box 2 true 9 true false\nstringer box x\nother 2\n"},
		{name: "values an earlier cell's statements made", cells: []string{decl + "var xs []any\nxs = append(xs, Box[int]{2}, &Sq[int]{3})",
			"_, ok := xs[0].(fmt.Stringer)\n_, ok2 := xs[1].(Shape)\n_, ok3 := xs[0].(Shape)\nfmt.Println(ok, ok2, ok3)"}, out: "true true false\n"},
	})
}

func TestAValueDoesNotHaveItsPointersMethods(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "passed as an any parameter, a variadic any and in a type switch", cells: []string{`import "fmt"
type E struct{ n int }
func (e *E) Error() string { return "E" }
type Cat struct{ name string }
func (c *Cat) String() string { return "Cat(" + c.name + ")" }
func isErr(v any) bool { _, ok := v.(error); return ok }
func count(vs ...any) (n int) {
	for _, v := range vs {
		if _, ok := v.(fmt.Stringer); ok {
			n++
		}
	}
	return n
}
func kind(v any) string {
	switch x := v.(type) {
	case fmt.Stringer:
		return "stringer " + x.String()
	case error:
		return "error"
	}
	return fmt.Sprintf("other %T", v)
}`, `e, c := E{1}, Cat{"x"}
fmt.Println(isErr(E{}), isErr(e), isErr(&e), count(c, &c, 1))
fmt.Println(kind(c), kind(&c), kind(e), kind(&e))`}, out: "false false true 1\nother main.Cat stringer Cat(x) other main.E error\n"},
	})
}
