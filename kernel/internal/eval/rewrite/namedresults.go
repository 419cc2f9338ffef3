package rewrite

import "go/ast"

// NamedResults converts the result of the calls that at names a type
// for (by the call's '(') to that type:
//
//	slices.Clone(tags)  →  Tags(slices.Clone(tags))
//
// The interpreter runs the slices and maps functions for the plain
// slice or map type, so their result had lost the cell's type and its
// methods (see typecheck.Facts.NamedResults).
func NamedResults(n ast.Node, at func(call *ast.CallExpr) (string, bool)) {
	done := map[*ast.CallExpr]bool{} // the walk goes on into the conversion
	replaceEveryExpr(n, func(x ast.Expr) ast.Expr {
		call, ok := x.(*ast.CallExpr)
		if !ok || done[call] {
			return x
		}
		done[call] = true
		typ, ok := at(call)
		if !ok {
			return x
		}
		t, err := parseAt(typ, call.Pos())
		if err != nil {
			return x
		}
		return &ast.CallExpr{Fun: &ast.ParenExpr{Lparen: call.Pos(), X: t, Rparen: call.Pos()}, Lparen: call.Pos(), Args: []ast.Expr{call}, Rparen: call.End()}
	})
}
