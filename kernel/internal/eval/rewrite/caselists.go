package rewrite

import (
	"go/ast"
	"go/token"
)

// yaegi v0.16.1 tests only the first expression of a case in a switch
// without a tag: `switch { case x == 1, x == 2: }` skips the case for
// x == 2, silently. JoinTaglessCases writes each such list as one
// condition joined by ||, which evaluates left to right and stops at the
// first true, as Go evaluates a case list.
//
//	case a, b, c:  →  case a || b || c:
func JoinTaglessCases(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		s, ok := x.(*ast.SwitchStmt)
		if !ok || s.Tag != nil {
			return true
		}
		for _, st := range s.Body.List {
			cc, ok := st.(*ast.CaseClause)
			if !ok || len(cc.List) < 2 {
				continue
			}
			cond := cc.List[0]
			for _, e := range cc.List[1:] {
				cond = &ast.BinaryExpr{X: cond, OpPos: e.Pos(), Op: token.LOR, Y: e}
			}
			cc.List = []ast.Expr{cond}
		}
		return true
	})
}

// In a switch with a tag, yaegi runs the code of a case's first
// expression only: `switch x { case f(1), f(2): }` never called f(2) and
// compared x with a stale value. SplitCaseLists gives each expression of
// such a list a case of its own that falls through to the next, which
// Go's order of evaluation and its stop at the first match keep:
//
//	case a, f(b): body  →  case a: fallthrough; case f(b): body
//
// Lists of constants and names, which yaegi gets right, stay as they are.
func SplitCaseLists(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		s, ok := x.(*ast.SwitchStmt)
		if !ok || s.Tag == nil {
			return true
		}
		var list []ast.Stmt
		for _, st := range s.Body.List {
			cc, ok := st.(*ast.CaseClause)
			if !ok || len(cc.List) < 2 || !needsOwnCase(cc.List[1:]) {
				list = append(list, st)
				continue
			}
			for _, e := range cc.List[:len(cc.List)-1] {
				list = append(list, &ast.CaseClause{Case: e.Pos(), List: []ast.Expr{e}, Colon: e.End(),
					Body: []ast.Stmt{&ast.BranchStmt{TokPos: e.End(), Tok: token.FALLTHROUGH}}})
			}
			cc.List = cc.List[len(cc.List)-1:]
			list = append(list, cc)
		}
		s.Body.List = list
		return true
	})
}

// needsOwnCase reports whether one of xs has code of its own to run (a
// call, an index, an operator): not a literal, a name or pkg.Name.
func needsOwnCase(xs []ast.Expr) bool {
	for _, x := range xs {
		switch v := ast.Unparen(x).(type) {
		case *ast.BasicLit, *ast.Ident:
		case *ast.SelectorExpr:
			if _, ok := v.X.(*ast.Ident); !ok {
				return true
			}
		case *ast.UnaryExpr:
			if _, ok := v.X.(*ast.BasicLit); !ok {
				return true
			}
		default:
			return true
		}
	}
	return false
}
