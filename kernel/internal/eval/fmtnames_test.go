package eval

import "testing"

func TestFormatVerbsNameCellTypes(t *testing.T) {
	decl := "import \"fmt\"\ntype T struct{ S string }\ntype inner struct{ name string; age int }\ntype Outer struct { In inner; P *T; L []T; M map[string]T }"
	runOutCases(t, []outCase{
		{name: "%T of cell types", cells: []string{decl, `fmt.Printf("%T %T %T %T %T\n", &T{}, T{}, []T{}, map[string]*T{}, [2]inner{})`},
			out: "*main.T main.T []main.T map[string]*main.T [2]main.inner\n"},
		{name: "%+v shows declared field names", cells: []string{decl, `fmt.Printf("%v %+v\n", inner{"bo", 3}, Outer{In: inner{"a", 1}, L: []T{{"x"}}, M: map[string]T{"b": {"y"}, "a": {"z"}}})`},
			out: "{bo 3} {In:{name:a age:1} P:<nil> L:[{S:x}] M:map[a:{S:z} b:{S:y}]}\n"},
		{name: "%#v and Sprintf, width kept", cells: []string{decl, `s := fmt.Sprintf("%#v|%8T|%d%%", &T{"z"}, T{}, 5)` + "\ns"},
			text: `"&main.T{S:\"z\"}|  main.T|5%"`},
		{name: "struct types with the same fields: each value names its own", cells: []string{"import \"fmt\"\ntype A struct{ X int }\ntype B struct{ X int }", "fmt.Printf(\"%T\\n\", A{})\nvar v any = A{}\nfmt.Printf(\"%T\\n\", v)"},
			out: "main.A\nmain.A\n"},
		{name: "String methods still called by Printf; %T of a Stringer", cells: []string{"import \"fmt\"\ntype P struct{ Name string }\nfunc (p P) String() string { return \"P(\" + p.Name + \")\" }\ntype Q struct{ n int }\nfunc (q *Q) String() string { return \"Q!\" }",
			`fmt.Printf("%v %s %+v %T %T %v\n", P{"d"}, P{"e"}, P{"f"}, P{"g"}, &Q{}, &Q{})`}, out: "P(d) P(e) P(f) main.P *main.Q Q!\n"},
		{name: "Error methods called by fmt and log", cells: []string{"import (\"fmt\"; \"log\"; \"os\")\ntype NF struct{ Key string }\nfunc (n NF) Error() string { return \"nf \" + n.Key }",
			"fmt.Println(NF{\"a\"})\nfmt.Printf(\"%v|%+v\\n\", NF{\"b\"}, NF{\"c\"})\nlog.SetOutput(os.Stdout)\nlog.SetFlags(0)\nlog.Println(NF{\"d\"})"}, out: "nf a\nnf b|nf c\nnf d\n"},
		{name: "explicit argument indexes: each use with its own verb", cells: []string{"import \"fmt\"\ntype Rank int\nfunc (r Rank) String() string { return \"R\" }\ntype C float64\ntype P struct{ x int }",
			`fmt.Printf("%[1]v %[1]d %[1]q %[1]T|%[2]v %[2]T|%[3]v %+[3]v %[3]T|%[4]*[5]d|\n", Rank(3), C(2), P{1}, 3, 7)`},
			out: "R 3 \"R\" main.Rank|2 main.C|{1} {x:1} main.P|  7|\n"},
		{name: "Print spaces operands as Go does", cells: []string{"import \"fmt\"\ntype Rank int\nfunc (r Rank) String() string { return \"R\" }\ntype Suit string\nfunc (s Suit) String() string { return \"S\" }\ntype P struct{}\nfunc (p *P) String() string { return \"P\" }",
			"var nilP *P\nvar x any = Rank(1)\nfmt.Print(Rank(1), Rank(2), Suit(\"a\"), Suit(\"b\"), x, x, nilP, nilP, \"|\\n\")"},
			out: "R RSSR R P P|\n"},
		{name: "other values untouched", cells: []string{"import \"fmt\"", `fmt.Printf("%T %+v %[1]T\n", 3, struct{ A int }{1})`}, out: "int {A:1} int\n"},
	})
}

func TestGenericInstancesAndUnnamedStructsPrintTheirGoNames(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "an instance with a struct or interface type argument", cells: []string{"import \"fmt\"\ntype Box[T any] struct{ V T }",
			"fmt.Printf(\"%T|%T|%T\\n\", Box[struct{ A int }]{}, Box[struct{ A int; B string }]{}, Box[interface{ M() }]{})"},
			out: "main.Box[struct { A int }]|main.Box[struct { A int; B string }]|main.Box[interface { M() }]\n"},
		{name: "%T, %+v and %#v of a generic instance and an unnamed struct", cells: []string{`import "fmt"
type Pair[K comparable, V any] struct {
	Key K
	val V
}`, `p := Pair[string, int]{"a", 1}
fmt.Printf("%+v %T\n%#v\n", p, &p, p)
dog := struct {
	name string
	Tag  string ` + "`json:\"tag\"`" + `
}{"Rex", "x"}
var held any = dog
fmt.Printf("%+v|%T|%T\n", dog, dog, held)`},
			out: "{Key:a val:1} *main.Pair[string,int]\nmain.Pair[string,int]{Key:\"a\", val:1}\n" +
				"{name:Rex Tag:x}|struct { name string; Tag string \"json:\\\"tag\\\"\" }|struct { name string; Tag string \"json:\\\"tag\\\"\" }\n"},
		{name: "%T of unnamed structs with unexported fields beside a named non-struct type", cells: []string{`import "fmt"
type F float64
p := struct{ x int }{1}
s := []struct {
	i int
	b bool
}{{2, true}}
fmt.Printf("%T|%T|%T|%T\n", p, s, map[string]struct{ n F }{}, func(struct{ z int }) {})`},
			out: "struct { x int }|[]struct { i int; b bool }|map[string]struct { n main.F }|func(struct { z int })\n"},
	})
}

func TestTypeOfAPlainValueBesideANamedTypeWithMethods(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a type with methods keeps its name in an interface, so a plain value is plain", cells: []string{`import "fmt"
type Celsius float64
func (c Celsius) String() string { return "C" }
type Days []int`, `var a, b any = 2.5, Celsius(1)
var c, d any = []int{1}, Days{2}
f := "%T %T %T %T\n"
fmt.Printf(f, a, b, c, d)`}, out: "float64 main.Celsius []int|main.Days []int|main.Days\n"},
	})
}

func TestTypeOfAnEmptyStructBesideAnEmptyStructTypeOfTheCells(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a set's element and a cell's empty struct type", cells: []string{"import \"fmt\"\ntype Token struct{}",
			"set := map[string]struct{}{\"a\": {}}\nfmt.Printf(\"%T %T %T %T\\n\", set[\"a\"], struct{}{}, Token{}, set)"},
			out: "struct {} struct {} main.Token map[string]struct {}\n"},
	})
}

func TestFuncsUsingTheCellsOwnVariablesAreChecked(t *testing.T) {
	// The funcs of a cell that use a variable its statements define were
	// checked with that variable undefined: nothing was known of them.
	runOutCases(t, []outCase{
		{name: "%T in a func of a variable the same cell defines", cells: []string{`import ("fmt"; "slices"; "strings")
type Level int
type Tags []string
func (t Tags) String() string { return strings.Join(t, "+") }
lv := Level(2)
t := Tags{"b", "a"}
func show() { fmt.Printf("%T %T\n", lv, slices.Clone(t)); fmt.Println(slices.Clone(t)) }
show()`}, out: "main.Level main.Tags\nb+a\n"},
		{name: "a missing return is still refused", cells: []string{`n := 3
func sign() int { if n > 0 { return 1 } }`}, errName: "CompileError", errHas: "missing return"},
	})
}

func TestUnnamedStructsAndNilMapsOfCellTypesPrintAsGoDoes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "an unnamed struct holding a cell struct", cells: []string{`import "fmt"
type Pt struct{ X int }
fmt.Printf("%T|%#v\n", struct{ P Pt }{}, struct{ P Pt }{Pt{1}})
fmt.Printf("%T\n", struct{ P Pt; q []Pt }{})`}, out: "struct { P main.Pt }|struct { P main.Pt }{P:main.Pt{X:1}}\nstruct { P main.Pt; q []main.Pt }\n"},
		{name: "an unnamed struct with fields of named non-struct types, embedded fields and tags", cells: []string{`import ("fmt"; "strings")
type Base struct{ ID int }
type Tags []string
func (t Tags) String() string { return strings.Join(t, "+") }
pair := struct{ T Tags }{Tags{"a", "b"}}
func show() { fmt.Printf("%T %v\n", pair, pair.T) }
show()
fmt.Printf("%T|%T\n", struct {
	Base
	T Tags ` + "`json:\"t\"`" + `
	n int
}{}, []struct{ T Tags }{})`}, out: "struct { T main.Tags } a+b\nstruct { main.Base; T main.Tags \"json:\\\"t\\\"\"; n int }|[]struct { T main.Tags }\n"},
		{name: "a nil map of a cell struct", cells: []string{`import "fmt"
type Inner struct{ A int }
type S struct{ M map[string]Inner }
var m map[string]Inner
fmt.Printf("%#v %#v\n", m, S{})`}, out: "map[string]main.Inner(nil) main.S{M:map[string]main.Inner(nil)}\n"},
		{name: "cell values held in error and fmt.Stringer fields and elements", cells: []string{`import "fmt"
type NotFound struct{ Key string }
func (e NotFound) Error() string { return "nf" }
type Sq struct{ S int }
func (s Sq) String() string { return "sq" }
type H struct{ E error; F fmt.Stringer }
fmt.Printf("%#v %#v\n", []error{NotFound{"x"}}, H{E: NotFound{"k"}, F: Sq{4}})
fmt.Printf("%v %+v\n", H{E: NotFound{"k"}, F: Sq{4}}, []error{NotFound{"y"}})`},
			out: "[]error{main.NotFound{Key:\"x\"}} main.H{E:main.NotFound{Key:\"k\"}, F:main.Sq{S:4}}\n{nf sq} [nf]\n"},
		{name: "a named byte slice type in %#v", cells: []string{`import "fmt"
type B []byte
var bs []byte = []byte("x")
fmt.Printf("%#v %#v %#v\n", B("hi"), []B{B("a")}, bs)`}, out: "main.B{0x68, 0x69} []main.B{main.B{0x61}} []byte{0x78}\n"},
		{name: "an extra Printf argument of a cell struct", cells: []string{`import ("fmt"; "log"; "os")
type Pt struct{ X int }
fmt.Printf("point\n", Pt{3})
l := log.New(os.Stdout, "", 0)
l.Printf("v", Pt{6})`}, out: "point\n%!(EXTRA main.Pt={3})v%!(EXTRA main.Pt={6})\n"},
		{name: "a package's String naming a cell struct type", cells: []string{`import ("context"; "fmt")
type Pt struct{ X, Y int }
ctx := context.WithValue(context.Background(), "k", Pt{1, 2})
fmt.Println(ctx)
fmt.Print(ctx, "\n")
fmt.Printf("%v|%s\n", ctx, fmt.Sprint(ctx))`}, out: "context.Background.WithValue(k, main.Pt)\ncontext.Background.WithValue(k, main.Pt)\n" +
			"context.Background.WithValue(k, main.Pt)|context.Background.WithValue(k, main.Pt)\n"},
	})
}

func TestTypeOfANamedSliceOrMapOfCellStructsHeldAsAnErrorOrStringer(t *testing.T) {
	runOutCases(t, []outCase{{name: "in an error, a Stringer, through a func's any parameter", cells: []string{`import "fmt"
type E struct{ F string }
type Errs []E
func (es Errs) Error() string { return "errs" }
type S struct{ N string }
type Roster map[int][]S
func (r Roster) String() string { return "roster" }
func kind(x any) string { return fmt.Sprintf("%T", x) }`, `var e error = Errs{{"a"}}
var s fmt.Stringer = Roster{1: {{"a"}}}
fmt.Printf("%T %T %v %v\n", e, s, e, s)
fmt.Println(kind(e), kind(s))`}, out: "main.Errs main.Roster errs roster\nmain.Errs main.Roster\n"}})
}
