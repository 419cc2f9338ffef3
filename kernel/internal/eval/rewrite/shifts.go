package rewrite

import "go/ast"

// Shifts converts the untyped constant on the left of a non-constant
// shift to the type Go gives it from the context, which at returns by
// the shift's operator (from the type checker): yaegi makes it an int,
// so `word & (1 << j)` of a uint64 word panicked in reflect.
//
//	word & (1 << j)  →  word & (uint64(1) << j)
func Shifts(n ast.Node, at func(op *ast.BinaryExpr) (string, bool)) {
	ast.Inspect(n, func(x ast.Node) bool {
		be, ok := x.(*ast.BinaryExpr)
		if !ok {
			return true
		}
		typ, ok := at(be)
		if !ok {
			return true
		}
		t, err := parseAt(typ, be.X.Pos())
		if err != nil {
			return true
		}
		be.X = &ast.CallExpr{Fun: t, Lparen: be.X.Pos(), Args: []ast.Expr{be.X}, Rparen: be.X.End()}
		return true
	})
}
