package eval

import "testing"

// typeSwitchTypes are the cell types the type switches below tell apart.
const typeSwitchTypes = `import ("errors"; "fmt"; "time")
type Rect struct{ W, H float64 }
func (r Rect) Area() float64 { return r.W * r.H }
type Shape interface{ Area() float64 }
type MyErr struct{ Code int }
func (e *MyErr) Error() string { return fmt.Sprint("myerr ", e.Code) }
type Named struct{ S string }
func (n Named) String() string { return "N:" + n.S }
func kind(i any) string {
	switch v := i.(type) {
	case nil:
		return "nil"
	case int, string:
		return fmt.Sprintf("int or string %T", v)
	case Rect:
		return fmt.Sprint("rect ", v.W)
	case *MyErr:
		return fmt.Sprint("*myerr ", v.Code)
	case Shape:
		return fmt.Sprint("shape ", v.Area())
	case fmt.Stringer:
		return "stringer " + v.String()
	case error:
		return "error " + v.Error()
	case []int:
		return fmt.Sprint("slice ", len(v))
	default:
		return fmt.Sprintf("other %T", v)
	}
}
type Square struct{ S float64 }
func (s *Square) Area() float64 { return s.S * s.S }`

func TestTypeSwitchCaseKinds(t *testing.T) {
	cases := []cellCase{
		{name: "cell pointer (was a nil dereference)", cells: []string{typeSwitchTypes, "kind(&MyErr{4})"}, text: `"*myerr 4"`},
		{name: "cell struct", cells: []string{typeSwitchTypes, "kind(Rect{2, 3})"}, text: `"rect 2"`},
		{name: "cell interface by a pointer method", cells: []string{typeSwitchTypes, "kind(&Square{3})"}, text: `"shape 9"`},
		{name: "stdlib interface of a cell type", cells: []string{typeSwitchTypes, `kind(Named{"x"})`}, text: `"stringer N:x"`},
		{name: "stdlib interface of a compiled value", cells: []string{typeSwitchTypes, "kind(time.Second)"}, text: `"stringer 1s"`},
		{name: "error of a compiled value", cells: []string{typeSwitchTypes, `kind(errors.New("boom"))`}, text: `"error boom"`},
		{name: "builtin in a multi-type case keeps the dynamic type", cells: []string{typeSwitchTypes, `kind("s") + ", " + kind(3)`}, text: `"int or string string, int or string int"`},
		{name: "nil", cells: []string{typeSwitchTypes, "kind(nil)"}, text: `"nil"`},
		{name: "slice", cells: []string{typeSwitchTypes, "kind([]int{1, 2})"}, text: `"slice 2"`},
		{name: "a nil cell interface passed as any, interface cases before case nil (was a nil dereference)", cells: []string{typeSwitchTypes,
			"func late(i any) string { switch i.(type) { case Shape: return \"shape\"; case fmt.Stringer: return \"stringer\"; case nil: return \"nil\" }; return \"?\" }",
			"var s Shape\nvar e error\nfmt.Sprint(late(s), \" \", late(e), \" \", kind(s))"}, text: `"nil nil nil"`},
		{name: "default", cells: []string{typeSwitchTypes, "kind(2.5)"}, text: `"other float64"`},
		{name: "top level on an error variable", cells: []string{typeSwitchTypes,
			"var err error = &MyErr{3}\nr := \"\"\nswitch e := err.(type) {\ncase *MyErr:\n\tr = fmt.Sprint(\"myerr \", e.Code)\ndefault:\n\tr = \"default\"\n}\nr"}, text: `"myerr 3"`},
		{name: "top level in a loop, no variable", cells: []string{typeSwitchTypes,
			"r := \"\"\nfor _, i := range []any{Rect{1, 1}, &MyErr{5}, 7} {\n\tswitch i.(type) {\n\tcase Shape:\n\t\tr += \"shape \"\n\tcase error:\n\t\tr += \"error \"\n\tdefault:\n\t\tr += \"other \"\n\t}\n}\nr"}, text: `"shape error other "`},
		{name: "break leaves the switch, not the loop", cells: []string{typeSwitchTypes,
			"n := 0\nfor _, i := range []any{1, \"a\", 2} {\n\tswitch i.(type) {\n\tcase string:\n\t\tbreak\n\t}\n\tn++\n}\nn"}, text: "3"},
		{name: "switched expression evaluated once, init scope kept", cells: []string{typeSwitchTypes,
			"calls := 0\nget := func() any { calls++; return Rect{1, 2} }\nr := \"\"\nswitch k := 10; v := get().(type) {\ncase int:\n\tr = \"int\"\ncase Rect:\n\tr = fmt.Sprint(v.H+float64(k))\n}\nfmt.Sprint(r, \" \", calls)"}, text: `"12 1"`},
		{name: "in a goroutine and a closure", cells: []string{typeSwitchTypes,
			"done := make(chan string)\nf := func(i any) string { switch v := i.(type) { case *MyErr: return v.Error(); default: return \"?\" } }\ngo func() { done <- f(&MyErr{8}) + \" \" + kind(Rect{5, 1}) }()\n<-done"}, text: `"myerr 8 rect 5"`, racy: true}, // yaegi's own races of a goroutine's frame
		{name: "interface case of a cell value", cells: []string{typeSwitchTypes,
			"var s any = Rect{2, 2}\nvar area float64\nswitch v := s.(type) {\ncase Shape:\n\tarea = v.Area()\n}\narea"}, text: "4"},
		{name: "values made any by a return, a conversion, a slice", cells: []string{typeSwitchTypes,
			"ret := func() any { return &Square{2} }\nerr := func() error { return &MyErr{6} }\nfmt.Sprint(kind(ret()), \"; \", kind(any(Rect{1, 5})), \"; \", kind([]any{Named{\"n\"}}[0]), \"; \", kind(err()))"},
			text: `"shape 4; rect 1; stringer N:n; *myerr 6"`},
		{name: "a type parameter as case and asserted type", cells: []string{typeSwitchTypes,
			"func Is[T any](v any) bool { _, ok := v.(T); return ok }\nfunc K[T any](v any) string { switch v.(type) { case T: return \"T\"; case Rect: return \"rect\" }; return \"?\" }",
			"fmt.Sprint(Is[int](3), Is[string](3), Is[Rect](Rect{}), K[int](3), K[string](3), K[int](Rect{}))"}, text: `"true false trueT?rect"`},
		{name: "cell type with a builtin underlying type is an error, not a guess", cells: []string{typeSwitchTypes,
			"type Celsius float64\nfunc temp(i any) string { switch i.(type) { case float64: return \"float\"; case Celsius: return \"celsius\" }; return \"\" }"},
			errName: "CompileError", errHas: "2:50: the kernel cannot run this type switch: case float64: the interpreter cannot tell values of float64 from those of Celsius"},
		{name: "cell structs with the same fields are told apart", cells: []string{typeSwitchTypes,
			"type A struct{ X int }\ntype B struct{ X int }\nfunc ab(i any) string { switch i.(type) { case *A: return \"a\"; case B: return \"b\" }; return \"?\" }",
			"ab(&A{}) + ab(B{}) + ab(&B{}) + ab(A{})"}, text: `"ab??"`},
		{name: "empty cell structs are told apart", cells: []string{typeSwitchTypes,
			"type A struct{}\ntype B struct{}\nfunc ab(i any) string { switch i.(type) { case *A: return \"a\"; case B: return \"b\" }; return \"?\" }",
			"ab(&A{}) + ab(B{}) + ab(&B{}) + ab(A{})"}, text: `"ab??"`},
	}
	runCellCases(t, cases)
}

func TestInterfaceToInterfaceAssertionsSkipTypesTheValueCannotHold(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a cell type that only writes is no candidate for an io.Reader", cells: []string{`import ("fmt"; "io"; "strings")
type sink struct{}
func (sink) Write(p []byte) (int, error) { return len(p), nil }
type both struct{ s string }
func (b *both) Read(p []byte) (int, error) { return 0, io.EOF }
func (both) Write(p []byte) (int, error) { return 0, nil }`, `var rd io.Reader = strings.NewReader("x")
_, ok1 := rd.(io.Writer)
rd = &both{}
_, ok2 := rd.(io.Writer)
switch rd.(type) {
case io.Writer:
	fmt.Print("writer ")
}
fmt.Println(ok1, ok2)`}, out: "writer false true\n"},
	})
}

func TestAGotoToALabelledTypeSwitchSwitchesAgain(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a goto from a case", cells: []string{`import "fmt"`, `func f() {
	var x any = "s"
	n := 0
again:
	switch v := x.(type) {
	case string:
		n++
		x = len(v)
		goto again
	case int:
		fmt.Println("int", v, n)
	}
	fmt.Println("done", n)
}
f()`}, out: "int 1 1\ndone 1\n"},
		{name: "a goto loop and a labelled break", cells: []string{`import "fmt"`, `func count(vals []any) int {
	i, n := 0, 0
loop:
	switch vals[i].(type) {
	case int:
		n++
	}
	i++
	if i < len(vals) {
		goto loop
	}
sw:
	switch vals[1].(type) {
	case string:
		for {
			break sw
		}
	}
	return n
}
fmt.Println(count([]any{1, "a", 2}))`}, out: "2\n"},
		{name: "at a cell's top level, a goto into a labelled switch is refused", cells: []string{`vals := []any{1, "a", 2}
i, n := 0, 0
loop:
switch vals[i].(type) {
case int:
	n++
}
i++
if i < len(vals) {
	goto loop
}`}, errName: "CompileError", errHas: "10:2: the kernel cannot run goto loop here"},
		{name: "goto and break to one label is refused", cells: []string{`func g() {
	var x any = 1
	n := 0
L:
	switch x.(type) {
	case int:
		n++
		if n > 1 {
			break L
		}
	}
	if n < 2 {
		goto L
	}
}`}, errName: "CompileError", errHas: "both goto and break (L)"},
	})
}
