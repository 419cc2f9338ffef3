package eval

import (
	"go/ast"
	"go/token"

	"golessons/kernel/internal/eval/rewrite"
)

// guardGo rewrites every `go CALL` below n so that the goroutine runs
// under a deferred recover (a panic in an interpreted goroutine would
// otherwise end the whole process). The call's arguments are evaluated
// into temporaries at the go statement, as Go does; literals are left in
// place so untyped constants keep their flexibility.
//
//	go f(a, 1)  →  func() { __gl_a1 := a; __glrt.GoStart(); go func() { defer __gl_guard(); f(__gl_a1, 1) }() }()
func (e *Evaluator) guardGo(n ast.Node) {
	rewrite.ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		for i, s := range list {
			if g, ok := s.(*ast.GoStmt); ok {
				list[i] = e.guardedGo(g)
			}
		}
		return list
	})
}

func (e *Evaluator) guardedGo(g *ast.GoStmt) ast.Stmt {
	pos := g.Go
	call := g.Call
	var pre []ast.Stmt
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		if isLiteral(a) || e.isConst(a) {
			args[i] = a
			continue
		}
		t := e.temp("a", a.Pos())
		pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{t}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{a}})
		args[i] = rewrite.Ident(t.Name, a.Pos())
	}
	inner := &ast.CallExpr{Fun: call.Fun, Lparen: call.Lparen, Args: args, Ellipsis: call.Ellipsis, Rparen: call.Rparen}
	guard := &ast.DeferStmt{Defer: pos, Call: &ast.CallExpr{Fun: rewrite.Ident("__gl_guard", pos), Lparen: pos, Rparen: pos}}
	body := &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{guard, &ast.ExprStmt{X: inner}}, Rbrace: g.End()}
	goStmt := &ast.GoStmt{Go: pos, Call: &ast.CallExpr{Fun: &ast.FuncLit{Type: rewrite.EmptyFuncType(pos), Body: body}, Lparen: pos, Rparen: pos}}
	start := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__glrt", pos), Sel: rewrite.Ident("GoStart", pos)}, Lparen: pos, Rparen: pos}}
	return rewrite.IIFE(append(pre, start, goStmt), pos, g.End())
}

// isConst reports whether x names a constant declared in a cell; copying
// it to a temporary would give an untyped constant its default type.
func (e *Evaluator) isConst(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	en := e.decls.entries[id.Name]
	return en != nil && en.sym.Kind == "const"
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
