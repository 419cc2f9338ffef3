package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
)

// JSONShapes passes the value given to json.Marshal or MarshalIndent
// through __glrt.JSONShape with the shape of its type that at gives (by
// the Sel; see typecheck.Facts.JSONShapes):
//
//	json.Marshal(levels)  →  json.Marshal(__glrt.JSONShape(levels, "[]main.Level"))
//
// At run time a cell's `type Level int` is an int without its
// MarshalJSON; the shape tells the evaluator where to call it.
func JSONShapes(n ast.Node, at func(sel *ast.Ident) (string, bool)) {
	SelectorCalls(n, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
		shape, ok := at(sel.Sel)
		if !ok || len(call.Args) == 0 {
			return
		}
		a := call.Args[0]
		lit := &ast.BasicLit{ValuePos: a.Pos(), Kind: token.STRING, Value: strconv.Quote(shape)}
		call.Args[0] = &ast.CallExpr{Fun: rtFunc("JSONShape", a.Pos()), Lparen: a.Pos(), Args: []ast.Expr{a, lit}, Rparen: a.End()}
	})
}
