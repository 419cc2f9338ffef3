package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
)

// CtxKeys passes a context key of a cell's type through __glrt.CtxKey
// with the type's name, at the calls at names (by the Sel; it returns
// the argument's index and the type, see typecheck.Facts.CtxKeys):
//
//	context.WithValue(ctx, requestID, v)  →  context.WithValue(ctx, __glrt.CtxKey("main.ctxKey", requestID), v)
//	ctx.Value(requestID)                  →  ctx.Value(__glrt.CtxKey("main.ctxKey", requestID))
func CtxKeys(n ast.Node, at func(sel *ast.Ident) (int, string, bool)) {
	SelectorCalls(n, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
		i, typ, ok := at(sel.Sel)
		if !ok || i >= len(call.Args) {
			return
		}
		a := call.Args[i]
		name := &ast.BasicLit{ValuePos: a.Pos(), Kind: token.STRING, Value: strconv.Quote(typ)}
		call.Args[i] = &ast.CallExpr{Fun: rtFunc("CtxKey", a.Pos()), Lparen: a.Pos(), Args: []ast.Expr{name, a}, Rparen: a.End()}
	})
}
