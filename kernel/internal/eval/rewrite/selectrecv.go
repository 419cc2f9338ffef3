package rewrite

import (
	"go/ast"
	"go/token"
)

// HoistSelectOperands evaluates the operands of a select's cases into
// temporaries just before the select when one of its cases is a
// two-value receive from anything but a plain name: yaegi never
// chooses `case v, ok := <-s.ch` (or <-chs[i], <-f()), and the select
// waits forever. Go evaluates every channel operand and sent value once,
// in source order, on entering the select, so evaluating them just
// before it, in that order, changes nothing else. A sent value is moved
// only when it calls something: otherwise when it is evaluated cannot
// show, and an untyped constant expression copied would get its default
// type.
//
//	select { case v, ok := <-s.ch: ... case out <- f(): ... }
//	→ { __gl_ch1 := s.ch; __gl_ch2 := out; __gl_v3 := f(); select { case v, ok := <-__gl_ch1: ... case __gl_ch2 <- __gl_v3: ... } }
func HoistSelectOperands(n ast.Node, temp Temp) {
	ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		for i, s := range list {
			target := s
			if l, ok := s.(*ast.LabeledStmt); ok {
				target = l.Stmt
			}
			sel, ok := target.(*ast.SelectStmt)
			if !ok || !needsHoist(sel) {
				continue
			}
			pre := hoistOperands(sel, temp)
			list[i] = &ast.BlockStmt{Lbrace: s.Pos(), List: append(pre, s), Rbrace: s.End()}
		}
		return list
	})
}

// needsHoist reports whether sel has a two-value receive case from a
// channel that is not a plain name.
func needsHoist(sel *ast.SelectStmt) bool {
	if selectWaitsOnACall(sel) {
		return true // the deadlock watch reads a case's channel from a name (HoistWaitCalls)
	}
	for _, c := range sel.Body.List {
		cc, ok := c.(*ast.CommClause)
		if !ok {
			continue
		}
		if a, ok := cc.Comm.(*ast.AssignStmt); ok && len(a.Lhs) == 2 && len(a.Rhs) == 1 {
			if u, ok := ast.Unparen(a.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW && !isName(u.X) {
				return true
			}
		}
	}
	return false
}

func hoistOperands(sel *ast.SelectStmt, temp Temp) []ast.Stmt {
	var pre []ast.Stmt
	hoist := func(x *ast.Expr, hint string) {
		if isName(*x) || isLiteral(*x) {
			return
		}
		t := temp(hint, (*x).Pos())
		pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{t}, TokPos: (*x).Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{*x}})
		*x = Ident(t.Name, (*x).Pos())
	}
	for _, c := range sel.Body.List {
		cc, ok := c.(*ast.CommClause)
		if !ok || cc.Comm == nil {
			continue
		}
		switch s := cc.Comm.(type) {
		case *ast.SendStmt:
			hoist(&s.Chan, "ch")
			if hasCall(s.Value) { // else its order cannot show, and an untyped constant must stay in place
				hoist(&s.Value, "v")
			}
		case *ast.ExprStmt:
			if u, ok := ast.Unparen(s.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				hoist(&u.X, "ch")
			}
		case *ast.AssignStmt:
			if u, ok := ast.Unparen(s.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				hoist(&u.X, "ch")
			}
		}
	}
	return pre
}

func isName(x ast.Expr) bool {
	_, ok := x.(*ast.Ident)
	return ok
}

// hasCall reports whether x calls a func or receives (outside func literals).
func hasCall(x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			found = true
		case *ast.UnaryExpr:
			found = found || v.Op == token.ARROW
		}
		return !found
	})
	return found
}
