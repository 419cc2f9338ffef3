package rewrite

import (
	"go/ast"
	"go/token"
)

// GuardGo rewrites every `go CALL` below n so that the goroutine runs
// under a deferred recover (a panic in an interpreted goroutine would
// otherwise end the whole process). The call's arguments are evaluated
// into temporaries at the go statement, as Go does; literals are left in
// place so untyped constants keep their flexibility; isConst tells the
// names of constants.
//
//	go f(a, 1)  →  func() { __gl_a1 := a; __glrt.GoStart(); go func() { defer __gl_guard(); f(__gl_a1, 1) }() }()
func GuardGo(n ast.Node, temp Temp, isConst func(name string) bool) {
	ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		for i, s := range list {
			if g, ok := s.(*ast.GoStmt); ok {
				list[i] = guardedGo(g, temp, isConst)
			}
		}
		return list
	})
}

func guardedGo(g *ast.GoStmt, temp Temp, isConst func(string) bool) ast.Stmt {
	pos := g.Go
	call := g.Call
	var pre []ast.Stmt
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		if id, ok := a.(*ast.Ident); isLiteral(a) || ok && isConst(id.Name) { // an untyped constant copied would get its default type
			args[i] = a
			continue
		}
		t := temp("a", a.Pos())
		pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{t}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{a}})
		args[i] = Ident(t.Name, a.Pos())
	}
	inner := &ast.CallExpr{Fun: call.Fun, Lparen: call.Lparen, Args: args, Ellipsis: call.Ellipsis, Rparen: call.Rparen}
	guard := &ast.DeferStmt{Defer: pos, Call: &ast.CallExpr{Fun: Ident("__gl_guard", pos), Lparen: pos, Rparen: pos}}
	body := &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{guard, &ast.ExprStmt{X: inner}}, Rbrace: g.End()}
	goStmt := &ast.GoStmt{Go: pos, Call: &ast.CallExpr{Fun: &ast.FuncLit{Type: EmptyFuncType(pos), Body: body}, Lparen: pos, Rparen: pos}}
	start := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: Ident("__glrt", pos), Sel: Ident("GoStart", pos)}, Lparen: pos, Rparen: pos}}
	return IIFE(append(pre, start, goStmt), pos, g.End())
}

// isLiteral reports whether x can be evaluated later without changing
// the program's meaning: literals and function literals.
func isLiteral(x ast.Expr) bool {
	switch v := x.(type) {
	case *ast.BasicLit, *ast.FuncLit:
		return true
	case *ast.UnaryExpr:
		return v.Op == token.SUB && isLiteral(v.X)
	}
	return false
}
