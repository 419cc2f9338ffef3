package eval

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"strings"
	"testing"
)

// The two-value forms at a cell's top level run as they do inside a
// func: map index, type assertion, receive, each with := and var, blank
// names on either side, and names declared before.
func TestTopLevelCommaOkForms(t *testing.T) {
	const setup = "import (\"fmt\"; \"strconv\")\ntype P struct{ X int }\nm := map[string]int{\"a\": 1}\nvar a any = 3"
	cases := []cellCase{
		{name: "map index found", cells: []string{setup, "v, ok := m[\"a\"]\nfmt.Sprint(v, ok)"}, text: `"1 true"`},
		{name: "map index missing", cells: []string{setup, "v, ok := m[\"b\"]\nfmt.Sprint(v, ok)"}, text: `"0 false"`},
		{name: "map index as var", cells: []string{setup, "var v, ok = m[\"a\"]\nv++\nfmt.Sprint(v, ok)"}, text: `"2 true"`},
		{name: "map index, blank value", cells: []string{setup, "_, ok := m[\"zz\"]\nok"}, text: "false"},
		{name: "map index, blank ok", cells: []string{setup, "v, _ := m[\"a\"]\nv"}, text: "1"},
		{name: "map of slices of cell structs", cells: []string{setup, "pm := map[P][]P{{1}: {{2}}}\nps, found := pm[P{1}]\nps = append(ps, P{3})\nfmt.Sprint(ps, found)"}, text: `"[{2} {3}] true"`},
		{name: "nested map index", cells: []string{setup, "nm := map[string]map[string]int{\"x\": {\"y\": 2}}\ny, ok := nm[\"x\"][\"y\"]\nfmt.Sprint(y, ok)"}, text: `"2 true"`},
		{name: "redeclares v of the same cell", cells: []string{setup, "w := 7\nw, ok := m[\"a\"]\nw++\nfmt.Sprint(w, ok)"}, text: `"2 true"`},
		{name: "redeclares v of an earlier cell", cells: []string{setup, "v, ok := m[\"a\"]", "v, ok := m[\"b\"]\nfmt.Sprint(v, ok)"}, text: `"0 false"`},
		{name: "plain assignment", cells: []string{setup, "var v int\nvar ok bool\nv, ok = m[\"a\"]\nfmt.Sprint(v, ok)"}, text: `"1 true"`},
		{name: "type assertion holds", cells: []string{setup, "n, ok := a.(int)\nn++\nfmt.Sprint(n, ok)"}, text: `"4 true"`},
		{name: "type assertion fails", cells: []string{setup, "var s, ok = a.(string)\nfmt.Sprintf(\"%q %v\", s, ok)"}, text: `"\"\" false"`},
		{name: "type assertion to an interface", cells: []string{setup, "s, ok := a.(fmt.Stringer)\nfmt.Sprint(s, ok)"}, text: `"<nil> false"`},
		{name: "type assertion to a cell struct", cells: []string{setup, "var b any = P{4}\np, ok := b.(P)\np.X++\nfmt.Sprint(p, ok)"}, text: `"{5} true"`},
		{name: "receive", cells: []string{setup, "ch := make(chan int, 1); ch <- 4\nr, ok := <-ch\nfmt.Sprint(r, ok)"}, text: `"4 true"`},
		{name: "a call's two results", cells: []string{setup, "x, err := strconv.Atoi(\"3\")\nfmt.Sprint(x, err)"}, text: `"3 <nil>"`},
	}
	runCellCases(t, cases)
}

// Without the type checker's facts a top-level two-value map index is an
// error naming the form and the way out, with no hint about generics.
func TestTopLevelMapIndexWithoutFacts(t *testing.T) {
	stderr := &syncBuffer{}
	e, err := New(Options{Stderr: stderr})
	if err != nil {
		t.Fatal(err)
	}
	var runErr error
	captureStdout(t, func() {
		// run skips the type checker, so the form reaches yaegi undeclared
		_, runErr = e.run(context.Background(), "m := map[string]int{\"a\": 1}\nv, ok := m[\"a\"]\n_, _ = v, ok", false)
	})
	var ee *Error
	if !errors.As(runErr, &ee) {
		t.Fatalf("want an *Error, got %T %v", runErr, runErr)
	}
	if ee.Name != "CompileError" || !strings.Contains(ee.Value, "two-value map index `v, ok := m[k]` at the top level") || strings.Contains(ee.Value, "generic") {
		t.Errorf("got %s: %q", ee.Name, ee.Value)
	}
}

// The hint about type arguments for yaegi's "nil type" is given only for
// code that may call a generic func.
func TestMayCallGeneric(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	captureStdout(t, func() {
		evalAll(t, e, `import ("slices"; "strings")`, "func Map[T, U any](xs []T, f func(T) U) []U { return nil }")
	})
	cases := []struct {
		src  string
		want bool
	}{
		{`m := map[string]int{"a": 1}; v, ok := m["a"]; _, _ = v, ok`, false},
		{`s := strings.ToUpper("a"); _ = s`, false},
		{`i := slices.Index([]int{1}, 1); _ = i`, true},
		{`ys := Map([]int{1}, func(i int) int { return i }); _ = ys`, true},
		{`f := func(x int) int { return x }; _ = f(1)`, false},
		{`g := id[int](1); _ = g`, true},
	}
	for _, tc := range cases {
		b, err := parser.ParseExpr("func() {" + tc.src + "}")
		if err != nil {
			t.Fatal(err)
		}
		u := &unit{block: b.(*ast.FuncLit).Body}
		if got := e.mayCallGeneric(u); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.src, got, tc.want)
		}
	}
}
