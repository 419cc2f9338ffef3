package typecheck

import (
	"reflect"
	"strings"
	"testing"
)

func TestFactsNameTheElementTypesOfMapIndexes(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Decl, Text: "type Point struct{ X int }", Line: 1, Col: 1},
		{Kind: Stmt, Text: "m := map[string][]Point{}\nv, ok := m[\"a\"]\nxs := []int{1}\n_, _, _ = v, ok, xs[0]", Line: 2, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	// The slice index is no map index.
	want := map[Pos]string{{3, 11}: "[]Point"}
	if got := c.Facts().MapElems; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// An interface case lists the cell types implementing it, those of
// earlier cells too, T and *T apart; a case of another type lists the
// types the interpreter cannot tell from it, but only those the switched
// interface can hold.
func TestFactsOfTypeSwitchCasesAndAssertions(t *testing.T) {
	c := newTestChecker(nil)
	prior := []Prior{
		{Name: "Rect", Kind: "type", Text: "type Rect struct{ W float64 }"},
		{Name: "Rect.Area", Kind: "method", Text: "func (r Rect) Area() float64 { return r.W }"},
		{Name: "Sq", Kind: "type", Text: "type Sq struct{ S float64 }"},
		{Name: "Sq.Area", Kind: "method", Text: "func (s *Sq) Area() float64 { return s.S }"},
		{Name: "Celsius", Kind: "type", Text: "type Celsius float64"},
		{Name: "Code", Kind: "type", Text: "type Code int"},
		{Name: "Code.Error", Kind: "method", Text: "func (c Code) Error() string { return \"\" }"},
	}
	cell := []Segment{
		{Kind: Decl, Text: "type Shape interface{ Area() float64 }", Line: 1, Col: 1},
		{Kind: Stmt, Text: "var a any\nswitch a.(type) {\ncase Shape, float64:\n}\nvar err error\nc, ok := err.(Code)\n_, _ = c, ok", Line: 2, Col: 1},
	}
	if p := c.Check(prior, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	want := map[Pos]CaseType{
		{4, 6}:  {Iface: true, Impls: []string{"Rect", "*Rect", "*Sq"}, Methods: []string{"Area"}},
		{4, 13}: {Twins: []string{"Celsius"}},
		{7, 15}: {}, // an error cannot hold an int
	}
	if got := c.Facts().CaseTypes; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// Go rejects a type switch variable no clause uses, in a func and at a
// cell's top level alike (it is local to the clauses there too); an
// import the cell does not use is no reason to doubt it.
func TestCheckUnusedTypeSwitchVariable(t *testing.T) {
	c := newTestChecker(nil)
	cases := []struct {
		name string
		cell []Segment
		want []string
	}{
		{"in a func", decl("func f(a any) {\n\tswitch x := a.(type) {\n\tcase int:\n\t}\n}"), []string{"x declared and not used"}},
		{"at top level, with an unused import", []Segment{{Kind: Import, Text: `import "strings"`, Line: 1, Col: 1},
			{Kind: Var, Text: "var a any = 1", Line: 2, Col: 1}, {Kind: Stmt, Text: "switch x := a.(type) {\ncase int:\n}", Line: 3, Col: 1}},
			[]string{"x declared and not used"}},
		{"used in one clause", decl("func f(a any) int {\n\tswitch x := a.(type) {\n\tcase int:\n\t\treturn x\n\tcase string:\n\t}\n\treturn 0\n}"), nil},
		{"another error may hide the use", []Segment{{Kind: Var, Text: "var a any = 1", Line: 1, Col: 1},
			{Kind: Stmt, Text: "switch x := a.(type) {\ncase int:\n\tundefinedCall()\n}", Line: 2, Col: 1}}, []string{"undefined: undefinedCall"}},
	}
	for _, tc := range cases {
		if got := msgs(c.Check(nil, tc.cell, nil)); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
