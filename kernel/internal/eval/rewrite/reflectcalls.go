package rewrite

import (
	"go/ast"
	"strings"
)

// ReflectCalls turns each call of a method of reflect.Type or
// reflect.Value that at names ("Type.Name", by the method's Sel; see
// typecheck.Facts.ReflectCalls) into a call of the evaluator's stand-in,
// which answers with the names the cell declared:
//
//	t.Field(i)  →  __glrt.ReflectTypeField(t, i)
//
// A method value (f := t.Name) is left alone.
func ReflectCalls(n ast.Node, at func(sel *ast.Ident) (string, bool)) {
	SelectorCalls(n, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
		if m, ok := at(sel.Sel); ok {
			call.Fun = rtFunc("Reflect"+strings.ReplaceAll(m, ".", ""), sel.Sel.Pos())
			call.Args = append([]ast.Expr{sel.X}, call.Args...)
		}
	})
}
