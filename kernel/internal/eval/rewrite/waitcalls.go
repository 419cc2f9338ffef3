package rewrite

import (
	"go/ast"
	"go/token"
)

// HoistWaitCalls puts the channel a statement of list waits on into a
// variable of its own, declared just before the statement, when the
// statement writes it as a call: `<-f(ch)`, `v := <-c.Done()`,
// `stage() <- v`, `<-make(chan int)` (a select's cases are hoisted, with
// their sent values, by HoistSelectOperands). The deadlock watch reads a
// wait's channel from a name, a field or an index; a call it cannot
// evaluate twice, and
// a deadlock on such a channel hung the cell unreported. Go evaluates the
// channel operand once, before the communication, as the variable is here.
func HoistWaitCalls(list []ast.Stmt, temp Temp) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range list {
		var pre []ast.Stmt
		hoist := func(x *ast.Expr) {
			if _, ok := ast.Unparen(*x).(*ast.CallExpr); !ok {
				return
			}
			pos := (*x).Pos()
			c := temp("c", pos)
			pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{c}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{*x}})
			*x = Ident(c.Name, pos)
		}
		recv := func(x ast.Expr) {
			if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				hoist(&u.X)
			}
		}
		stmt := s
		if l, ok := s.(*ast.LabeledStmt); ok {
			stmt = l.Stmt
		}
		switch c := stmt.(type) {
		case *ast.ExprStmt:
			recv(c.X)
		case *ast.AssignStmt:
			if len(c.Rhs) == 1 {
				recv(c.Rhs[0])
			}
		case *ast.SendStmt:
			hoist(&c.Chan)
		}
		out = append(append(out, pre...), s)
	}
	return out
}

// selectWaitsOnACall reports whether a case of s writes its channel as a
// call.
func selectWaitsOnACall(s *ast.SelectStmt) bool {
	isCall := func(x ast.Expr) bool {
		_, ok := ast.Unparen(x).(*ast.CallExpr)
		return ok
	}
	for _, cl := range s.Body.List {
		cc, ok := cl.(*ast.CommClause)
		if !ok || cc.Comm == nil {
			continue
		}
		var ch ast.Expr
		switch c := cc.Comm.(type) {
		case *ast.SendStmt:
			ch = c.Chan
		case *ast.ExprStmt:
			ch = c.X
		case *ast.AssignStmt:
			if len(c.Rhs) == 1 {
				ch = c.Rhs[0]
			}
		}
		if u, ok := ast.Unparen(ch).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			ch = u.X
		}
		if ch != nil && isCall(ch) {
			return true
		}
	}
	return false
}
