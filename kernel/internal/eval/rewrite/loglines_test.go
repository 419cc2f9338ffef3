package rewrite

import (
	"go/ast"
	"go/token"
	"testing"
)

func TestLogLines(t *testing.T) {
	cases := []struct{ name, in, out string }{
		// The body starts on line 3 of the parsed file (see rewriteBody).
		{"a log call gets its line recorded first", "x := 1\nlog.Println(x)",
			"x := 1\n__glrt.LogLine(4)\nlog.Println(x)"},
		{"a logger's methods too, in nested blocks", "if ok {\n\tlogger.Fatalf(\"%d\", 1)\n}",
			"if ok {\n\t__glrt.LogLine(4)\n\tlogger.Fatalf(\"%d\", 1)\n}"},
		{"fmt's Println is no log call", "fmt.Println(1)", "fmt.Println(1)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			got := rewriteBodyIn(t, fset, tc.in, func(n ast.Node) { LogLines(n, fset) })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestSnapshotFuncArgs(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"a literal passed to a compiled package", `wg.Go(func() { work(i) })`,
			`wg.Go(func() func() { return func() { work(i) } }())`},
		{"an interpreted package's call keeps its literal", `slices.SortFunc(xs, func(a, b int) int { return a - b })`,
			`slices.SortFunc(xs, func(a, b int) int { return a - b })`},
		{"a cell func keeps its literal", `apply(func() {})`, `apply(func() {})`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error {
				SnapshotFuncArgs(n, func(pkg string) bool { return pkg != "slices" })
				return nil
			})
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
