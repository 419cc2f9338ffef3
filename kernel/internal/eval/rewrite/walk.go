package rewrite

import (
	"go/ast"
	"go/token"
)

// ForEachStmtList calls fn on every statement list below n (block bodies
// and case/comm clause bodies), innermost first, and stores fn's result
// back. Innermost first means a rewrite of a loop sees a body that has
// already been rewritten.
func ForEachStmtList(n ast.Node, fn func([]ast.Stmt) []ast.Stmt) {
	var holders []ast.Node
	ast.Inspect(n, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			holders = append(holders, x)
		}
		return true
	})
	for i := len(holders) - 1; i >= 0; i-- {
		switch h := holders[i].(type) {
		case *ast.BlockStmt:
			h.List = fn(h.List)
		case *ast.CaseClause:
			h.Body = fn(h.Body)
		case *ast.CommClause:
			h.Body = fn(h.Body)
		}
	}
}

// VisitChildLists calls walk on the statement lists directly inside s,
// without entering function literals. nested becomes true inside loops.
func VisitChildLists(s ast.Stmt, nested bool, walk func([]ast.Stmt, bool) []ast.Stmt) {
	switch x := s.(type) {
	case *ast.BlockStmt:
		x.List = walk(x.List, nested)
	case *ast.IfStmt:
		x.Body.List = walk(x.Body.List, nested)
		if x.Else != nil {
			one := walk([]ast.Stmt{x.Else}, nested)
			x.Else = one[0]
		}
	case *ast.ForStmt:
		x.Body.List = walk(x.Body.List, true)
	case *ast.RangeStmt:
		x.Body.List = walk(x.Body.List, true)
	case *ast.SwitchStmt:
		VisitClauses(x.Body, nested, walk)
	case *ast.TypeSwitchStmt:
		VisitClauses(x.Body, nested, walk)
	case *ast.SelectStmt:
		VisitClauses(x.Body, nested, walk)
	case *ast.LabeledStmt:
		one := walk([]ast.Stmt{x.Stmt}, nested)
		x.Stmt = one[0]
	}
}

// VisitClauses calls walk on the bodies of the case or comm clauses of body.
func VisitClauses(body *ast.BlockStmt, nested bool, walk func([]ast.Stmt, bool) []ast.Stmt) {
	for _, c := range body.List {
		switch cc := c.(type) {
		case *ast.CaseClause:
			cc.Body = walk(cc.Body, nested)
		case *ast.CommClause:
			cc.Body = walk(cc.Body, nested)
		}
	}
}

// Ident is a new identifier placed at pos, so errors about it point at
// the code it was generated for.
func Ident(name string, pos token.Pos) *ast.Ident {
	return &ast.Ident{NamePos: pos, Name: name}
}

// SelectorCalls calls fn for each call below n whose function is a
// selector (fmt.Println(...), ctx.Value(...)): the facts of the type
// checker name such calls by their Sel. fn may replace the call's
// arguments; the walk goes on into them.
func SelectorCalls(n ast.Node, fn func(call *ast.CallExpr, sel *ast.SelectorExpr)) {
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				fn(call, sel)
			}
		}
		return true
	})
}
