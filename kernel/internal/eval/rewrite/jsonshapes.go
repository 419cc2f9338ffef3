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
	shapeArgs(n, "JSONShape", at)
}

// XMLValues passes the value given to xml.Marshal, MarshalIndent or an
// xml.Encoder's Encode or EncodeElement through __glrt.XMLValue with the
// shape of its type that at gives (see typecheck.Facts.XMLValues):
//
//	enc.Encode(p)  →  enc.Encode(__glrt.XMLValue(p, "_"))
//
// xml names the root element after the value's type, which a cell's
// struct type has not at run time, and cannot call the cells' methods.
func XMLValues(n ast.Node, at func(sel *ast.Ident) (string, bool)) {
	shapeArgs(n, "XMLValue", at)
}

// shapeArgs wraps the first argument of the calls at picks in the
// runtime func fn, with the shape at gives.
func shapeArgs(n ast.Node, fn string, at func(sel *ast.Ident) (string, bool)) {
	SelectorCalls(n, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
		shape, ok := at(sel.Sel)
		if !ok || len(call.Args) == 0 {
			return
		}
		a := call.Args[0]
		lit := &ast.BasicLit{ValuePos: a.Pos(), Kind: token.STRING, Value: strconv.Quote(shape)}
		call.Args[0] = &ast.CallExpr{Fun: rtFunc(fn, a.Pos()), Lparen: a.Pos(), Args: []ast.Expr{a, lit}, Rparen: a.End()}
	})
}
