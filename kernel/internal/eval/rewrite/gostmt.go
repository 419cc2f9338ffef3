package rewrite

import (
	"go/ast"
	"go/token"
)

// GuardGo rewrites every `go CALL` below n so that the goroutine runs
// under a deferred recover (a panic in an interpreted goroutine would
// otherwise end the whole process). The function value and the call's
// arguments are evaluated into temporaries at the go statement, as Go
// does (`go getW().Run(x)` calls getW before the statement ends, and a
// value receiver is copied there); literals are left in place so untyped
// constants keep their flexibility, and so are names of funcs and of
// packages' funcs. isConst tells the names of constants, isPackage those
// of imported packages, storable the names whose func value can be held
// (a variable may change after the statement: go pr(x); pr = nil).
//
//	go f(a, 1)  →  func() { __gl_a1 := a; __glrt.GoStart(); go func() { defer __gl_guard(); f(__gl_a1, 1) }() }()
func GuardGo(n ast.Node, temp Temp, isConst, isPackage, storable func(name string) bool) {
	ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		for i, s := range list {
			if g, ok := s.(*ast.GoStmt); ok {
				list[i] = guardedGo(g, temp, isConst, isPackage, storable)
			}
		}
		return list
	})
}

func guardedGo(g *ast.GoStmt, temp Temp, isConst, isPackage, storable func(string) bool) ast.Stmt {
	pos := g.Go
	call := g.Call
	var pre []ast.Stmt
	fun := call.Fun
	if id, ok := fun.(*ast.Ident); goFuncValue(fun, isPackage) || ok && storable(id.Name) {
		t := temp("f", fun.Pos())
		pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{t}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{fun}})
		fun = Ident(t.Name, fun.Pos())
	}
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
	inner := &ast.CallExpr{Fun: fun, Lparen: call.Lparen, Args: args, Ellipsis: call.Ellipsis, Rparen: call.Rparen}
	guard := &ast.DeferStmt{Defer: pos, Call: &ast.CallExpr{Fun: Ident("__gl_guard", pos), Lparen: pos, Rparen: pos}}
	body := &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{guard, &ast.ExprStmt{X: inner}}, Rbrace: g.End()}
	goStmt := &ast.GoStmt{Go: pos, Call: &ast.CallExpr{Fun: &ast.FuncLit{Type: EmptyFuncType(pos), Body: body}, Lparen: pos, Rparen: pos}}
	start := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: Ident("__glrt", pos), Sel: Ident("GoStart", pos)}, Lparen: pos, Rparen: pos}}
	return IIFE(append(pre, start, goStmt), pos, g.End())
}

// goFuncValue reports whether the function part of a go statement's call
// must be evaluated before the goroutine starts: everything but a name
// (see GuardGo's storable), a func literal and a package's func (whose
// values cannot change; a builtin or a generic func's name could not be
// stored anyway). An
// instantiation with one type argument (worker[int]) reads like an index
// and is stored as one; yaegi stores it.
func goFuncValue(fun ast.Expr, isPackage func(string) bool) bool {
	switch f := fun.(type) {
	case *ast.Ident, *ast.FuncLit:
		return false
	case *ast.SelectorExpr:
		id, ok := f.X.(*ast.Ident)
		return !ok || !isPackage(id.Name)
	case *ast.IndexListExpr:
		return false // an instantiation, pair[K, V], which yaegi cannot store
	}
	return true
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
