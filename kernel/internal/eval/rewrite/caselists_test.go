package rewrite

import (
	"go/ast"
	"testing"
)

func TestJoinTaglessCases(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"a list joined in order",
			"switch {\ncase x == 1, x == 2, f():\n\tg()\ndefault:\n\th()\n}",
			"switch {\ncase x == 1 || x == 2 || f():\n\tg()\ndefault:\n\th()\n}"},
		{"a switch with an init and no tag",
			"switch y := x; {\ncase y < 0, y > 9:\n\tg()\n}",
			"switch y := x; {\ncase y < 0 || y > 9:\n\tg()\n}"},
		{"a nested switch inside a func literal",
			"f := func() {\n\tswitch {\n\tcase a, b:\n\t}\n}",
			"f := func() {\n\tswitch {\n\tcase a || b:\n\t}\n}"},
		{"a tagged switch is left alone: the interpreter tests every value",
			"switch x {\ncase 1, 2:\n\tg()\n}",
			"switch x {\ncase 1, 2:\n\tg()\n}"},
		{"one expression per case: untouched",
			"switch {\ncase x == 1:\n\tg()\n}",
			"switch {\ncase x == 1:\n\tg()\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error { JoinTaglessCases(n); return nil })
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestSplitCaseLists(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"a call after the first value",
			"switch x {\ncase a, f(1):\n\tg()\ndefault:\n\th()\n}",
			"switch x {\ncase a:\n\tfallthrough\ncase f(1):\n\tg()\ndefault:\n\th()\n}"},
		{"every value of the list in order, the body's own fallthrough kept",
			"switch x {\ncase m[k], s[0], x + 1:\n\tfallthrough\ncase 9:\n}",
			"switch x {\ncase m[k]:\n\tfallthrough\ncase s[0]:\n\tfallthrough\ncase x + 1:\n\tfallthrough\ncase 9:\n}"},
		{"constants and names: untouched",
			"switch x {\ncase 1, -2, y, time.Second:\n\tg()\n}",
			"switch x {\ncase 1, -2, y, time.Second:\n\tg()\n}"},
		{"a switch without a tag: untouched",
			"switch {\ncase f(), g():\n}",
			"switch {\ncase f(), g():\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error { SplitCaseLists(n); return nil })
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
