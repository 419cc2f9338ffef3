package typecheck

import (
	"reflect"
	"testing"
)

func TestFactsLabelComparisonsWithAnInterfaceOperand(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import ("errors"; "io")`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type NotFound struct{ Name string }\nfunc (e *NotFound) Error() string { return e.Name }\ntype Code int\nfunc (c Code) Error() string { return \"c\" }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "orig := &NotFound{}\nvar e error = orig\nvar a any = 3\n" +
			"_ = e == orig\n" + // 9: interface, cell pointer
			"_ = a != 3\n" + // 10: untyped constant: its default type
			"_ = e == io.EOF || e == nil\n" + // 11: two interfaces; nil is left
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
	wantCases := map[Pos]Compare{{15, 6}: {"", ""}, {15, 29}: {"", "main.Code"}}
	if got := c.Facts().Cases; !reflect.DeepEqual(got, wantCases) {
		t.Errorf("cases: got %v, want %v", got, wantCases)
	}
}
