package eval

import (
	"slices"
	"strings"
	"testing"

	"golessons/kernel/internal/symtab"
)

func TestRestore(t *testing.T) {
	cells := []string{
		`import "fmt"`,
		"type Point struct{ X, Y int }\nfunc (p Point) Sum() int { return p.X + p.Y }",
		"p := Point{1, 2}\nfmt.Println(\"printed once\")\ncount := 3",
		"func triple(n int) int { return 3 * n }\nconst k = 2",
		"for i := range 3 { count += i }",
		"count = count * 10",
		"p.X",
	}
	e := newTestEvaluator(t, "", "")
	var kept, lost []string
	out := captureStdout(t, func() { kept, lost = e.Restore(t.Context(), cells) })
	if strings.Contains(out, "printed once") {
		t.Errorf("restore re-ran a print statement: %q", out)
	}
	for _, name := range []string{"fmt", "Point", "p", "count", "triple", "k"} {
		if !slices.Contains(kept, name) {
			t.Errorf("kept %v lacks %s", kept, name)
		}
	}
	wantLost := []string{"statements in cell 3", "statements in cell 5"}
	if !slices.Equal(lost, wantLost) {
		t.Errorf("lost = %q, want %q", lost, wantLost)
	}
	cases := []struct{ name, cell, want string }{
		{"method of restored type", "p.Sum()", "3"},
		{"assignments replayed, loop skipped", "count", "30"},
		{"func and const", "triple(k)", "6"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := e.Eval(t.Context(), tc.cell)
			if err != nil || r.Data["text/plain"] != tc.want {
				t.Fatalf("got %v, %v; want %s", r.Data, err, tc.want)
			}
		})
	}
}

func TestSymbols(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	_, err := evalAll(t, e, `import "strings"`,
		"type Point struct {\n\tX, Y int\n\tName string\n}\nfunc (p *Point) Move(dx int) { p.X += dx }",
		"func Greet(name string) string { return strings.ToUpper(name) }",
		"const Limit = 10",
		"pt := Point{X: 1}\nwords := []string{\"a\"}")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]symtab.Symbol{}
	for _, s := range e.Symbols() {
		if strings.HasPrefix(s.Name, "__gl") {
			t.Errorf("reserved name leaked: %s", s.Name)
		}
		byName[s.Name] = s
	}
	members := func(s symtab.Symbol) string {
		var out []string
		for _, m := range s.Members {
			out = append(out, m.Kind+" "+m.Name+" "+m.Signature)
		}
		return strings.Join(out, "; ")
	}
	cases := []struct {
		name, kind, field, want string
	}{
		{"strings", symtab.KindImport, "decl", "strings"},
		{"Greet", symtab.KindFunc, "decl", "func Greet(name string) string"},
		{"Greet", symtab.KindFunc, "type", "func(name string) string"},
		{"Limit", symtab.KindConst, "decl", "const Limit = 10"},
		{"words", symtab.KindVar, "value", "[a]"},
		{"words", symtab.KindVar, "type", "[]string"},
		{"pt", symtab.KindVar, "type", "Point"},
		{"pt", symtab.KindVar, "members", "field X int; field Y int; field Name string; method Move func(dx int)"},
		{"Point", symtab.KindType, "members", "field X int; field Y int; field Name string; method Move func(dx int)"},
	}
	for _, tc := range cases {
		t.Run(tc.name+" "+tc.field, func(t *testing.T) {
			s, ok := byName[tc.name]
			if !ok || s.Kind != tc.kind {
				t.Fatalf("symbol %s: %+v", tc.name, s)
			}
			got := map[string]string{"decl": s.Decl, "type": s.Type, "value": s.Value, "members": members(s)}[tc.field]
			if got != tc.want {
				t.Fatalf("%s = %q, want %q", tc.field, got, tc.want)
			}
		})
	}
}
