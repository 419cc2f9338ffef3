package rewrite

import (
	"go/ast"
	"go/token"
)

// HoistWaitCalls puts the channel a statement of list waits on into a
// variable of its own, declared just before the statement, when the
// statement writes it as a call: `<-f(ch)`, `v := <-c.Done()`,
// `stage() <- v`, `<-make(chan int)`, and the channels of a select's
// cases (`case v := <-src():`). The deadlock watch reads a wait's channel
// from a name, a field or an index; a call it cannot evaluate twice, and
// a deadlock on such a channel hung the cell unreported. Go evaluates the
// channel operand once, before the communication, and a select's case
// channels in source order on entering it, as the variables are here.
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
		comm := func(st ast.Stmt) {
			switch c := st.(type) {
			case *ast.ExprStmt:
				recv(c.X)
			case *ast.AssignStmt:
				if len(c.Rhs) == 1 {
					recv(c.Rhs[0])
				}
			case *ast.SendStmt:
				hoist(&c.Chan)
			}
		}
		inner := s
		if l, ok := s.(*ast.LabeledStmt); ok {
			inner = l.Stmt
		}
		switch x := inner.(type) {
		case *ast.SelectStmt:
			for _, cl := range x.Body.List {
				if cc, ok := cl.(*ast.CommClause); ok && cc.Comm != nil {
					comm(cc.Comm)
				}
			}
		case *ast.ExprStmt, *ast.AssignStmt, *ast.SendStmt:
			comm(x)
		}
		out = append(append(out, pre...), s)
	}
	return out
}
