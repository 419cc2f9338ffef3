package rewrite

import "go/ast"

// AnyConversions rewrites the conversions any(x) and interface{}(x) below
// n to calls of func(__gl_v any) any { return __gl_v }. yaegi converts a
// value of a cell's named non-struct type (type ID int with a String
// method) to a plain int there: %v gave 2, %T int, and an assertion to
// fmt.Stringer failed; passed as an argument of type any (as put into a
// var of type any) the value keeps its type. Nothing is done when the
// cells declare a name any of their own.
func AnyConversions(n ast.Node, names Names) {
	if n == nil || names.Declared("any") {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() || !emptyInterface(call.Fun) {
			return true
		}
		pos := call.Fun.Pos()
		v := Ident("__gl_v", pos)
		typ := &ast.FuncType{Func: pos,
			Params:  &ast.FieldList{Opening: pos, List: []*ast.Field{{Names: []*ast.Ident{v}, Type: Ident("any", pos)}}, Closing: pos},
			Results: &ast.FieldList{List: []*ast.Field{{Type: Ident("any", pos)}}}}
		body := &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ReturnStmt{Return: pos, Results: []ast.Expr{Ident("__gl_v", pos)}}}, Rbrace: pos}
		call.Fun = &ast.FuncLit{Type: typ, Body: body}
		return true
	})
}

// emptyInterface reports whether x is any or interface{}.
func emptyInterface(x ast.Expr) bool {
	switch t := ast.Unparen(x).(type) {
	case *ast.Ident:
		return t.Name == "any"
	case *ast.InterfaceType:
		return t.Methods == nil || len(t.Methods.List) == 0
	}
	return false
}
