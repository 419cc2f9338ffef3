package rewrite

import (
	"go/ast"
	"go/token"
	"testing"
)

// The facts are given by the text of the operand after the operator (a
// comparison) or of the case expression (a switch); the body is parsed
// into fset so positions can be read back.
func TestIfaceCompares(t *testing.T) {
	cases := []struct {
		name  string
		facts map[string]Compare // by the source text of the right operand or the case
		in    string
		out   string
	}{
		{"an interface against a cell pointer", map[string]Compare{"orig": {"", "*main.NotFound"}},
			`ok := e == orig`,
			`ok := __glrt.IfaceCmp(e, "", orig, "*main.NotFound") == 0`},
		{"!= keeps its operator", map[string]Compare{"b": {"", ""}},
			`if a != b { f() }`,
			`if __glrt.IfaceCmp(a, "", b, "") != 0 { f() }`},
		{"operands with calls stay in order, evaluated once", map[string]Compare{"Code(3)": {"", "main.Code"}},
			`fmt.Println(errors.Unwrap(w()) == Code(3))`,
			`fmt.Println(__glrt.IfaceCmp(errors.Unwrap(w()), "", Code(3), "main.Code") == 0)`},
		{"a comparison inside an operand and a func literal", map[string]Compare{"y": {"", ""}, "z": {"", "int"}},
			`go func() { ok = (x == y) == (w == z) }()`,
			`go func() { ok = (__glrt.IfaceCmp(x, "", y, "") == 0) == (__glrt.IfaceCmp(w, "", z, "int") == 0) }()`},
		{"no fact: untouched", nil,
			`ok := e == nil && a == b`,
			`ok := e == nil && a == b`},
		{"a switch on a name reads the name in each case, one expression per case", map[string]Compare{"ErrA": {"", ""}, "ErrB": {"", "*main.NotFound"}},
			"switch err {\ncase nil:\n\treturn 0\ncase ErrA, ErrB:\n\treturn 1\n}",
			"switch {\ncase err == nil:\n\treturn 0\ncase __glrt.IfaceCmp(err, \"\", ErrA, \"\") == 0 || __glrt.IfaceCmp(err, \"\", ErrB, \"*main.NotFound\") == 0:\n\treturn 1\n}"},
		{"a switch on a call evaluates it once", map[string]Compare{"Code(2)": {"", "main.Code"}},
			"switch f() {\ncase Code(2):\n\tg()\ndefault:\n\th()\n}",
			"switch __gl_tag1 := f(); {\ncase __glrt.IfaceCmp(__gl_tag1, \"\", Code(2), \"main.Code\") == 0:\n\tg()\ndefault:\n\th()\n}"},
		{"a switch with an init and a name keeps the init", map[string]Compare{"ErrA": {"", ""}},
			"switch err := f(); err {\ncase ErrA:\n\tg()\n}",
			"switch err := f(); {\ncase __glrt.IfaceCmp(err, \"\", ErrA, \"\") == 0:\n\tg()\n}"},
		{"a switch with an init and a call is left alone", map[string]Compare{"ErrA": {"", ""}},
			"switch x := 1; f(x) {\ncase ErrA:\n\tg()\n}",
			"switch x := 1; f(x) {\ncase ErrA:\n\tg()\n}"},
		{"a switch without facts is left alone", nil,
			"switch n {\ncase 1, 2:\n\tg()\n}",
			"switch n {\ncase 1, 2:\n\tg()\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			var src []byte
			got := rewriteBodyIn(t, fset, tc.in, func(n ast.Node) {
				src = []byte("package main\nfunc _() {\n" + tc.in + "\n}\n")
				text := func(x ast.Node) string {
					return string(src[fset.Position(x.Pos()).Offset:fset.Position(x.End()).Offset])
				}
				ops, cases := map[token.Pos]Compare{}, map[token.Pos]Compare{}
				ast.Inspect(n, func(x ast.Node) bool {
					switch v := x.(type) {
					case *ast.BinaryExpr:
						if c, ok := tc.facts[text(v.Y)]; ok {
							ops[v.OpPos] = c
						}
					case *ast.CaseClause:
						for _, e := range v.List {
							if c, ok := tc.facts[text(e)]; ok {
								cases[e.Pos()] = c
							}
						}
					}
					return true
				})
				look := func(m map[token.Pos]Compare) func(token.Pos) (Compare, bool) {
					return func(p token.Pos) (Compare, bool) { c, ok := m[p]; return c, ok }
				}
				IfaceCompares(n, look(ops), look(cases), counter())
			})
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
