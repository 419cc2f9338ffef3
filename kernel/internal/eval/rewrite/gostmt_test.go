package rewrite

import (
	"go/ast"
	"testing"
)

func TestGuardGo(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"arguments evaluated at the go statement, literals and constants left", `go work(x, 1, limit, -2, func() {})`,
			`func() {
	__gl_a1 := x
	__glrt.GoStart()
	go func() {
		defer __gl_guard()
		work(__gl_a1, 1, limit, -2, func() {})
	}()
}()`},
		{"inside a function body too", `f := func() { go run() }`,
			`f := func() {
	func() {
		__glrt.GoStart()
		go func() {
			defer __gl_guard()
			run()
		}()
	}()
}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error {
				GuardGo(n, counter(), func(name string) bool { return name == "limit" })
				return nil
			})
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
