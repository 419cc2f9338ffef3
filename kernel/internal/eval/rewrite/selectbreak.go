package rewrite

import (
	"go/ast"
	"go/token"
)

// BlockSelectBreaks puts every labelled `break` that is a statement of a
// select case's own list into a block of its own:
//
//	case <-quit: n++; break loop  →  case <-quit: n++; { break loop }
//
// yaegi runs a labelled break placed directly in a select case as if it
// went nowhere, and the loop it should leave spins for ever (the
// for-select loop of every timeout and quit-channel example); the same
// break one block deeper leaves the loop.
func BlockSelectBreaks(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		cc, ok := x.(*ast.CommClause)
		if !ok {
			return true
		}
		for i, s := range cc.Body {
			if br, ok := s.(*ast.BranchStmt); ok && br.Tok == token.BREAK && br.Label != nil {
				cc.Body[i] = &ast.BlockStmt{Lbrace: br.Pos(), List: []ast.Stmt{br}, Rbrace: br.End()}
			}
		}
		return true
	})
}

// DefineSelectAssigns turns a select case that assigns what it receives
// to existing variables into one that declares temporaries and assigns
// them first thing in the case:
//
//	case v = <-c:       →  case __gl_r1 := <-c: v = __gl_r1
//	case v, ok = <-c:   →  case __gl_r1, __gl_r2 := <-c: v, ok = __gl_r1, __gl_r2
//
// yaegi loses the assignment of such a case (v keeps its old value), or
// panics with "reflect.Select: invalid Dir" when the select has that
// case alone. Go evaluates the left-hand side only once the case is
// chosen, so assigning at the start of the case body is the same.
func DefineSelectAssigns(n ast.Node, temp Temp) {
	ast.Inspect(n, func(x ast.Node) bool {
		cc, ok := x.(*ast.CommClause)
		if !ok {
			return true
		}
		as, ok := cc.Comm.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Rhs) != 1 {
			return true
		}
		pos := as.Pos()
		var tmps []ast.Expr
		for range as.Lhs {
			tmps = append(tmps, temp("r", pos))
		}
		set := &ast.AssignStmt{Lhs: as.Lhs, TokPos: as.TokPos, Tok: token.ASSIGN, Rhs: tmps}
		cc.Comm = &ast.AssignStmt{Lhs: tmps, TokPos: as.TokPos, Tok: token.DEFINE, Rhs: as.Rhs}
		cc.Body = append([]ast.Stmt{set}, cc.Body...)
		return true
	})
}
