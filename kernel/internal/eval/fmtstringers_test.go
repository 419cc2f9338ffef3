package eval

import "testing"

func TestStringAndErrorMethodsOfNestedValues(t *testing.T) {
	const decls = `import ("errors"; "fmt")
type Point struct{ X, Y int }
func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }
type Fault struct{ Code int }
func (f *Fault) Error() string { return fmt.Sprint("fault ", f.Code) }
type Named struct{ N string }
func (n *Named) String() string { return "named " + n.N }
type Path struct {
	From, To Point
	hops     int
}
type Boom struct{}
func (Boom) String() string { panic("boom") }`
	runOutCases(t, []outCase{
		{name: "elements, keys, values and fields", cells: []string{decls, `fmt.Println([]Point{{1, 2}}, map[Point]int{{3, 4}: 1}, Path{Point{0, 0}, Point{5, 6}, 2}, &Path{})
fmt.Printf("%v|%s|%+v|%d\n", []Point{{1, 2}}, []Point{{1, 2}}, Path{}, []Point{{7, 8}})
var held any = []Point{{9, 9}}
fmt.Println(held, fmt.Sprint([]Point{{1, 1}}), fmt.Sprintln([2]Point{}))`},
			out: "[(1,2)] map[(3,4):1] {(0,0) (5,6) 2} &{(0,0) (0,0) 0}\n[(1,2)]|[(1,2)]|{From:(0,0) To:(0,0) hops:0}|[{7 8}]\n[(9,9)] [(1,1)] [(0,0) (0,0)]\n\n"},
		{name: "pointer receivers, nil pointers and errors", cells: []string{decls, `fmt.Println([]*Fault{{1}, nil}, []Named{{"v"}}, []*Named{{"p"}}, []error{&Fault{2}, errors.New("plain")})`},
			out: "[fault 1 <nil>] [{v}] [named p] [fault 2 plain]\n"},
		{name: "a panicking method is reported as fmt does", cells: []string{decls, `fmt.Println([]Boom{{}})`},
			out: "[%!v(PANIC=String method: boom)]\n"},
		{name: "%#v does not call String", cells: []string{decls, `fmt.Printf("%#v\n", []Point{{3, 4}})`},
			out: "[]main.Point{main.Point{X:3, Y:4}}\n"},
		{name: "%q and %x of a slice type with Error or String call the method", cells: []string{decls, `type Errs []error
func (e Errs) Error() string { return fmt.Sprint(len(e), " errors") }
type Names []any
func (n Names) String() string { return fmt.Sprint(len(n), " names") }
e := Errs{errors.New("a"), errors.New("b")}
var err error = e
fmt.Printf("%q %x %q\n", e, e, err)
fmt.Printf("%q %X %q\n", Names{"x", 2}, Names{"x"}, []any{"x", 2})`},
			out: "\"2 errors\" 32206572726f7273 \"2 errors\"\n\"2 names\" 31206E616D6573 [\"x\" '\\x02']\n"},
	})
}

func TestStructTypesDeclaredInFuncsAreNamed(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "%T, %+v and %#v of a type declared in main", cells: []string{`import "fmt"
func main() {
	type pair struct {
		key string
		val int
	}
	ps := []pair{{"a", 1}}
	fmt.Printf("%v %+v %T\n", ps, ps[0], ps[0])
	fmt.Printf("%#v\n", ps[0])
}`}, out: "[{a 1}] {key:a val:1} main.pair\nmain.pair{key:\"a\", val:1}\n"},
	})
}

func TestInterfaceValuesPrintWithTheirMethods(t *testing.T) {
	const decls = `import "fmt"
var counter = 1
type Shape interface{ Area() float64 }
type Square struct{ S float64 }
func (s Square) Area() float64 { return s.S * s.S }
func (s Square) String() string { return fmt.Sprintf("Square(%v)", s.S) }
type Circle struct{ R float64 }
func (c Circle) Area() float64 { return 3 * c.R }
type Fault struct{ Code int }
func (f *Fault) Error() string { return fmt.Sprint("fault ", f.Code) }
func show(x any) { fmt.Println(x); fmt.Printf("%v|%s|%+v\n", x, x, x) }`
	runOutCases(t, []outCase{
		{name: "a parameter of type any holding a Stringer or an error", cells: []string{decls, `show(Square{2})
show(&Fault{3})
show(Circle{1})`}, out: "Square(2)\nSquare(2)|Square(2)|Square(2)\nfault 3\nfault 3|fault 3|fault 3\n{1}\n{1}|{%!s(float64=1)}|{R:1}\n"},
		{name: "the elements of a ...any parameter", cells: []string{decls, `func each(xs ...any) {
	for _, x := range xs {
		fmt.Print(x, ";")
	}
	fmt.Println()
}
each(Square{1}, &Fault{2}, 3)`}, out: "Square(1);fault 2;3;\n"},
		{name: "slices and maps of a cell interface or of any", cells: []string{decls, `shapes := []Shape{Square{1}, Circle{3}, nil}
fmt.Println(shapes, map[string]Shape{"a": Square{2}}, []any{Square{5}, 1, "x"})
fmt.Printf("%v|%+v\n", shapes, []any{Circle{4}})
fmt.Println([]any{1, "a", []byte("hi"), map[string]any{"k": []int{1}}, nil, 2.5, true})`},
			out: "[Square(1) {3} <nil>] map[a:Square(2)] [Square(5) 1 x]\n[Square(1) {3} <nil>]|[{R:4}]\n[1 a [104 105] map[k:[1]] <nil> 2.5 true]\n"},
	})
}

func TestMethodsOfNamedNonStructElements(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "slices, arrays, maps and pointers to them", cells: []string{`import "fmt"
type Weekday int
func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }
type Code int
func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }`, `days := []Weekday{1, 2}
fmt.Println(days, [2]Weekday{}, map[Weekday]int{2: 1, 0: 5}, &days)
fmt.Printf("%v %s %d\n", days, days, days)
fmt.Println(map[string]Code{"a": 3}, []Code{4})
var none []Weekday
fmt.Println(none, fmt.Sprint(days))`}, out: "[Mon Tue] [Sun Sun] map[Sun:5 Tue:1] &[Mon Tue]\n[Mon Tue] [Mon Tue] [1 2]\nmap[a:code 3] [code 4]\n[] [Mon Tue]\n"},
	})
}

// Go's fmt calls the methods of exported fields only: through an
// unexported field it cannot reach them (expected outputs from go run).
func TestMethodsOfStructFields(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "named non-struct fields and their slices, exported or not", cells: []string{`import "fmt"
type Level int
func (l Level) String() string { return fmt.Sprint("L", int(l)) }
type P struct{ X int }
func (p P) String() string { return "P!" }
type Rec struct {
	Pub  Level
	priv Level
	Pp   P
	pp   P
	Ls   []Level
	ls   []P
}`, `r := Rec{1, 2, P{3}, P{4}, []Level{5}, []P{{6}}}
fmt.Println(r)
fmt.Printf("%+v %v\n", r, []Rec{r})`}, out: "{L1 2 P! {4} [L5] [{6}]}\n{Pub:L1 priv:2 Pp:P! pp:{X:4} Ls:[L5] ls:[{X:6}]} [{L1 2 P! {4} [L5] [{6}]}]\n"},
		{name: "a method declared after the struct", cells: []string{`import "fmt"
type Color int
type Pixel struct{ C Color }`, `func (c Color) String() string { return "red" }`, `fmt.Println(Pixel{}, []Pixel{{1}})`}, out: "{red} [{red}]\n"},
		{name: "pointers to named non-struct types, nil ones too", cells: []string{`import "fmt"
type Temp float64
func (t Temp) String() string { return fmt.Sprintf("%.1f°", float64(t)) }
type Count int
func (c *Count) String() string { return fmt.Sprint("#", int(*c)) }
type Reading struct {
	T    *Temp
	N    *Count
	Name string
}`, `t, n := Temp(21.5), Count(3)
fmt.Println(Reading{&t, &n, "x"}, Reading{Name: "empty"})
fmt.Printf("%+v\n", []Reading{{&t, &n, "y"}})`}, out: "{21.5° #3 x} {<nil> <nil> empty}\n[{T:21.5° N:#3 Name:y}]\n"},
	})
}

func TestNamedNonStructTypesInInterfacesKeepTheirType(t *testing.T) {
	const decls = `import ("encoding/json"; "fmt"; "math"; "reflect")
type Weekday int
func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }
type Point struct{ X, Y int }
func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }
type Shape interface{ Area() float64 }
type Radius float64
func (r Radius) Area() float64 { return math.Pi * float64(r*r) }
func describe(s Shape) { fmt.Printf("(%v, %T)\n", s, s) }
func describeAny(i any) { fmt.Printf("(%v, %T)\n", i, i) }
func show(v any) { fmt.Println(v); fmt.Printf("%v %d|", v, v); fmt.Print(v, "\n") }`
	runOutCases(t, []outCase{
		{name: "%T of a cell interface or any holding one", cells: []string{decls, `describe(Radius(1)); describeAny(Weekday(1)); describeAny(Point{1, 2})`},
			out: "(1, main.Radius)\n(Mon, main.Weekday)\n((1,2), main.Point)\n"},
		{name: "String through an any parameter", cells: []string{decls, `show(Weekday(2))`},
			out: "Tue\nTue 2|Tue\n"},
		{name: "String of the elements of a spread []any", cells: []string{decls, `xs := []any{Weekday(2), Point{5, 6}, 7}; fmt.Println(xs...)`},
			out: "Tue (5,6) 7\n"},
		{name: "json and reflect see the value, not the interpreter's wrapper", cells: []string{decls, `var e any = Weekday(1)
b, _ := json.Marshal(e)
c, _ := json.Marshal(map[string]any{"p": Point{3, 4}, "l": []any{Weekday(2)}})
fmt.Println(string(b), string(c), reflect.TypeOf(e).Kind(), reflect.ValueOf(e).Int())`},
			out: "1 {\"l\":[2],\"p\":{\"X\":3,\"Y\":4}} int 1\n"},
		{name: "%T of an error holding a float type is not a struct type with Error", cells: []string{decls, `type NegErr float64
func (e NegErr) Error() string { return "negative" }
type NotFound struct{ Name string }
func (n NotFound) Error() string { return n.Name }`, `var err error = NegErr(-3)
fmt.Printf("%T ", err)
err = NotFound{"x"}
fmt.Printf("%T %v\n", err, err)`},
			out: "main.NegErr main.NotFound x\n"},
	})
}

func TestUnexportedFieldsOfCompiledTypesPrintWithoutTheirMethods(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a time.Duration and a time.Time in unexported fields", cells: []string{`import ("fmt"; "time")
type cfg struct {
	timeout time.Duration
	Retry   time.Duration
	when    time.Time
	err     error
}`, `c := cfg{timeout: time.Second, Retry: 2 * time.Second, when: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)}
fmt.Printf("%+v\n", c)
fmt.Println(c, []cfg{{timeout: 3}})`},
			out: "{timeout:1000000000 Retry:2s when:{wall:0 ext:63713520000 loc:<nil>} err:<nil>}\n{1000000000 2s {0 63713520000 <nil>} <nil>} [{3 0s {0 0 <nil>} <nil>}]\n"},
		{name: "cell values in unexported interface fields", cells: []string{`import "fmt"
type codeErr struct{ code int }
func (e codeErr) Error() string { return fmt.Sprint("code=", e.code) }
type name struct{ s string }
func (n name) String() string { return "N" + n.s }
type result struct {
	label string
	err   error
	who   fmt.Stringer
	Err   error
}`, `r := result{"t1", codeErr{404}, name{"x"}, codeErr{500}}
fmt.Printf("%v\n%+v\n", r, r)`},
			out: "{t1 {404} {x} code=500}\n{label:t1 err:{code:404} who:{s:x} Err:code=500}\n"},
	})
}

func TestStringOfNamedTypesNestedInSlicesAndMaps(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "[][]Weekday, map[string][]Weekday, map[string]map[string]Weekday", cells: []string{`import "fmt"
type Weekday int
func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }`, `grid := [][]Weekday{{0, 1}, nil, {2}}
byName := map[string][]Weekday{"b": {1}, "a": {2, 0}}
nested := map[string]map[string]Weekday{"w": {"first": 0}}
fmt.Println(grid, byName, nested)
fmt.Printf("%v|%s|%d\n", grid, nested, grid)`},
			out: "[[Sun Mon] [] [Tue]] map[a:[Tue Sun] b:[Mon]] map[w:map[first:Sun]]\n[[Sun Mon] [] [Tue]]|map[w:map[first:Sun]]|[[0 1] [] [2]]\n"},
	})
}

func TestStringersOfNamedTypesInsideMapAndNestedSliceFields(t *testing.T) {
	decls := `import "fmt"
type Weekday int
func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }
type Level int
func (l Level) String() string { return fmt.Sprintf("L%d", int(l)) }
type Plan struct {
	ByName map[string]Weekday
	Grid   [][]Weekday
	Keys   map[Weekday]int
	Both   map[Level][]Weekday
	days   map[string]Weekday
}
p := Plan{map[string]Weekday{"b": 2, "a": 1}, [][]Weekday{{0, 1}, {2}}, map[Weekday]int{2: 5, 0: 1}, map[Level][]Weekday{3: {1}}, map[string]Weekday{"q": 1}}`
	runOutCases(t, []outCase{
		{name: "v and +v call String at any depth", cells: []string{decls, `fmt.Println(p)
fmt.Printf("%+v\n", p)`},
			out: "{map[a:Mon b:Tue] [[Sun Mon] [Tue]] map[Sun:1 Tue:5] map[L3:[Mon]] map[q:1]}\n" +
				"{ByName:map[a:Mon b:Tue] Grid:[[Sun Mon] [Tue]] Keys:map[Sun:1 Tue:5] Both:map[L3:[Mon]] days:map[q:1]}\n"},
		{name: "#v names the types at any depth", cells: []string{decls, `fmt.Printf("%#v\n", p)`},
			out: `main.Plan{ByName:map[string]main.Weekday{"a":1, "b":2}, Grid:[][]main.Weekday{[]main.Weekday{0, 1}, []main.Weekday{2}}, Keys:map[main.Weekday]int{0:1, 2:5}, Both:map[main.Level][]main.Weekday{3:[]main.Weekday{1}}, days:map[string]main.Weekday{"q":1}}` + "\n"},
	})
}

func TestStringersOfGenericTypesAsElements(t *testing.T) {
	decls := `import "fmt"
type Pair[K comparable, V any] struct {
	Key K
	Val V
}
func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }
type Stack[T any] struct{ items []T }
func (s *Stack[T]) Error() string { return fmt.Sprint("stack", s.items) }`
	runOutCases(t, []outCase{
		{name: "elements, map values and pointers", cells: []string{decls, `ps := []Pair[string, int]{{"a", 1}, {"b", 2}}
m := map[string]Pair[string, int]{"x": {"c", 3}}
fmt.Println(ps, m, []*Stack[int]{{items: []int{1}}})
fmt.Printf("%v %+v\n", ps, ps)`}, out: "[a=1 b=2] map[x:c=3] [stack[1]]\n[a=1 b=2] [a=1 b=2]\n"},
		{name: "an instance made inside a generic func", cells: []string{decls, `func Zip[K comparable, V any](ks []K, vs []V) []Pair[K, V] {
	var out []Pair[K, V]
	for i := range ks {
		out = append(out, Pair[K, V]{ks[i], vs[i]})
	}
	return out
}`, `fmt.Println(Zip([]string{"a"}, []float64{1.5}))`}, out: "[a=1.5]\n"},
		{name: "instances of generic types that are no structs", cells: []string{`import "fmt"
type Set[T comparable] map[T]bool
func (s Set[T]) String() string { return fmt.Sprintf("set of %d", len(s)) }
type List[T any] []T
func (l List[T]) String() string { return fmt.Sprint("list", len(l)) }`, `s := Set[string]{"a": true}
l := List[int]{1, 2}
fmt.Println(s, []Set[string]{s}, map[string]Set[string]{"k": s}, []List[int]{l})`}, out: "set of 1 [set of 1] map[k:set of 1] [list2]\n"},
	})
}

func TestStringOfANamedFuncType(t *testing.T) {
	runOutCases(t, []outCase{{name: "printed, formatted and as a cell's value", cells: []string{`import "fmt"
type Handler func(int) int
func (h Handler) String() string { return "handler" }`, `var h Handler = func(x int) int { return x + 1 }
fmt.Println(h, h(1))
fmt.Printf("%v|%s|%q|%T\n", h, h, h, h)
h`}, out: "handler 2\nhandler|handler|\"handler\"|main.Handler\n", text: "handler"}})
}

func TestFinalValueCallsStringOfTheCellsTypesInside(t *testing.T) {
	decls := `import "fmt"
type P struct{ X int }
func (p P) String() string { return fmt.Sprint("P", p.X) }
type Pair[K comparable, V any] struct {
	Key K
	Val V
}
func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }`
	runOutCases(t, []outCase{
		{name: "slice of a struct type", cells: []string{decls, `[]P{{1}, {2}}`}, text: "[P1 P2]"},
		{name: "map values", cells: []string{decls, `map[string]P{"a": {3}}`}, text: "map[a:P3]"},
		{name: "generic instances", cells: []string{decls, `ps := []Pair[string, int]{{"a", 1}}
ps`}, text: "[a=1]"},
		{name: "a string stays quoted", cells: []string{decls, `"s"`}, text: `"s"`},
	})
}

func TestNamedNonStructValuesHeldInTheCellsInterfacesCallString(t *testing.T) {
	decls := `import "fmt"
type literal float64
func (l literal) String() string { return fmt.Sprintf("L%g", float64(l)) }
type Expr interface{ String() string }
type binary struct {
	op   rune
	x, y Expr
}
func (b binary) String() string { return fmt.Sprintf("(%s %c %s)", b.x, b.op, b.y) }
var global Expr = literal(1)`
	runOutCases(t, []outCase{
		{name: "a variable, a field, a global", cells: []string{decls, `var e Expr = literal(5)
b := binary{'*', literal(3), e}
fmt.Println(e, b, global)
fmt.Printf("%v|%s|%s|%d\n", e, e, b.x, 7)`}, out: "L5 (L3 * L5) L1\nL5|L5|L3|7\n"},
	})
}

func TestCellValuesHeldInAPackagesInterfacePrintAsThemselves(t *testing.T) {
	decls := `import ("fmt"; "io"; "sort"; "strings")
type byLen []string
func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }
type rev struct{ sort.Interface }
type upper struct{ r io.Reader }
func (u upper) Read(p []byte) (int, error) { return u.r.Read(p) }`
	runOutCases(t, []outCase{
		{name: "sort.Interface and io.Reader variables", cells: []string{decls, `var s sort.Interface = byLen{"bb", "a"}
var r sort.Interface = rev{s}
sort.Sort(s)
var rd io.Reader = upper{strings.NewReader("x")}
fmt.Println(s, r, []sort.Interface{s, r}, rd != nil)
fmt.Printf("%v %+v %T %T\n", r, r, s, r)`}, out: "[a bb] {[a bb]} [[a bb] {[a bb]}] true\n{[a bb]} {Interface:[a bb]} main.byLen main.rev\n"},
	})
}

func TestStringMethodsThroughAnyHonourFlagsAndVerbs(t *testing.T) {
	const decls = `import "fmt"
type St struct{ n int }
func (s St) String() string { return "st" }
type Shape interface{ String() string }
func logf(format string, args ...any) { fmt.Printf(format, args...) }`
	runOutCases(t, []outCase{
		{name: "width, %q and %x of a Stringer in any, in a cell interface and through a variadic any", cells: []string{decls, `var a any = St{1}
var s Shape = St{2}
fmt.Printf("[%-6v][%q][%x][%5s]\n", a, a, s, s)
logf("[%-6v][%q][%d]\n", St{1}, St{1}, St{3})`},
			out: "[st    ][\"st\"][7374][   st]\n[st    ][\"st\"][{3}]\n"},
	})
}

func TestStringPromotedFromAnEmbeddedStruct(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "in slices, maps and any", cells: []string{`import "fmt"
type Base struct{ ID int }
func (b Base) String() string { return fmt.Sprintf("Base#%d", b.ID) }
type Derived struct {
	Base
	Name string
}`, `d := Derived{Base{7}, "x"}
var a any = d
fmt.Println(d, []Derived{d}, map[string]Derived{"k": d}, a)`},
			out: "Base#7 [Base#7] map[k:Base#7] Base#7\n"},
	})
}

func TestFormatMethodsOfCellTypes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "Println, Print, Sprint and Printf call Format", cells: []string{`import "fmt"
type F struct{ v int }
func (f F) Format(st fmt.State, verb rune) { fmt.Fprint(st, "F!") }
type Loud string
func (l Loud) Format(f fmt.State, verb rune) { fmt.Fprint(f, "LOUD") }`, `fmt.Println(F{1}, Loud("plain"))
fmt.Print(F{2}, "\n")
fmt.Println(fmt.Sprint(F{3}))
fmt.Printf("%v %s\n", Loud("x"), F{4})`}, out: "F! LOUD\nF!\nF!\nLOUD F!\n"},
		{name: "an error type's Format where its static type is error", cells: []string{`import "fmt"
type E struct{ msg string }
func (e E) Error() string { return e.msg }
func (e E) Format(f fmt.State, verb rune) {
	if f.Flag('+') {
		fmt.Fprint(f, e.msg+" (with detail)")
		return
	}
	fmt.Fprint(f, e.msg)
}
func get() error { return E{"boom"} }`, `err := get()
fmt.Println(err)
fmt.Printf("%+v|%v\n", err, err)
fmt.Println(fmt.Sprintf("%+v", []error{err}), fmt.Errorf("main: %v", err))`}, out: "boom\nboom (with detail)|boom\n[boom (with detail)] main: boom\n"},
	})
}

func TestSharpVCallsGoStringNotString(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "%#v of Stringers, GoStringers and a slice of Stringers", cells: []string{`import "fmt"
type Color int
func (c Color) String() string { return "Blue" }
type Temp float64
func (t Temp) String() string { return "T" }
type Secret string
func (s Secret) GoString() string { return "HIDDEN" }
type S struct{ v int }
func (s S) GoString() string { return "S!" }`, `fmt.Printf("%#v %#v %#v %#v\n", Color(3), []Temp{1.5}, Secret("pw"), S{1})
fmt.Printf("%v %v %s\n", Color(3), []Temp{1.5}, Secret("pw"))
fmt.Println(S{2})`}, out: "3 []main.Temp{1.5} HIDDEN S!\nBlue [T] pw\n{2}\n"},
		{name: "%#v of a named type with both GoString and String", cells: []string{`import "fmt"
type Masked string
func (Masked) GoString() string { return "Masked(***)" }
func (m Masked) String() string { return "***" }`, `fmt.Printf("%#v|%v|%s|%10s|\n", Masked("pw"), Masked("pw"), Masked("pw"), Masked("pw"))`},
			out: "Masked(***)|***|***|       ***|\n"},
	})
}

func TestPointersToNamedStringersAsElements(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "value and pointer receivers, a nil element", cells: []string{`import "fmt"
type Name string
func (n Name) String() string { return "N(" + string(n) + ")" }
type Temp float64
func (t *Temp) String() string { return "T" }`, `nm := Name("x")
var np *Name
t := Temp(1)
fmt.Println([]*Name{&nm, np}, map[string]*Temp{"a": &t}, []Temp{2})`}, out: "[N(x) <nil>] map[a:T] [2]\n"},
	})
}

func TestStringersOfTypesOneReflectTypeHeldInACellInterface(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "two empty struct states", cells: []string{`import "fmt"
type State interface{ Next() State }
type idle struct{}
type cash struct{}
func (idle) Next() State { return cash{} }
func (cash) Next() State { return idle{} }
func (idle) String() string { return "Idle" }
func (cash) String() string { return "Cash" }
type M struct{ state State }`, `m := M{idle{}}
fmt.Printf("%v|%-6v|%s\n", m.state, m.state, m.state)
m.state = m.state.Next()
var s State = m.state
fmt.Println(s, m.state.Next())`}, out: "Idle|Idle  |Idle\nCash Idle\n"},
	})
}

func TestSlicesAndMapsOfStringersWithEachVerb(t *testing.T) {
	runOutCases(t, []outCase{{name: "v, s, q, x, X, d and widths", cells: []string{`import "fmt"
type Color int
func (c Color) String() string { return [...]string{"Red", "Green", "Blue"}[c] }`, `cs := []Color{0, 2}
fmt.Printf("%v|%s|%q|%x|%X|%d|%5v|%-6s|\n", cs, cs, cs, cs, cs, cs, cs, cs)
m := map[Color]int{1: 2}
fmt.Printf("%v|%s|%q|%d\n", m, m, m, m)
n := map[int]Color{1: 2}
fmt.Printf("%v|%s|%x\n", n, n, n)
fmt.Println(cs, m, n)`}, out: "[Red Blue]|[Red Blue]|[\"Red\" \"Blue\"]|[526564 426c7565]|[526564 426C7565]|[0 2]|[  Red  Blue]|[Red    Blue  ]|\n" +
		"map[Green:2]|map[Green:%!s(int=2)]|map[\"Green\":'\\x02']|map[1:2]\n" +
		"map[1:Blue]|map[%!s(int=1):Blue]|map[1:426c7565]\n[Red Blue] map[Green:2] map[1:Blue]\n"},
		{name: "struct types with String or Error, in slices, arrays and pointers", cells: []string{`import "fmt"
type V struct{ N int }
func (v V) String() string { return fmt.Sprint("v", v.N) }
type E struct{ Code int }
func (e *E) Error() string { return fmt.Sprint("e", e.Code) }`, `vs := []V{{1}, {22}}
fmt.Printf("%q|%x|%5s|%-4v|%.1s|\n", vs, vs, vs, vs, vs)
fmt.Printf("%q %q %q\n", [2]V{{3}, {4}}, []*V{{5}}, [][]V{{{6}}, {{7}}})
fmt.Printf("%q %s\n", []*E{{1}, {2}}, []*E{{3}})`},
			out: "[\"v1\" \"v22\"]|[7631 763232]|[   v1   v22]|[v1   v22 ]|[v v]|\n[\"v3\" \"v4\"] [\"v5\"] [[\"v6\"] [\"v7\"]]\n[\"e1\" \"e2\"] [e3]\n"}})
}

func TestSlicesOfAByteKindPrintAsBytesForStringVerbs(t *testing.T) {
	runOutCases(t, []outCase{{name: "s, x, q, X print the bytes; v calls String", cells: []string{`import "fmt"
type Letter byte
func (l Letter) String() string { return "L" }`, `s := []Letter{65, 66}
a := [2]Letter{67, 68}
m := map[string][]Letter{"k": {69}}
fmt.Printf("%s %x %v %q %X\n", s, s, s, s, a)
fmt.Printf("%s %v %s\n", a, a, m)
fmt.Println(s, a, m)`}, out: "AB 4142 [L L] \"AB\" 4344\nCD [L L] map[k:E]\n[L L] [L L] map[k:[L]]\n"},
		{name: "as struct fields", cells: []string{`import "fmt"
type Letter byte
func (l Letter) String() string { return "L" }
type W struct {
	L []Letter
	l []Letter
}`, `fmt.Printf("%s|%v|%x\n", W{[]Letter{65}, []Letter{66}}, W{[]Letter{65}, nil}, W{[]Letter{65}, nil})
fmt.Printf("%s\n", []W{{[]Letter{67}, nil}})`}, out: "{A B}|{[L] []}|{41 }\n[{C }]\n"}})
}

func TestValuesInterfacesHoldPrintWithEveryVerb(t *testing.T) {
	runOutCases(t, []outCase{{name: "d, x, q and #v of []any, []fmt.Stringer and map[string]any", cells: []string{`import "fmt"
type Color int
func (c Color) String() string { return [...]string{"Red", "Green", "Blue"}[c] }
type Money struct{ Amount int }
func (m Money) String() string { return "money" }`, `xs := []any{Color(1), Money{2}, nil, 7}
fmt.Printf("%d|%x|%q|%s|%v\n", xs, xs, xs, xs, xs)
fmt.Printf("%#v\n", xs)
ss := []fmt.Stringer{Color(2), Money{3}}
fmt.Printf("%d|%X\n", ss, ss)
fmt.Printf("%d|%x\n", map[string]any{"a": Color(2)}, map[string]any{"a": Color(2)})`},
		out: "[1 {2} <nil> 7]|[477265656e 6d6f6e6579 <nil> 7]|[\"Green\" \"money\" <nil> '\\a']|[Green money <nil> %!s(int=7)]|[Green money <nil> 7]\n" +
			"[]interface {}{1, main.Money{Amount:2}, interface {}(nil), 7}\n" +
			"[2 {3}]|[426C7565 6D6F6E6579]\n" +
			"map[%!d(string=a):2]|map[61:426c7565]\n"}})
}

func TestASliceArrayOrMapWithItsOwnStringIsPrintedByIt(t *testing.T) {
	runOutCases(t, []outCase{{name: "Row []Cell, Board [2][2]Cell and Tally map[Cell]int with String, of Stringer elements", cells: []string{`import "fmt"
type Cell int
func (c Cell) String() string { return [...]string{".", "X", "O"}[c] }
type Row []Cell
func (r Row) String() string { return fmt.Sprintf("row of %d", len(r)) }
type Board [2][2]Cell
func (b Board) String() string { return fmt.Sprint(b[0][0], b[1][1]) }
type Tally map[Cell]int
func (t *Tally) String() string { return "tally" }`, `r := Row{1, 2}
b := Board{{1, 0}, {0, 2}}
t := Tally{1: 3}
fmt.Println(r, b, t, &t, []Cell(r))
fmt.Printf("%v|%s|%v\n", r, &b, t)`},
		out: "row of 2 X O map[X:3] tally [X O]\nrow of 2|X O|map[X:3]\n"}})
}

func TestFinalValueCallsTheElementsString(t *testing.T) {
	decl := "import \"fmt\"\ntype Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1f°C\", float64(c)) }\ntype Day int\nfunc (d Day) String() string { return [...]string{\"Mon\", \"Tue\"}[d] }"
	runCellCases(t, []cellCase{
		{name: "a slice", cells: []string{decl, "temps := []Celsius{20, 21.5}\ntemps"}, text: "[20.0°C 21.5°C]"},
		{name: "a map's values", cells: []string{decl, "m := map[string]Celsius{\"a\": 3}\nm"}, text: "map[a:3.0°C]"},
		{name: "slices of slices", cells: []string{decl, "[][]Celsius{{1}, {2, 3}}"}, text: "[[1.0°C] [2.0°C 3.0°C]]"},
		{name: "a map's keys", cells: []string{decl, "map[Day][]int{0: {1}, 1: {2}}"}, text: "map[Mon:[1] Tue:[2]]"},
		{name: "plain floats are not touched", cells: []string{decl, "[]float64{20, 1.5}"}, text: "[20 1.5]"},
	})
}

func TestFinalGenericCallShowsItsString(t *testing.T) {
	decl := "import \"fmt\"\ntype Box[T any] struct{ v T }\nfunc (b Box[T]) String() string { return fmt.Sprint(\"box \", b.v) }\nfunc MakeBox[T any](v T) Box[T] { return Box[T]{v} }"
	runCellCases(t, []cellCase{
		{name: "a string instance", cells: []string{decl, `MakeBox("s")`}, text: "box s"},
		{name: "an int instance", cells: []string{decl, `MakeBox(7)`}, text: "box 7"},
	})
}

func TestElementsBesideKeysWithStringUseTheirOwnString(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "struct values of a map keyed by a named int with String", cells: []string{`import "fmt"
type Suit int
func (s Suit) String() string { return [...]string{"♠", "♥"}[s] }
type Card struct{ Rank int; Suit Suit }
func (c Card) String() string { return fmt.Sprintf("%d%v", c.Rank, c.Suit) }
type E struct{}
func (E) Error() string { return "E" }
type P struct{ X, Y int }`, `fmt.Println(map[Suit][]Card{0: {{3, 0}}, 1: {{10, 1}}})
fmt.Println(map[Suit]E{1: {}}, map[Suit]P{0: {1, 2}})
fmt.Printf("%v %q\n", map[Suit]Card{1: {2, 1}}, map[Suit]Card{1: {2, 1}})`},
			out: "map[♠:[3♠] ♥:[10♥]]\nmap[♥:E] map[♠:{1 2}]\nmap[♥:2♥] map[\"♥\":\"2♥\"]\n"},
	})
}

func TestConvertingANamedTypeToAnyKeepsItsType(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "any(x) and interface{}(x) of a named int with String", cells: []string{`import "fmt"
type ID int
func (i ID) String() string { return "ID!" }`, `a := any(ID(2))
_, ok := a.(fmt.Stringer)
b := interface{}(ID(3))
fmt.Printf("%v %v %v\n", a, ok, b)
func f() any { return any(ID(4)) }
fmt.Println(f())`}, out: "ID! true ID!\nID!\n"},
	})
}

func TestAStructEmbeddingANilInterfacePrintsTheMethodsPanic(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "embedded nil error and fmt.Stringer", cells: []string{`import "fmt"
type Res struct {
	error
	N int
}
type W struct{ fmt.Stringer }`, `fmt.Println(Res{nil, 1})
fmt.Println(W{})
fmt.Println("end")`}, out: "%!v(PANIC=Error method: runtime error: invalid memory address or nil pointer dereference)\n" +
			"%!v(PANIC=String method: runtime error: invalid memory address or nil pointer dereference)\nend\n"},
	})
}

func TestMethodsOfNilPointersInsideValues(t *testing.T) {
	runOutCases(t, []outCase{{name: "String and GoString called on nil receivers as fmt calls them", cells: []string{`import "fmt"
type T struct{ A int }
func (t *T) String() string {
	if t == nil {
		return "nilT"
	}
	return "T"
}
type Vec struct{ X int }
func (v Vec) GoString() string { return "Vec" }
type P struct{ E *Vec }
type S struct{ In *T }`, `fmt.Println([]*T{nil, {}}, map[string]*T{"a": nil}, [1]*T{}, S{nil})
var v *Vec
var t *T
fmt.Printf("%#v %#v %#v\n", P{nil}, v, t)`}, out: "[nilT T] map[a:nilT] [nilT] {nilT}\nmain.P{E:<nil>} <nil> (*main.T)(nil)\n"}})
}

func TestSharpVOfCellStructsHeldInInterfacesInsideValues(t *testing.T) {
	runOutCases(t, []outCase{{name: "in a []any, a map[string]any and an any field", cells: []string{`import ("errors"; "fmt"; "strings")
type Inner struct {
	A int
	b string
}`, `xs := []any{1, nil, Inner{1, "x"}}
m := map[string]any{"k": Inner{2, "y"}}
type Local struct{ Z int }
fmt.Printf("%#v|%+v\n", xs, xs)
fmt.Printf("%#v %+v\n", m, m)
fmt.Printf("%#v %#v\n", []any{Local{3}}, struct{ V any }{Inner{}})
s := fmt.Sprintf("%#v %+v", []any{errors.New("e")}, []any{&Inner{}})
fmt.Println(strings.HasPrefix(s, "[]interface {}{(*errors.errorString)(0x"), strings.Contains(s, "} [0x"))`},
		out: "[]interface {}{1, interface {}(nil), main.Inner{A:1, b:\"x\"}}|[1 <nil> {A:1 b:x}]\n" +
			"map[string]interface {}{\"k\":main.Inner{A:2, b:\"y\"}} map[k:{A:2 b:y}]\n" +
			"[]interface {}{main.Local{Z:3}} struct { V interface {} }{V:main.Inner{A:0, b:\"\"}}\n" +
			"true true\n"},
		{name: "a []byte inside a value is a []uint8", cells: []string{`import "fmt"
type P struct{ Data []byte }`, `fmt.Printf("%#v %#v\n", []byte("hi"), P{[]byte("hi")})`}, out: "[]byte{0x68, 0x69} main.P{Data:[]uint8{0x68, 0x69}}\n"}})
}

// The writer of Fprint and Fprintln may be of an interface a cell
// declares: it is written to, not printed.
func TestFprintToAWriterInterfaceOfTheCell(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "Fprint, Fprintln and Fprintf", cells: []string{`import "fmt"
type Writer interface{ Write(p []byte) (int, error) }
type Buffer struct{ data []byte }
func (b *Buffer) Write(p []byte) (int, error) { b.data = append(b.data, p...); return len(p), nil }
func render(w Writer) { fmt.Fprintln(w, "|"); fmt.Fprint(w, "a", 1, "\n"); fmt.Fprintf(w, "%d\n", 2) }`, `b := &Buffer{}
render(b)
fmt.Print(string(b.data))`}, out: "|\na1\n2\n"},
	})
}

func TestAStructWithErrorAndStringHeldAsAStringerPrintsItsError(t *testing.T) {
	decls := `import "fmt"
type Both struct{ c int }
func (Both) Error() string  { return "error" }
func (Both) String() string { return "string" }
type PB struct{ n int }
func (*PB) Error() string  { return "perror" }
func (*PB) String() string { return "pstring" }
type H struct{ S fmt.Stringer }`
	runOutCases(t, []outCase{
		{name: "a variable, with each verb", cells: []string{decls, `var s fmt.Stringer = Both{}
fmt.Println(s)
fmt.Printf("%v|%s|%q|%7s|%T|%#v\n", s, s, s, s, s, s)`}, out: "error\nerror|error|\"error\"|  error|main.Both|main.Both{c:0}\n"},
		{name: "elements, map values and fields", cells: []string{decls, `ss := []fmt.Stringer{Both{}, &PB{}}
fmt.Println(ss[0], ss[1], ss)
m := map[string]fmt.Stringer{"k": Both{}}
fmt.Println(m["k"], m)
h := H{Both{}}
fmt.Printf("%v %v %+v\n", h.S, h, h)`}, out: "error perror [error perror]\nerror map[k:error]\nerror {error} {S:error}\n"},
	})
}
