package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
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

// NamedTypeOfs turns each reflect.TypeOf(x) whose argument's type at
// names (by TypeOf's Sel; see typecheck.Facts.NamedTypeOfs) into a call
// of the evaluator's stand-in, whose reflect.Type carries that name:
//
//	reflect.TypeOf(c)  →  __glrt.NamedTypeOf("main.Celsius", c)
//	reflect.TypeOf(x)  →  __glrt.NamedTypeOfDyn(__gl_dyn(x))  (x an any: "?")
func NamedTypeOfs(n ast.Node, at func(sel *ast.Ident) (string, bool)) {
	SelectorCalls(n, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
		if name, ok := at(sel.Sel); ok && len(call.Args) == 1 {
			pos := sel.Sel.Pos()
			if name == "?" { // see DynArgs: the value keeps its type's name
				call.Fun = rtFunc("NamedTypeOfDyn", pos)
				call.Args = []ast.Expr{&ast.CallExpr{Fun: Ident("__gl_dyn", pos), Lparen: pos, Args: []ast.Expr{call.Args[0]}, Rparen: call.Rparen}}
				return
			}
			call.Fun = rtFunc("NamedTypeOf", pos)
			call.Args = []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(name)}, call.Args[0]}
		}
	})
}
