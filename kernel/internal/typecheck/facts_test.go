package typecheck

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// mapsSource stands in for the evaluator's maps package.
var mapsSource = fstest.MapFS{"src/maps/maps.go": {Data: []byte(`package maps
func Keys[K comparable, V any](m map[K]V) func(yield func(K) bool) { return nil }
`)}}

func TestFactsNameTheElementTypesOfIteratorCalls(t *testing.T) {
	c := newTestChecker(mapsSource)
	cell := []Segment{
		{Kind: Import, Text: `import "maps"`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type Planet struct{ Moons int }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "byName := map[string]Planet{}\nks := maps.Keys(byName)\n_ = ks", Line: 3, Col: 1},
		{Kind: Decl, Text: "func g[T comparable](m map[T]int) { _ = maps.Keys(m) }", Line: 6, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	want := map[Pos]SeqCall{{4, 12}: {Pkg: "maps", Func: "Keys", Types: []string{"string", "Planet"}}}
	// The call inside the generic func has a type parameter: no concrete version.
	if got := c.Facts().Seqs; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestFactsLabelTheTypeArgumentsInterpretersMisname(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "fmt"`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type Celsius float64\ntype Point struct{ X int }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "c := Celsius(1)\nvar v any = c\n" +
			"fmt.Printf(\"%T %v %*d %T %T %T\\n\", c, c, 3, 4, []Celsius{}, v, Point{})\n" +
			"fmt.Printf(\"%[1]v %[1]T %[2]T\\n\", c, 2)\n" +
			"fmt.Printf(\"%T %T %T\", map[byte]Celsius{}, (<-chan rune)(nil), 1.5)\n" +
			"fmt.Println(fmt.Sprintf(\"%v\", c))", Line: 4, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	got := c.Facts().TypeNames
	want := map[Pos][]string{{6, 5}: {"", "main.Celsius", "", "", "", "[]main.Celsius", "?", "main.Point"},
		{7, 5}: {"", "main.Celsius", "="}, // explicit indexes: each argument labelled where a %T prints it
		{8, 5}: {"", "map[uint8]main.Celsius", "=", "="}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestArgVerbs(t *testing.T) {
	cases := []struct {
		format string
		want   string
		ok     bool
	}{
		{"%T and %v", "Tv", true},
		{"%-8.3f|%+d|%#x %%", "fdx", true},
		{"%*d %.*s", "\x00d\x00s", true},
		{"%[2]T", "", false},
		{"trailing %", "", true},
	}
	for _, tc := range cases {
		got, ok := argVerbs(tc.format)
		if string(got) != tc.want || ok != tc.ok {
			t.Errorf("argVerbs(%q) = %q, %v; want %q, %v", tc.format, string(got), ok, tc.want, tc.ok)
		}
	}
}

func TestFactsCopyOnlyGenericFuncsWhoseNamesMeanTheSameAtTheCall(t *testing.T) {
	c := newTestChecker(nil)
	prior := []Prior{
		{Name: "limit", Kind: "var", Text: "var limit = 2"},
		{Name: "Apply", Kind: "func", Text: "func Apply[T any](x T, f func(T) T) T { if limit > 0 { return f(x) }; return x }"},
	}
	cell := []Segment{{Kind: Stmt, Text: "a := Apply(1, func(n int) int { return n + 1 })\n" +
		"func() { limit := 0; _ = limit; _ = Apply(\"s\", func(s string) string { return s }) }()\n_ = a", Line: 1, Col: 1}}
	if p := c.Check(prior, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	got := c.Facts().Generics
	if len(got) != 1 {
		t.Fatalf("want one copyable call (the second one's `limit` is a local there), got %v", got)
	}
	g, ok := got[Pos{1, 6}]
	if !ok || !reflect.DeepEqual(g.TypeParams, []string{"T"}) || !reflect.DeepEqual(g.TypeArgs, []string{"int"}) || !strings.Contains(g.Decl, "return f(x)") {
		t.Errorf("got %+v", got)
	}
}

func TestFactsTellWhatRangeLoopsRangeOver(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Decl, Text: "type N int\ntype Pairs func(yield func(string, int) bool)", Line: 1, Col: 1},
		{Kind: Stmt, Text: "var n N = 2\nps := []Pairs{nil}\nfor range n {}\nfor k, v := range ps[0] { _, _ = k, v }\nfor range []int{} {}", Line: 3, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	want := map[Pos]RangeFact{
		{5, 1}: {X: "n", Int: true, Type: "N"},
		{6, 1}: {X: "ps[0]", Arity: 2, Type: "Pairs"},
		{7, 1}: {X: "[]int{}"}, // known, and neither: the evaluator takes the checker's word over its guess by name
	}
	if got := c.Facts().Ranges; !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestFactsShapeWhatAJSONEncoderEncodes(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import ("encoding/json"; "os")`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type Temp float64\nfunc (t Temp) MarshalText() ([]byte, error) { return nil, nil }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "enc := json.NewEncoder(os.Stdout)\nenc.Encode([]Temp{1.25})\nb, _ := json.Marshal([]Temp{})\n_ = b", Line: 4, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	want := map[Pos]string{{5, 5}: "[]main.Temp", {6, 14}: "[]main.Temp"}
	if got := c.Facts().JSONShapes; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestFactsShapeWhatXMLEncodes(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import ("encoding/xml"; "os")`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type Temp float64\nfunc (t Temp) MarshalXMLAttr(n xml.Name) (xml.Attr, error) { return xml.Attr{}, nil }\ntype P struct{ N int }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "enc := xml.NewEncoder(os.Stdout)\nenc.Encode(Temp(1))\nenc.EncodeElement(P{}, xml.StartElement{})\nb, _ := xml.Marshal([]Temp{})\n_ = b", Line: 5, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	// Every call, so that the root element is named: "_" names no type with methods.
	want := map[Pos]string{{6, 5}: "main.Temp", {7, 5}: "_", {8, 13}: "[]main.Temp"}
	if got := c.Facts().XMLValues; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestFactsNameTheCellTypeSlicesFunctionsReturn(t *testing.T) {
	// Shims as the evaluator's: written for []E, checked as Go's.
	c := newTestChecker(fstest.MapFS{
		"src/slices/s.go": {Data: []byte("package slices\n\n//golessons:check func Clone[S ~[]E, E any](s S) S\nfunc Clone[E any](s []E) []E { return s }\n")},
		"src/maps/m.go":   {Data: []byte("package maps\n\n//golessons:check func Clone[M ~map[K]V, K comparable, V any](m M) M\nfunc Clone[K comparable, V any](m map[K]V) map[K]V { return m }\n")},
	})
	cell := []Segment{
		{Kind: Import, Text: `import ("maps"; "slices")`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type Tags []string\nfunc (t Tags) Len() int { return len(t) }\ntype Inv map[string]int", Line: 2, Col: 1},
		{Kind: Stmt, Text: "t := Tags{}\nn := slices.Clone(t).Len()\nm := maps.Clone(Inv{})\ns := slices.Clone([]int{})\n_, _, _ = n, m, s", Line: 5, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v (the checker must see Go's signatures, where Clone returns a Tags)", p)
	}
	want := map[Pos]string{{6, 18}: "Tags", {7, 16}: "Inv"}
	if got := c.Facts().NamedResults; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestFactsNameTheCellInterfacesErrorsAsTargets(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import ("errors"; "io/fs")`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type Timeouter interface{ Timeout() bool }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "var err error\nvar t Timeouter\nvar lit interface{ Temporary() bool }\nvar pe *fs.PathError\nvar e error\n" +
			"_ = errors.As(err, &t)\n_ = errors.As(err, &lit)\n_ = errors.As(err, &pe)\n_ = errors.As(err, &e)", Line: 3, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	want := map[Pos]string{{8, 12}: "Timeouter", {9, 12}: "interface{Temporary() bool}"}
	if got := c.Facts().AsTargets; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestFactsNameTheTypesOfReflectTypeOfArguments(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "reflect"`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type Celsius float64\ntype P struct{ X int }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "var a any\nvar e error\n_ = reflect.TypeOf(Celsius(1))\n_ = reflect.TypeOf(P{})\n_ = reflect.TypeOf(a)\n_ = reflect.TypeOf(e)\n_ = reflect.TypeOf(1.5)", Line: 4, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	// Not a struct (reflect names it), an error (its value carries its
	// type) nor a float64.
	want := map[Pos]string{{6, 13}: "main.Celsius", {8, 13}: "?"}
	if got := c.Facts().NamedTypeOfs; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}
