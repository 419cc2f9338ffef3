package typecheck

import (
	"go/types"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/unrestricted"
)

func newTestChecker(src fstest.MapFS) *Checker {
	var fsys = src
	if fsys == nil {
		fsys = fstest.MapFS{}
	}
	return NewChecker(NewImporter(fsys, stdlib.Symbols, unrestricted.Symbols))
}

func decl(text string) []Segment { return []Segment{{Kind: Decl, Text: text, Line: 1, Col: 1}} }

func msgs(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Msg)
	}
	return out
}

func TestCheckReportsOnlyCertainKinds(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "os"`, Line: 1, Col: 1},          // unused: not reported
		{Kind: Stmt, Text: "x := os.NoSuchThing\nx", Line: 2, Col: 1}, // a package member it may not know: not reported
		{Kind: Decl, Text: "func f() int {\n}", Line: 4, Col: 3},
	}
	got := c.Check(nil, cell, nil)
	if len(got) != 1 || got[0] != (Problem{Line: 5, Col: 1, Msg: "missing return"}) {
		t.Fatalf("got %+v, want only the missing return at 5:1", got)
	}
}

func TestCheckInGenericBodiesLeavesWhatTheTablesMayLack(t *testing.T) {
	c := newTestChecker(nil)
	for _, text := range []string{
		"import \"os\"\nfunc F[T any](x T) any { return os.NoSuchThing }",
		"import \"log\"\nfunc F[T any](l *log.Logger, x T) { l.NoSuchMethod() }",
	} {
		if got := c.Check(nil, []Segment{{Kind: Decl, Text: text, Line: 1, Col: 1}}, nil); got != nil {
			t.Errorf("%q: got %v, want nothing reported", text, got)
		}
	}
}

func TestCheckSilentWhenAPackageIsMissing(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "example.com/nothere"`, Line: 1, Col: 1},
		{Kind: Decl, Text: "func f() int {}", Line: 2, Col: 1},
	}
	if got := c.Check(nil, cell, nil); got != nil {
		t.Fatalf("got %v, want silence: the importer lacks a package", got)
	}
	// An earlier cell's import counts too.
	prior := []Prior{{Name: "nothere", Kind: "import", Text: "example.com/nothere"}}
	if got := c.Check(prior, decl("func f() int {}"), nil); got != nil {
		t.Fatalf("got %v, want silence", got)
	}
}

func TestCheckSilentOnSyntaxErrors(t *testing.T) {
	if got := newTestChecker(nil).Check(nil, decl("func f() int {"), nil); got != nil {
		t.Fatalf("got %v, want nothing: the evaluator reports syntax errors", got)
	}
}

func TestCheckSilentWhenASourcePackageDoesNotCheck(t *testing.T) {
	src := fstest.MapFS{"src/broken/b.go": {Data: []byte("package broken\nfunc F() int { return nope }\n")}}
	cell := []Segment{{Kind: Import, Text: `import "broken"`, Line: 1, Col: 1}, {Kind: Decl, Text: "func f() int {}", Line: 2, Col: 1}}
	if got := newTestChecker(src).Check(nil, cell, nil); got != nil {
		t.Fatalf("got %v, want silence", got)
	}
}

func TestCheckSourcePackage(t *testing.T) {
	src := fstest.MapFS{
		"src/geo/geo.go":      {Data: []byte("package geo\nimport \"fmt\"\ntype P struct{ X int }\nfunc (p *P) String() string { return fmt.Sprint(p.X) }\n")},
		"src/geo/geo_test.go": {Data: []byte("package geo_test\nthis is not Go\n")},
	}
	c := newTestChecker(src)
	ok := []Segment{{Kind: Import, Text: "import (\"fmt\"; \"geo\")", Line: 1, Col: 1}, {Kind: Var, Text: "var s fmt.Stringer = &geo.P{}", Line: 2, Col: 1}}
	if got := c.Check(nil, ok, nil); got != nil {
		t.Fatalf("valid use: got %v", got)
	}
	bad := []Segment{ok[0], {Kind: Var, Text: "var s fmt.Stringer = geo.P{}", Line: 2, Col: 1}}
	if got := msgs(c.Check(nil, bad, nil)); len(got) != 1 || !strings.HasSuffix(got[0], "geo.P does not implement fmt.Stringer (method String has pointer receiver)") {
		t.Fatalf("got %v", got)
	}
}

func TestCheckPriorDeclarations(t *testing.T) {
	c := newTestChecker(nil)
	prior := []Prior{
		{Name: "fmt", Kind: "import", Text: "fmt"},
		{Name: "T", Kind: "type", Text: "type T struct{ n int }"},
		{Name: "T.String", Kind: "method", Text: "func (t *T) String() string { return fmt.Sprint(t.n) }"},
		{Name: "a", Kind: "var", Text: "a, b := T{}, &T{}"},
		{Name: "b", Kind: "var", Text: "a, b := T{}, &T{}"},
		{Name: "C", Kind: "const", Text: "const C"}, // a const group's implicit repetition: left out
	}
	cell := []Segment{{Kind: Stmt, Text: "var s fmt.Stringer = b\ns = a\n_ = s", Line: 1, Col: 1}}
	got := c.Check(prior, cell, nil)
	if len(got) != 1 || got[0].Line != 2 || !strings.HasSuffix(got[0].Msg, "(method String has pointer receiver)") {
		t.Fatalf("got %+v, want the pointer-receiver error on line 2", got)
	}
	// The cell redefines a as a pointer: the earlier a is not used.
	cell = []Segment{{Kind: Stmt, Text: "a := &T{}\nvar s fmt.Stringer = a\n_ = s", Line: 1, Col: 1}}
	if got := c.Check(prior, cell, nil); got != nil {
		t.Fatalf("got %v, want nothing", got)
	}
}

// TestCheckStaleVariableLeftOut: a variable whose initialiser now gives a
// struct while the interpreter holds a pointer (the func it called was
// redefined since) is left out rather than trusted.
func TestCheckStaleVariableLeftOut(t *testing.T) {
	c := newTestChecker(nil)
	prior := []Prior{
		{Name: "fmt", Kind: "import", Text: "fmt"},
		{Name: "T", Kind: "type", Text: "type T struct{}"},
		{Name: "T.String", Kind: "method", Text: "func (t *T) String() string { return \"\" }"},
		{Name: "mk", Kind: "func", Text: "func mk() T { return T{} }"},
		{Name: "v", Kind: "var", Text: "v := mk()"},
	}
	typ := reflect.TypeFor[*struct{}]()
	typeOf := func(name string) reflect.Type {
		if name == "v" {
			return typ
		}
		return nil
	}
	if got := c.Check(prior, []Segment{{Kind: Var, Text: "var s fmt.Stringer = v", Line: 1, Col: 1}}, typeOf); got != nil {
		t.Fatalf("got %v, want nothing", got)
	}
	typ = reflect.TypeFor[struct{}]()
	if got := c.Check(prior, []Segment{{Kind: Var, Text: "var s fmt.Stringer = v", Line: 1, Col: 1}}, typeOf); len(got) != 1 {
		t.Fatalf("got %v, want the pointer-receiver error", got)
	}
}

func TestValueDecl(t *testing.T) {
	cases := []struct {
		p    Prior
		want string
	}{
		{Prior{Name: "x", Kind: "var", Text: "x := 1"}, "var x = 1"},
		{Prior{Name: "b", Kind: "var", Text: "a, b := 1, \"s\""}, `var b = "s"`},
		{Prior{Name: "b", Kind: "var", Text: "a, b, c := f()"}, "var _, b, _ = f()"},
		{Prior{Name: "y", Kind: "var", Text: "var x, y []int"}, "var y []int"},
		{Prior{Name: "y", Kind: "var", Text: "var x, y int = 1, 2"}, "var y int = 2"},
		{Prior{Name: "K", Kind: "const", Text: "const K = 1 << 3"}, "const K = 1 << 3"},
		{Prior{Name: "K", Kind: "const", Text: "const K"}, ""},
		{Prior{Name: "z", Kind: "var", Text: "z = 3"}, ""},
		{Prior{Name: "z", Kind: "var", Text: "z := ("}, ""},
	}
	for _, c := range cases {
		if got := valueDecl(c.p); got != c.want {
			t.Errorf("valueDecl(%q) = %q, want %q", c.p.Text, got, c.want)
		}
	}
}

// TestImporterMethodSets compares, for every defined type of every table,
// the method sets of T and *T that go/types computes from the converted
// type with what reflect reports: the pointer-receiver errors rest on them.
func TestImporterMethodSets(t *testing.T) {
	im := NewImporter(nil, stdlib.Symbols, unrestricted.Symbols)
	var paths []string
	for p := range im.tables {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	n := 0
	for _, p := range paths {
		pkg, err := im.Import(p)
		if err != nil {
			t.Errorf("import %s: %v", p, err)
			continue
		}
		merged := map[string]reflect.Value{} // later tables win, as in the importer
		for _, syms := range im.tables[p] {
			for name, v := range syms {
				merged[name] = v
			}
		}
		for name, v := range merged {
			if strings.HasPrefix(name, "_") || v.CanAddr() || v.Kind() != reflect.Pointer || !v.IsNil() {
				continue
			}
			rt := v.Type().Elem()
			obj := pkg.Scope().Lookup(name)
			if obj == nil {
				continue // an alias, left out on purpose
			}
			n++
			compareMethodSets(t, p+"."+name, obj.Type(), rt)
			compareMethodSets(t, "*"+p+"."+name, types.NewPointer(obj.Type()), reflect.PointerTo(rt))
		}
	}
	if n < 500 {
		t.Fatalf("only %d types compared", n)
	}
}

func compareMethodSets(t *testing.T, what string, typ types.Type, rt reflect.Type) {
	t.Helper()
	var want, got []string
	for i := 0; i < rt.NumMethod(); i++ {
		if m := rt.Method(i); m.IsExported() {
			want = append(want, m.Name)
		}
	}
	ms := types.NewMethodSet(typ)
	for i := 0; i < ms.Len(); i++ {
		if f := ms.At(i).Obj(); f.Exported() {
			got = append(got, f.Name())
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s: method set %v, reflect says %v", what, got, want)
	}
}

func TestCheckUnusedVariables(t *testing.T) {
	c := newTestChecker(nil)
	cases := []struct {
		name string
		cell []Segment
		want []string
	}{
		{"in a func", decl("func f() {\n\tx := 1\n}"), []string{"declared and not used: x"}},
		{"in a func literal", []Segment{{Kind: Stmt, Text: "g := func() { y := 2 }\ng()", Line: 1, Col: 1}}, []string{"declared and not used: y"}},
		{"cell level is global", []Segment{{Kind: Stmt, Text: "z := 3\nfor i := range 3 {}", Line: 1, Col: 1}}, nil},
		{"another error in the func hides uses", decl("func f() {\n\tx := 1\n\tundefinedCall(x)\n\tw := 2\n}"), []string{"undefined: undefinedCall"}},
		{"used in a closure", decl("func f() func() int {\n\tx := 1\n\treturn func() int { return x }\n}"), nil},
	}
	for _, tc := range cases {
		if got := msgs(c.Check(nil, tc.cell, nil)); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCheckValuesDroppedAmongTheCellsStatements(t *testing.T) {
	c := newTestChecker(nil)
	stmts := func(text string) []Segment { return []Segment{{Kind: Stmt, Text: text, Line: 1, Col: 1}} }
	cases := []struct {
		name, text string
		want       []string
	}{
		{"append's result in an if body", "nums := []int{1}\nif len(nums) > 0 {\n\tappend(nums, 3)\n}\nnums", []string{"append(nums, 3) (value of type []int) is not used"}},
		{"append's result before the last line", "nums := []int{1}\nappend(nums, 3)\nnums", []string{"append(nums, 3) (value of type []int) is not used"}},
		{"a comparison in a loop body", "x := 1\nfor range 2 {\n\tx == 2\n}", []string{"x == 2 (untyped bool value) is not used"}},
		{"the last expression is the cell's value", "nums := []int{1}\nappend(nums, 3)", nil},
		{"an expression before the last", "x := 2\nx * 2\nx + 1", nil},
	}
	for _, tc := range cases {
		if got := msgs(c.Check(nil, stmts(tc.text), nil)); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestCheckVarAfterStatements: a var declaration using a variable the
// cell's statements define is checked in order with them, as it runs.
func TestCheckVarAfterStatements(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "bytes"`, Line: 1, Col: 1},
		{Kind: Import, Text: `import "io"`, Line: 2, Col: 1},
		{Kind: Stmt, Text: "b := bytes.Buffer{}", Line: 3, Col: 1},
		{Kind: Var, Text: "var w io.Writer = b", Line: 4, Col: 1},
	}
	got := c.Check(nil, cell, nil)
	if len(got) != 1 || got[0].Line != 4 || got[0].Col != 19 {
		t.Fatalf("got %+v, want the pointer-receiver error at 4:19", got)
	}
}

func TestCheckPointerReceiverInATypeArgument(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "fmt"`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type T struct{}\nfunc (t *T) String() string { return \"t\" }\nfunc Show[S fmt.Stringer](s S) string { return s.String() }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "Show(T{})", Line: 5, Col: 1},
	}
	got := msgs(c.Check(nil, cell, nil))
	if len(got) != 1 || !strings.HasSuffix(got[0], "S (type T) does not satisfy fmt.Stringer (method String has pointer receiver)") {
		t.Fatalf("got %q", got)
	}
	cell[2].Text = "Show(&T{})"
	if got := c.Check(nil, cell, nil); got != nil {
		t.Fatalf("got %v for a valid call", got)
	}
}

func TestDisagree(t *testing.T) {
	celsius := types.NewNamed(types.NewTypeName(0, nil, "Celsius", nil), types.Typ[types.Float64], nil)
	cases := []struct {
		t    types.Type
		rt   reflect.Type
		want bool
	}{
		{types.NewPointer(celsius), reflect.TypeFor[*float64](), false},
		{types.NewPointer(celsius), reflect.TypeFor[float64](), true},
		{celsius, reflect.TypeFor[*float64](), true},
		{celsius, reflect.TypeFor[float64](), false},
		{celsius, reflect.TypeFor[string](), true},
		{types.NewSlice(types.Typ[types.Int]), reflect.TypeFor[[]string](), true},
		{types.NewSlice(types.Typ[types.Int]), reflect.TypeFor[[]int](), false},
		{types.NewMap(types.Typ[types.String], types.NewSlice(celsius)), reflect.TypeFor[map[string][]float64](), false},
		{types.NewMap(types.Typ[types.String], types.NewSlice(celsius)), reflect.TypeFor[map[string][]int](), true},
		{types.NewStruct(nil, nil), reflect.TypeFor[*struct{}](), true},
		{types.NewInterfaceType(nil, nil), reflect.TypeFor[struct{}](), false},
		{celsius, nil, false},
	}
	for _, c := range cases {
		if got := disagree(c.t, c.rt, 0); got != c.want {
			t.Errorf("disagree(%s, %v) = %v", c.t, c.rt, got)
		}
	}
}

func TestCheckReportsConstantOverflowAndDivisionByZero(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{{Kind: Decl, Text: "func f() (uint8, int) {\n\tconst c uint8 = 255\n\tn := 3\n\treturn c + 1, n / 0\n}", Line: 1, Col: 1}}
	got := msgs(c.Check(nil, cell, nil))
	if len(got) != 2 || !strings.Contains(got[0], "overflows uint8") || got[1] != "invalid operation: division by zero" {
		t.Fatalf("got %q", got)
	}
}

func TestCheckReportsAMultipleValueCallInASingleValueContext(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "fmt"`, Line: 1, Col: 1},
		{Kind: Decl, Text: `func two() (string, bool) { return "a", true }`, Line: 2, Col: 1},
		{Kind: Stmt, Text: `fmt.Println("x", two())`, Line: 3, Col: 1},
	}
	got := c.Check(nil, cell, nil)
	want := "multiple-value two() (value of type (string, bool)) in single-value context"
	if len(got) != 1 || got[0].Msg != want || got[0].Line != 3 || got[0].Col != 18 {
		t.Fatalf("got %+v, want %q at 3:18", got, want)
	}
}

func TestCheckReportsABareReturnOfAShadowedResult(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "strconv"`, Line: 1, Col: 1},
		{Kind: Decl, Text: "func parse(s string) (n int, err error) {\n\tif s != \"\" {\n\t\tn, err := strconv.Atoi(s)\n\t\t_ = n\n\t\treturn\n\t}\n\treturn\n}", Line: 2, Col: 1},
	}
	got := msgs(c.Check(nil, cell, nil))
	if len(got) != 2 || !strings.HasPrefix(got[0], "result parameter n not in scope at return") || !strings.HasPrefix(got[1], "result parameter err not in scope at return") {
		t.Fatalf("got %q, want the shadowed result refused", got)
	}
}

func TestCheckReportsStatementsGoRefuses(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"a field of a map element assigned", "type P struct{ X int }\nfunc f() {\n\tm := map[string]P{}\n\tm[\"a\"].X = 2\n}", `cannot assign to struct field m["a"].X in map`},
		{"the address of a map element", "func f() *int {\n\tm := map[string]int{}\n\treturn &m[\"a\"]\n}", `invalid operation: cannot take address of m["a"] (map index expression of type int)`},
		{"a variable used as a type", "func f() {\n\tn := 0\n\tvar x n\n\t_ = x\n}", "n (local variable) is not a type"},
		{"a func result sliced", "func get() [3]int { return [3]int{} }\nfunc f() []int { return get()[:2] }", "cannot slice unaddressable value get() (value of type [3]int)"},
		{"the address of a field of a func result", "type P struct{ N int }\nfunc get() P { return P{} }\nfunc f() *int { return &get().N }", "invalid operation: cannot take address of get().N (value of type int)"},
		{"a pointer method of a literal", "type T struct{ n int }\nfunc (t *T) Set(v int) { t.n = v }\nfunc f() { T{}.Set(1) }", "cannot call pointer method Set on T"},
		{"a float shifted", "func f(s uint) float64 {\n\tvar x float64 = 1 << s\n\treturn x\n}", "invalid operation: shifted operand 1 (type float64) must be integer"},
		{"goto over a declaration", "func f() {\n\tgoto end\n\tx := 1\n\t_ = x\nend:\n}", "goto end jumps over variable declaration at line 3"},
		{"a label declared twice", "func f() {\nL:\n\tfor {\n\t\tbreak L\n\t}\nL:\n\tfor {\n\t\tbreak L\n\t}\n}", "label L already declared"},
		{"an impossible case of a type switch on an error", "type E struct{}\nfunc (e *E) Error() string { return \"e\" }\nfunc f(err error) string {\n\tswitch err.(type) {\n\tcase E:\n\t\treturn \"E\"\n\t}\n\treturn \"other\"\n}", "impossible type switch case: E\n\terr (variable of interface type error) cannot have dynamic type E (method Error has pointer receiver)"},
		{"a struct field declared twice", "type P struct {\n\tName string\n\tAge  int\n\tName string\n}", "Name redeclared"},
		{"a label not used", "func f() {\nL:\n\tfor {\n\t}\n}", "label L declared and not used"},
		{"a duplicate case", "func f(x int) {\n\tswitch x {\n\tcase 1:\n\tcase 1:\n\t}\n}", "duplicate case 1 (constant of type int) in expression switch"},
		{"two defaults in a type switch", "func f(x any) {\n\tswitch x.(type) {\n\tdefault:\n\tdefault:\n\t}\n}", "multiple defaults (first at 3:2)"},
		{"two defaults in a select", "func f(c chan int) {\n\tselect {\n\tcase <-c:\n\tdefault:\n\tdefault:\n\t}\n}", "multiple defaults (first at 4:2)"},
		{"no new variables", "func f() {\n\tx := 1\n\tx := 2\n\t_ = x\n}", "no new variables on left side of :="},
		{"a second result dropped", "import \"strconv\"\nfunc f() int {\n\tn := strconv.Atoi(\"4\")\n\treturn n\n}", "assignment mismatch: 1 variable but strconv.Atoi returns 2 values"},
		{"a missing init expression", "func f() {\n\tvar a, b, c = 1, 2\n\t_, _, _ = a, b, c\n}", "missing init expr for c"},
		{"break outside a loop", "func f() {\n\tif true {\n\t\tbreak\n\t}\n}", "break not in for, switch, or select statement"},
		{"continue outside a loop", "func f() {\n\tcontinue\n}", "continue not in for statement"},
		{"append's result dropped", "func f(xs []int) {\n\tappend(xs, 3)\n}", "append(xs, 3) (value of type []int) is not used"},
		{"a type argument outside its constraint", "func Max[T int | float64](a, b T) T { return a }\nvar _ = Max(\"a\", \"b\")", "string does not satisfy int | float64"},
		{"errors.AsType of a type that is no error", "import \"errors\"\ntype Temporary interface{ Temporary() bool }\nfunc f(err error) bool {\n\t_, ok := errors.AsType[Temporary](err)\n\treturn ok\n}", "Temporary does not satisfy error (missing method Error)"},
		{"a func type containing itself", "type Lexer struct{}\ntype stateFn func(*Lexer) stateFn", "type stateFn contains itself through its func type"},
		{"a map type containing itself", "type Tree map[string]Tree", "type Tree contains itself through its map type"},
		{"a range over a pointer to a slice", "func f() {\n\tfor range &[]int{1} {\n\t}\n}", "cannot range over &[]int{…} (value of type *[]int)"},
		{"a range over an any", "func f(s any) {\n\tfor range s {\n\t}\n}", "cannot range over s (variable of interface type any)"},
		{"an index of a type parameter constrained by any", "func First[T any](x T) any { return x[0] }", "cannot index x (variable of type T constrained by any)"},
		{"a deferred conversion", "type F func()\nfunc f() {\n\tdefer F(func() {})\n}", "defer requires function call, not conversion"},
		{"a type that is not generic given type arguments", "type P struct{ X int }\nvar _ = P[int]{1}", "invalid operation: P[int] (P is not a generic type)"},
		{"a generic func as a value it cannot be", "func Rev[T any](s []T) {}\nvar _ = any(Rev)", "cannot use generic function Rev without instantiation"},
		{"min of nothing", "var _ = min()", "invalid operation: not enough arguments for min() (expected 1, found 0)"},
		{"a field typo in a method of a generic type", "type Box[T any] struct{ v T }\nfunc (b Box[T]) Get() T { return b.value }", "b.value undefined (type Box[T] has no field or method value)"},
		{"a method of a slice of a type parameter", "func Count[T any](xs []T) int { return xs.Len() }", "xs.Len undefined (type []T has no field or method Len)"},
		{"an unknown field in a generic func", "type Rect struct{ W, H int }\nfunc Mk[T any](x T) Rect { return Rect{Width: 1, H: 2} }", "unknown field Width in struct literal of type Rect"},
		{"a package member misspelt in a generic func", "import \"strings\"\nfunc Up[T ~string](s T) string { return strings.ToUpperr(string(s)) }", "undefined: strings.ToUpperr"},
		{"a duplicate key in a generic func", "func Keys[T any](x T) map[string]int { return map[string]int{\"a\": 1, \"a\": 2} }", `duplicate key "a" in map literal`},
		{"a func without results used as a value", "func hello() {}\nfunc f() {\n\tx := hello()\n\t_ = x\n}", "hello() (no value) used as value"},
		{"an index expression declared with :=", "func f() {\n\ts := make([]int, 3)\n\ts[0] := 7\n}", "non-name s[0] on left side of :="},
		{"a name repeated on the left of :=", "func f() int {\n\tx, x := 1, 2\n\treturn x\n}", "x repeated on left side of :="},
		{"an interface method named _", "type I interface {\n\t_()\n\tM()\n}", "methods must have a unique non-blank name"},
		{"an increment of a type parameter constrained by any", "func Next[T any](x T) T {\n\tx++\n\treturn x\n}", "invalid operation: x++ (non-numeric type T)"},
		{"a receive from a type parameter constrained by any", "func First[T any](ch T) {\n\t<-ch\n}", "invalid operation: cannot receive from ch (variable of type T constrained by any): no specific channel type"},
		{"a type parameter constrained by any as a condition", "func Check[T any](x T) {\n\tif x {\n\t}\n}", "non-boolean condition in if statement"},
		{"a constant of a type parameter's type", "func Zero[T int | float64]() T {\n\tconst z T = 0\n\treturn z\n}", "invalid constant type T"},
		{"a type parameter as a constraint", "func F[T any, U T](x U) {}", "cannot use a type parameter as constraint"},
		{"an interface with methods in a union", "import \"fmt\"\ntype C interface{ int | fmt.Stringer }", "cannot use fmt.Stringer in union (fmt.Stringer contains methods)"},
		{"overlapping terms", "type C interface{ ~int | int }", "overlapping terms int and ~int"},
		{"a tilde of an interface", "type C interface{ ~error }", "invalid use of ~ (error is an interface)"},
		{"a switch on a struct that is not comparable", "type Route struct{ Parts []string }\nfunc f(r Route) {\n\tswitch r {\n\tcase Route{}:\n\t}\n}", "cannot switch on r (variable of struct type Route) (Route is not comparable)"},
		{"a method on an instance through an alias", "type Stack[T any] struct{ items []T }\ntype IntStack = Stack[int]\nfunc (s IntStack) Sum() int { return 0 }", "cannot define new methods on instantiated type Stack[int]"},
		{"a name clashing with a dot import", "import . \"fmt\"\nfunc Println(a ...any) {}\nvar _ = Sprint", "Println already declared through dot-import of package fmt (\"fmt\")"},
		{"a declaration in a for loop's post statement", "func f() int {\n\ttotal := 0\n\tfor i := 0; i < 5; j := i + 1 {\n\t\ttotal += i\n\t\ti = j\n\t}\n\treturn total\n}", "syntax error: cannot declare in post statement of for loop"},
		{"a shift count beyond Go's constants", "const scale = 1 << 2000 >> 1995", "invalid operation: invalid shift count 2000 (untyped int constant)"},
		{"a constant beyond 512 bits", "const k = 1 << 300\nconst t = k * k", "constant multiplication overflow"},
		{"a conversion to a constraint", "type Number interface{ ~int | ~float64 }\nfunc f(x int) any { return Number(x) }", "cannot use interface Number in conversion (contains specific type constraints or is comparable)"},
		{"a receiver with too few type parameters", "type Cache[K comparable, V any] struct{ m map[K]V }\nfunc (c *Cache[K]) Name() string { return \"lru\" }", "receiver declares 1 type parameter, but receiver base type declares 2"},
		{"a constraint with an empty type set", "type IDish interface {\n\tint\n\tstring\n}\nfunc F[T IDish](x T) {}\nvar _ = func() int { F(42); return 0 }", "cannot satisfy IDish (empty type set)"},
		{"a union with no core type sliced", "func Head[R ~[]int | ~[]string](r R, n int) R { return r[:n] }", "cannot slice r (variable of type R constrained by ~[]int | ~[]string): []int and []string have different underlying types"},
		{"an any compared with a struct holding a slice", "type Cart struct{ Items []string }\nvar empty = Cart{}\nfunc f(v any) bool { return v == empty }", "invalid operation: v == empty (struct containing []string cannot be compared)"},
		{"an any compared with a map type's value", "type Settings map[string]string\nfunc f(v any, s Settings) bool { return v == s }", "invalid operation: v == s (map can only be compared to nil)"},
		{"a struct given to println", "type Point struct{ X, Y int }\nfunc f() { println(Point{1, 2}) }", "illegal types for operand: println\n\tPoint"},
		{"generic types referring to each other", "type Graph[K comparable] struct{ nodes map[K]*Node[K] }\ntype Node[K comparable] struct {\n\tg   *Graph[K]\n\tkey K\n}", "generic types Graph and Node refer to each other, which the interpreter (yaegi v0.16.1) cannot build (it runs out of stack); let one of them hold the other through an interface or any, or make one of them non-generic"},
		{"main declared as a variable", "var main = func() {}", "cannot declare main - must be func"},
		{"an import named init", "import init \"strings\"\nvar _ = init.ToUpper", "cannot import package as init - init must be a func"},
		{"an instantiation cycle", "func Nest[T any](v T, d int) any {\n\tif d == 0 {\n\t\treturn v\n\t}\n\treturn Nest([]T{v}, d-1)\n}", "instantiation cycle:\n\t5:9: T instantiated as []T"},
		{"a func declared twice", "func hello() {}\nfunc hello() {}", "hello redeclared in this block"},
		{"a method declared twice", "type T struct{}\nfunc (T) M() {}\nfunc (*T) M() {}", "method T.M already declared at 2:10"},
		{"a string element assigned", "func f(s string) {\n\ts[0] = 'G'\n}", "cannot assign to s[0] (neither addressable nor a map index expression)"},
		{"nil as a string", "func f() string {\n\treturn nil\n}", "cannot use nil as string value in return statement"},
		{"a float constant truncated", "var x int = 3.7", "cannot use 3.7 (untyped float constant) as int value in variable declaration (truncated)"},
		{"a method of a pointer to an interface", "type S interface{ A() int }\nfunc f(s S) int {\n\tp := &s\n\treturn p.A()\n}", "p.A undefined (type *S is pointer to interface, not interface)"},
		{"an int compared with nil", "func f(n int) bool {\n\treturn n == nil\n}", "invalid operation: n == nil (mismatched types int and untyped nil)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := msgs(newTestChecker(nil).Check(nil, decl(tc.text), nil))
			if len(got) < 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheckReportsCodeGoRefusesThatTheInterpreterRuns(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"an operator a constraint does not allow", "func Max[T any](a, b T) T {\n\tif a < b {\n\t\treturn b\n\t}\n\treturn a\n}", "invalid operation: a < b (type parameter T cannot use operator <)"},
		{"== under any", "func Eq[T any](a, b T) bool { return a == b }", "invalid operation: a == b (incomparable types in type set)"},
		{"too many type arguments", "func Id[T any](x T) T { return x }\nvar _ = Id[int, string](1)", "got 2 type arguments but want 1"},
		{"a generic func not instantiated", "func Id[T any](x T) T { return x }\nfunc f() { g := Id; _ = g }", "cannot use generic function Id without instantiation"},
		{"a type argument a cell's func cannot infer", "func Zero[T any]() T { var z T; return z }\nfunc f() { _ = Zero() }", "in call to Zero, cannot infer T"},
		{"fallthrough in a type switch", "func f(x any) {\n\tswitch x.(type) {\n\tcase int:\n\t\tfallthrough\n\tcase string:\n\t}\n}", "cannot fallthrough in type switch"},
		{"iota outside a constant", "func f() int { x := iota; return x }", "cannot use iota outside constant declaration"},
		{"a variable as a constant", "func f() int { x := 3; const c = x; return c }", "x (variable of type int) is not constant"},
		{"a field and a method of one name", "type T struct{ M int }\nfunc (T) M() {}", "field and method with the same name M"},
		{"an ambiguous selector", "type A struct{ F int }\ntype B struct{ F int }\ntype C struct {\n\tA\n\tB\n}\nfunc f(c C) int { return c.F }", "ambiguous selector c.F"},
		{"init with a parameter", "func init(x int) {}", "func init must have no arguments and no return values"},
		{"a result deferred away", "func f(s []int) { defer len(s) }", "defer discards result of len(s)"},
		{"a method on an interface", "type I interface{ M() }\nfunc (i I) N() {}", "invalid receiver type I (pointer or interface type)"},
		{"a recursive struct", "type T struct{ t T }", "invalid recursive type"},
		{"a goto to no label", "func f() { goto L }", "label L not declared"},
		{"an int called", "func f() { x := 3; x() }", "invalid operation: cannot call x (variable of type int): int is not a function"},
		{"a send on a receive-only channel", "func f(c <-chan int) { c <- 1 }", "invalid operation: cannot send to receive-only channel"},
		{"a package's unexported field", "import \"time\"\nfunc f() { _ = time.Time{}.wall }", "time.Time{}.wall undefined (cannot refer to unexported field wall)"},
		{"a package's unexported field in a literal", "import \"time\"\nvar _ = time.Time{wall: 1}", "cannot refer to unexported field wall in struct literal of type time.Time"},
		{"a type as a value", "func f() { x := int; _ = x }", "int (type) is not an expression"},
		{"a value method expression of a pointer method", "type T struct{}\nfunc (t *T) M() {}\nfunc f() { g := T.M; _ = g }", "invalid method expression T.M (needs pointer receiver (*T).M)"},
		{"an unused constant expression", "func f() { 1 + 2 }", "1 + 2 (untyped int constant 3) is not used"},
		{"a select case that is no communication", "func f(x int) {\n\tselect {\n\tcase x > 0:\n\t}\n}", "select case must be send or receive"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := msgs(newTestChecker(nil).Check(nil, decl(tc.text), nil))
			if len(got) < 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheckLeavesACellsTopLevelValueAlone(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{{Kind: Stmt, Text: "xs := []int{1}\nxs[0] * 2\nlen(xs) + 1", Line: 1, Col: 1}}
	if got := c.Check(nil, cell, nil); got != nil {
		t.Fatalf("got %+v, want nothing: a cell's top-level expressions are its values (append's excepted)", got)
	}
}

func TestCheckReportsUndefinedPlainNames(t *testing.T) {
	c := newTestChecker(nil)
	prior := []Prior{{Name: "fmt", Kind: "import", Text: "fmt"}, {Name: "stale", Kind: "var", Text: "stale := undefinedHere()"}}
	held := func(name string) reflect.Type {
		if name == "held" {
			return reflect.TypeFor[int]()
		}
		return nil
	}
	cases := []struct {
		name, stmt string
		want       []string
	}{
		{"a typo", "fmt.Println(totl)", []string{"undefined: totl"}},
		{"a forgotten import", `strings.ToUpper("a")`, []string{"undefined: strings"}},
		{"an earlier cell's name the check could not type", "fmt.Println(stale)", nil},
		{"a name the interpreter holds", "fmt.Println(held)", nil},
		{"a package member may be missing from the tables", "fmt.NoSuchFunc()", nil},
	}
	for _, tc := range cases {
		got := msgs(c.Check(prior, []Segment{{Kind: Stmt, Text: tc.stmt, Line: 1, Col: 1}}, held))
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCheckReportsMissingFieldsAndMethods(t *testing.T) {
	c := newTestChecker(nil)
	prior := []Prior{{Name: "sync", Kind: "import", Text: "sync"}, {Name: "log", Kind: "import", Text: "log"},
		{Name: "P", Kind: "type", Text: "type P struct{ Name string }"}}
	cases := []struct {
		name, stmt string
		want       []string
	}{
		{"a method of a package's type", "var wg sync.WaitGroup\nwg.Wiat()", []string{"wg.Wiat undefined (type sync.WaitGroup has no field or method Wiat)"}},
		{"a field of a cell's type", "p := &P{}\n_ = p.Nmae", []string{"p.Nmae undefined (type *P has no field or method Nmae)"}},
		{"a type whose methods the tables may lack", "l := log.Default()\nl.NoSuchMethod()", nil},
	}
	for _, tc := range cases {
		got := msgs(c.Check(prior, []Segment{{Kind: Stmt, Text: tc.stmt, Line: 1, Col: 1}}, nil))
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
