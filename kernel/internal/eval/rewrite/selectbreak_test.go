package rewrite

import (
	"go/ast"
	"testing"
)

func TestBlockSelectBreaks(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"a labelled break in a case", "loop:\n\tfor {\n\t\tselect {\n\t\tcase <-quit:\n\t\t\tn++\n\t\t\tbreak loop\n\t\t}\n\t}",
			"loop:\n\tfor {\n\t\tselect {\n\t\tcase <-quit:\n\t\t\tn++\n\t\t\t{\n\t\t\t\tbreak loop\n\t\t\t}\n\t\t}\n\t}"},
		{"in the default case too", "loop:\n\tfor {\n\t\tselect {\n\t\tdefault:\n\t\t\tbreak loop\n\t\t}\n\t}",
			"loop:\n\tfor {\n\t\tselect {\n\t\tdefault:\n\t\t\t{\n\t\t\t\tbreak loop\n\t\t\t}\n\t\t}\n\t}"},
		{"a plain break and deeper breaks are left alone", "for {\n\tselect {\n\tcase <-quit:\n\t\tif done {\n\t\t\tbreak loop\n\t\t}\n\t\tbreak\n\t}\n}",
			"for {\n\tselect {\n\tcase <-quit:\n\t\tif done {\n\t\t\tbreak loop\n\t\t}\n\t\tbreak\n\t}\n}"},
		{"a switch case is left alone", "switch {\ncase ok:\n\tbreak loop\n}", "switch {\ncase ok:\n\tbreak loop\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { BlockSelectBreaks(n); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestDefineSelectAssigns(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"one value", "select {\ncase v = <-c:\n\tuse(v)\n}",
			"select {\ncase __gl_r1 := <-c:\n\tv = __gl_r1\n\tuse(v)\n}"},
		{"value and ok, into an index and a field", "select {\ncase xs[i], s.ok = <-c:\n}",
			"select {\ncase __gl_r1, __gl_r2 := <-c:\n\txs[i], s.ok = __gl_r1, __gl_r2\n}"},
		{"declarations and sends are left alone", "select {\ncase v := <-c:\n\tuse(v)\ncase c <- 1:\n}",
			"select {\ncase v := <-c:\n\tuse(v)\ncase c <- 1:\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { DefineSelectAssigns(n, counter()); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
