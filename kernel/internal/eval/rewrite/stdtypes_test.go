package rewrite

import (
	"go/ast"
	"testing"
)

func TestStdTypes(t *testing.T) {
	at := func(sel *ast.Ident) (string, bool) {
		if sel.Name == "Pointer" {
			return "sync/atomic.Pointer", true
		}
		return "", false
	}
	cases := []struct{ name, in, out string }{
		{"a variable", `var p atomic.Pointer[Config]`, `var p __gl_AtomicPointer[Config]`},
		{"a field and a pointer", "type S struct{ cfg atomic.Pointer[Config] }\nq := &atomic.Pointer[int]{}",
			"type S struct{ cfg __gl_AtomicPointer[Config] }\nq := &__gl_AtomicPointer[int]{}"},
		{"other types untouched", `var v atomic.Value`, `var v atomic.Value`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { StdTypes(n, at); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
