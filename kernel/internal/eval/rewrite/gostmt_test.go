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
		{"the function value evaluated at the go statement, before the arguments", `go getW().Run(x, fmt.Sprint(1))`,
			`func() {
	__gl_f1 := getW().Run
	__gl_a2 := x
	__gl_a3 := fmt.Sprint(1)
	__glrt.GoStart()
	go func() {
		defer __gl_guard()
		__gl_f1(__gl_a2, __gl_a3)
	}()
}()`},
		{"names, packages' funcs and instantiations left", `go fmt.Println(); go pair[int, string](); go run[int]()`,
			`func() {
	__glrt.GoStart()
	go func() {
		defer __gl_guard()
		fmt.Println()
	}()
}()
func() {
	__glrt.GoStart()
	go func() {
		defer __gl_guard()
		pair[int, string]()
	}()
}()
func() {
	__gl_f1 := run[int]
	__glrt.GoStart()
	go func() {
		defer __gl_guard()
		__gl_f1()
	}()
}()`},
		{"a func variable held at the go statement", `go pr("x")`,
			`func() {
	__gl_f1 := pr
	__glrt.GoStart()
	go func() {
		defer __gl_guard()
		__gl_f1("x")
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
				GuardGo(n, counter(), func(name string) bool { return name == "limit" }, func(name string) bool { return name == "fmt" },
					func(name string) bool { return name == "pr" })
				return nil
			})
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
