package typecheck

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestFactsLabelComparisonsWithAnInterfaceOperand(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import ("errors"; "io")`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type NotFound struct{ Name string }\nfunc (e *NotFound) Error() string { return e.Name }\ntype Code int\nfunc (c Code) Error() string { return \"c\" }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "orig := &NotFound{}\nvar e error = orig\nvar a any = 3\n" +
			"_ = e == orig\n" + // 9: interface, cell pointer
			"_ = a != 3\n" + // 10: untyped constant: its default type
			"_ = e == error(orig) || e == nil || e == io.EOF\n" + // 11: two interfaces; nil and a compiled package's variable are left
			"_ = Code(1) == Code(2)\n" + // 12: no interface
			"_ = a == [1]Code{}\n" + // 13: a composite of a cell type has no label
			"switch e {\ncase errors.ErrUnsupported, Code(2):\n}", Line: 6, Col: 1},
	}
	cell[1].Text += "\nfunc Index[T comparable](xs []T, x T) bool { return xs[0] == x }"
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	want := map[Pos]Compare{{6, 59}: {SameType, SameType}, {9, 7}: {"", "*main.NotFound"}, {10, 7}: {"", "int"}, {11, 7}: {"", ""}}
	if got := c.Facts().Compares; !reflect.DeepEqual(got, want) {
		t.Errorf("comparisons: got %v, want %v", got, want)
	}
	wantCases := map[Pos]Compare{{15, 29}: {"", "main.Code"}}
	if got := c.Facts().Cases; !reflect.DeepEqual(got, wantCases) {
		t.Errorf("cases: got %v, want %v", got, wantCases)
	}
}

// The helper costs a call: comparisons whose interfaces cannot hold an
// interpreted type are left to the interpreter, which gets them right.
func TestFactsLeaveComparisonsOfCompiledValuesAlone(t *testing.T) {
	stmts := "var e error\nvar s fmt.Stringer\nvar a any\n_ = e == io.EOF\n_ = s == nil || s == s\n_ = a == 3"
	cases := []struct {
		name  string
		prior []Prior
		decl  string
		want  map[Pos]Compare
	}{
		{"no type declared anywhere", nil, "", map[Pos]Compare{}},
		{"a type that is no error nor Stringer: only any may hold it", nil, "type Point struct{ X int }",
			map[Pos]Compare{{8, 7}: {"", "int"}}},
		{"a Stringer type: the Stringer comparison too", nil, "type Point struct{ X int }\nfunc (p *Point) String() string { return \"p\" }",
			map[Pos]Compare{{8, 7}: {"", "int"}, {7, 19}: {"", ""}}},
		{"an earlier cell's type the cell does not reach: anything but a compiled package's variable", []Prior{{Name: "Far", Kind: "type", Text: "type Far int"}}, "",
			map[Pos]Compare{{7, 19}: {"", ""}, {8, 7}: {"", "int"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestChecker(nil)
			cell := []Segment{{Kind: Import, Text: `import ("fmt"; "io")`, Line: 1, Col: 1},
				{Kind: Decl, Text: tc.decl + "\n", Line: 2, Col: 1}, {Kind: Stmt, Text: stmts, Line: 3, Col: 1}}
			if p := c.Check(tc.prior, cell, nil); p != nil {
				t.Fatalf("problems: %v", p)
			}
			if got := c.Facts().Compares; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// A package the interpreter runs from source has types it builds too:
// an interface may hold them (the comparison goes to the helper), but
// the helper cannot match them by name, so one compared with its
// concrete type is left to the interpreter.
func TestFactsOfTypesFromPackagesInterpretedFromSource(t *testing.T) {
	src := fstest.MapFS{"src/geo/geo.go": {Data: []byte("package geo\ntype P struct{ X int }\nfunc (p *P) String() string { return \"p\" }\nvar Origin = &P{}\n")}}
	c := newTestChecker(src)
	cell := []Segment{{Kind: Import, Text: `import ("fmt"; "geo")`, Line: 1, Col: 1},
		{Kind: Stmt, Text: "var s fmt.Stringer = geo.Origin\n_ = s == fmt.Stringer(geo.Origin)\n_ = s == geo.Origin", Line: 2, Col: 1}}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	want := map[Pos]Compare{{3, 7}: {"", ""}}
	if got := c.Facts().Compares; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
