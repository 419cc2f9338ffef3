package rewrite

import "go/ast"

// NilSpreads drops a literal `nil...` from the calls in n: yaegi v0.16.1
// panicked compiling `f(nil...)` (a CFG post-order panic). Go passes the
// variadic parameter a nil slice then, as it does for no arguments:
//
//	show(nil...)  →  show()
func NilSpreads(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || !call.Ellipsis.IsValid() || len(call.Args) == 0 {
			return true
		}
		if id, ok := call.Args[len(call.Args)-1].(*ast.Ident); ok && id.Name == "nil" {
			call.Args = call.Args[:len(call.Args)-1]
			call.Ellipsis = 0
		}
		return true
	})
}
