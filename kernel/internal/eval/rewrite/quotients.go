package rewrite

import "go/ast"

// Quotients replaces each constant division below n by the literal of
// the value Go computes, which at returns by the operator (from the type
// checker): yaegi divides two integer constants in the type the context
// gives them, so var g float64 = 10 / 4 was 2.5, and a Fahrenheit
// conversion's w * (5 / 9) kept w.
//
//	w * (5 / 9)  →  w * (0)
func Quotients(n ast.Node, at func(op *ast.BinaryExpr) (string, bool)) {
	replaceEveryExpr(n, func(x ast.Expr) ast.Expr {
		be, ok := x.(*ast.BinaryExpr)
		if !ok {
			return x
		}
		lit, ok := at(be)
		if !ok {
			return x
		}
		v, err := parseAt(lit, be.Pos())
		if err != nil {
			return x
		}
		return v
	})
}
