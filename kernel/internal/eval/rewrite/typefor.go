package rewrite

import "go/ast"

// TypeFor rewrites reflect.TypeFor[T]() (Go 1.22) below n to
// reflect.TypeOf((*T)(nil)).Elem(), which gives the same reflect.Type:
// reflect is a compiled package, and the interpreter's symbol tables
// have no generic functions (the call was "undefined: reflect.TypeFor").
// A user's own name reflect is left alone.
func TypeFor(n ast.Node, names Names) {
	if n == nil {
		return
	}
	ReplaceExprs(n, func(x ast.Expr) ast.Expr {
		call, ok := x.(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return x
		}
		ix, ok := call.Fun.(*ast.IndexExpr)
		if !ok {
			return x
		}
		sel, ok := ix.X.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "TypeFor" || !IsIdent(sel.X, "reflect") {
			return x
		}
		if names.Declared("reflect") && !names.IsPackage("reflect") {
			return x
		}
		pos := call.Pos()
		nilPtr := &ast.CallExpr{Fun: &ast.ParenExpr{Lparen: pos, X: &ast.StarExpr{Star: pos, X: ix.Index}, Rparen: pos}, Lparen: pos, Args: []ast.Expr{Ident("nil", pos)}, Rparen: pos}
		typeOf := &ast.CallExpr{Fun: &ast.SelectorExpr{X: sel.X, Sel: Ident("TypeOf", sel.Sel.Pos())}, Lparen: call.Lparen, Args: []ast.Expr{nilPtr}, Rparen: call.Rparen}
		return &ast.CallExpr{Fun: &ast.SelectorExpr{X: typeOf, Sel: Ident("Elem", call.Rparen)}, Lparen: call.Rparen, Rparen: call.Rparen}
	})
}
