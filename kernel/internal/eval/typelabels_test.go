package eval

import "testing"

// TestTypeNamesOfNamedNonStructTypes checks %T of the types the
// interpreter gives their underlying type's reflect type.
func TestTypeNamesOfNamedNonStructTypes(t *testing.T) {
	decl := "import \"fmt\"\ntype Celsius float64\ntype Days []int\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1f°C\", float64(c)) }"
	runOutCases(t, []outCase{
		{name: "static type known: the declared name", cells: []string{decl, "c := Celsius(3)\nfmt.Printf(\"%T %v %d\\n\", c, c, Days{1})"}, out: "main.Celsius 3.0°C [1]\n"},
		{name: "pointer, slice and map of the named type", cells: []string{decl, "c := Celsius(3)\nfmt.Printf(\"%T %T %T\\n\", &c, []Celsius{c}, map[Celsius]Days{})"}, out: "*main.Celsius []main.Celsius map[main.Celsius]main.Days\n"},
		{name: "Sprintf and a constant format", cells: []string{decl, "const f = \"%T\"\nfmt.Println(fmt.Sprintf(f, Days{}))"}, out: "main.Days\n"},
		{name: "an interface value: every name it may have", cells: []string{decl, "func kind(v any) string { return fmt.Sprintf(\"%T\", v) }\nfmt.Println(kind(Days{1}), kind([]int{}), kind(\"s\"))"},
			out: "[]int|main.Days []int|main.Days string\n"},
		{name: "an interface value of a pointer to, or a slice of, a named type: every name it may have", cells: []string{decl + "\ntype Level int\ntype Name string\nfunc (n Name) Hi() string { return \"hi\" }",
			"func kind(v any) string { return fmt.Sprintf(\"%T\", v) }\nl, n := Level(1), Name(\"x\")\nfmt.Println(kind(&l), kind([]Level{}), kind(&n), kind(n), kind(5))"},
			out: "*int|*main.Level []int|main.Days|[]main.Level *string|*main.Name main.Name int|main.Level\n"},
		{name: "an interface value with a method of one cell type only", cells: []string{decl, "func kind(v any) string { return fmt.Sprintf(\"%T\", v) }\nfmt.Println(kind(Celsius(1)))"},
			out: "main.Celsius\n"},
		{name: "a type parameter's value: every name it may have, those of types with methods too", cells: []string{decl, "func Describe[T any](v T) string { return fmt.Sprintf(\"%v (%T)\", v, v) }\nfmt.Println(Describe(Celsius(1)), Describe(\"s\"))"},
			out: "1.0°C (float64|main.Celsius) s (string)\n"},
		{name: "a format the checker cannot read: every name the value may have", cells: []string{decl, "f := \"%T %T\\n\"\nfmt.Printf(f, Days{}, \"s\")"}, out: "[]int|main.Days string\n"},
		{name: "composite types of a cell's interface", cells: []string{"import \"fmt\"\ntype Shape interface{ Area() float64 }\ntype Sq struct{ S float64 }\nfunc (s Sq) Area() float64 { return s.S }",
			"shapes := []Shape{Sq{1}}\nvar one Shape = Sq{2}\nfmt.Printf(\"%T %T %T %T\\n\", shapes, map[string]Shape{}, one, &one)"}, out: "[]main.Shape map[string]main.Shape main.Sq *main.Shape\n"},
		{name: "a plain float is not labelled", cells: []string{decl, "fmt.Printf(\"%T %T\\n\", 1.5, float64(Celsius(2)))"}, out: "float64 float64\n"},
		{name: "struct types with the same fields told apart", cells: []string{"import \"fmt\"\ntype A struct{ X int }\ntype B struct{ X int }",
			"fmt.Printf(\"%T %T %T\\n\", A{}, &B{}, map[byte][]A{})\nvar v any = B{}\nfmt.Printf(\"%T\\n\", v)"}, out: "main.A *main.B map[uint8][]main.A\nmain.B\n"},
		{name: "log's Printf and a logger's name cell types as fmt does", cells: []string{"import (\"log\"; \"os\")\ntype P struct{ x int }\ntype C float64",
			"log.SetOutput(os.Stdout)\nlog.SetFlags(0)\nlog.Printf(\"%T %T %+v\", P{}, C(1), P{2})\nl := log.New(os.Stdout, \"> \", 0)\nl.Printf(\"%T %+v\", &P{}, P{3})"},
			out: "main.P main.C {x:2}\n> *main.P {x:3}\n"},
		{name: "a verb fmt refuses for the kind names the type", cells: []string{decl, "type Level int\ntype Sym string\nfunc (s Sym) String() string { return \"sym\" }\nfmt.Printf(\"%s|%5s|%d|%x|%t|%d\\n\", Level(2), Level(3), Sym(\"ab\"), true, Celsius(1), Days{1})\nfmt.Println(fmt.Errorf(\"bad %s\", Level(9)))"},
			out: "%!s(main.Level=2)|%!s(main.Level=    3)|%!d(main.Sym=ab)|%!x(bool=true)|%!t(main.Celsius=1)|[1]\nbad %!s(main.Level=9)\n"},
		{name: "a Formatter takes every verb", cells: []string{decl, "type Money int\nfunc (m Money) Format(f fmt.State, c rune) { fmt.Fprintf(f, \"$%d\", int(m)) }\nfmt.Printf(\"%s %d %v\\n\", Money(1), Money(2), Money(3))"},
			out: "$1 $2 $3\n"},
		{name: "%d of a Stringer prints the number", cells: []string{decl, "type Level int\nfunc (l Level) String() string { return \"L\" }\nfmt.Printf(\"%d %v %s\\n\", Level(2), Level(2), Level(2))"}, out: "2 L L\n"},
	})
}

func TestTypeOfAFuncOverNamedTypes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "%T of funcs taking and returning a cell's named non-struct types", cells: []string{`import "fmt"
type Celsius float64
func warm(c Celsius) Celsius { return c + 1 }
func parse(s string, d ...Celsius) (Celsius, error) { return 0, nil }`, `fmt.Printf("%T|%T|%T\n", warm, parse, func() {})`},
			out: "func(main.Celsius) main.Celsius|func(string, ...main.Celsius) (main.Celsius, error)|func()\n"},
	})
}

func TestSharpVOfNamedSliceAndMapTypesNamesThem(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "%#v of named slice, map and array types", cells: []string{`import "fmt"
type IDs []int
type Set map[string]bool
type Pair [2]float64
type Celsius float64`, `var none IDs
fmt.Printf("%#v %#v %#v %#v %#v|%v\n", IDs{1, 2}, Set{"a": true}, Pair{1, 2}, none, []Celsius{1}, IDs{3})`},
			out: "main.IDs{1, 2} main.Set{\"a\":true} main.Pair{1, 2} main.IDs(nil) []main.Celsius{1}|[3]\n"},
		{name: "in struct fields, elements and behind pointers", cells: []string{`import "fmt"
type IDs []int
type Set map[string]bool
type Secret string
func (s Secret) GoString() string { return "Secret(***)" }
type R struct {
	Tags IDs
	S    *Set
	Many []IDs
	pw   Secret
	PW   Secret
}`, `var none *Set
s := Set{"a": true}
fmt.Printf("%#v\n", R{Tags: IDs{1}, Many: []IDs{{2}, nil}, pw: "a", PW: "b"})
fmt.Printf("%#v %#v %#v %#v\n", none, &s, map[string]IDs{"k": {3}}, [1]IDs{})
fmt.Printf("%+v\n", R{Tags: IDs{1}})`},
			out: "main.R{Tags:main.IDs{1}, S:(*main.Set)(nil), Many:[]main.IDs{main.IDs{2}, main.IDs(nil)}, pw:\"a\", PW:Secret(***)}\n" +
				"(*main.Set)(nil) &main.Set{\"a\":true} map[string]main.IDs{\"k\":main.IDs{3}} [1]main.IDs{main.IDs(nil)}\n" +
				"{Tags:[1] S:<nil> Many:[] pw: PW:}\n"},
	})
}

func TestTypeNamesOfGenericInstancesThatAreNoStructs(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "map and slice instances", cells: []string{`import "fmt"
type Set[T comparable] map[T]struct{}
type List[T any] []T
type ID int`, `s := Set[int]{1: {}}
l := List[ID]{2}
fmt.Printf("%T %T %T %#v\n", s, l, &l, l)`}, out: "main.Set[int] main.List[main.ID] *main.List[main.ID] main.List[main.ID]{2}\n"},
		{name: "an instance given as a type argument, held in an interface", cells: []string{`import "fmt"
type Box[T any] struct{ V T }`, `var a any = Box[Box[int]]{}
_, plain := a.(Box[struct{ V int }])
fmt.Printf("%T %v\n", a, plain)`}, out: "main.Box[main.Box[int]] false\n"},
	})
}
