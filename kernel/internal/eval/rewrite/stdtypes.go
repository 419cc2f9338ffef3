package rewrite

import "go/ast"

// stdTypeNames are the interpreted stand-ins (declared in the
// evaluator's prelude) of generic types of compiled standard packages,
// which no compiled table can hold.
var stdTypeNames = map[string]string{"sync/atomic.Pointer": "__gl_AtomicPointer"}

// StdTypes puts the prelude's stand-in in place of each instantiated
// generic type of a compiled standard package below n that at
// identifies (by the Sel of pkg.T, from the type checker):
//
//	var p atomic.Pointer[Config]  →  var p __gl_AtomicPointer[Config]
func StdTypes(n ast.Node, at func(sel *ast.Ident) (string, bool)) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		ix, ok := x.(*ast.IndexExpr)
		if !ok {
			return true
		}
		sel, ok := ix.X.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if name, ok := at(sel.Sel); ok && stdTypeNames[name] != "" {
			ix.X = Ident(stdTypeNames[name], sel.Pos())
		}
		return true
	})
}
