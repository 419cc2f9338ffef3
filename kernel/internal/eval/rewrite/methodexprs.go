package rewrite

import "go/ast"

// PromotedMethodExprs replaces each method expression of a promoted
// method (by the method's name: at gives the func literal for it, see
// typecheck.Facts.PromotedMethodExprs) with that literal, which calls
// the method on its first argument as Go's method expression does:
//
//	f := Wrapper.Plus  →  f := func(__glr Wrapper, __gla0 int) int { return __glr.Plus(__gla0) }
func PromotedMethodExprs(n ast.Node, at func(sel *ast.Ident) (string, bool)) {
	replaceEveryExpr(n, func(x ast.Expr) ast.Expr {
		se, ok := x.(*ast.SelectorExpr)
		if !ok {
			return x
		}
		lit, ok := at(se.Sel)
		if !ok {
			return x
		}
		e, err := parseAt(lit, se.Pos())
		if err != nil {
			return x
		}
		return e
	})
}
