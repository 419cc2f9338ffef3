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
