package rewrite

import (
	"go/ast"
	"go/token"
)

// CopyReceives parenthesises every single-value receive whose value is
// stored in a variable: `v := <-c`, `v = <-c`, `var v = <-c`,
// `return <-c`. yaegi
// stores the value a receive returns straight into the variable's slot,
// and that value is not addressable, so a later v++, &v or v.X = 1
// panics ("reflect.Value.SetInt using unaddressable value"); a
// parenthesised receive is copied into the slot. The `<-c` stays in the
// tree, so the deadlock check still sees the receive. The receives of a
// select's cases are left alone: yaegi handles those, and a case must
// stay a receive statement.
func CopyReceives(n ast.Node) {
	comm := map[ast.Stmt]bool{}
	ast.Inspect(n, func(x ast.Node) bool {
		switch s := x.(type) {
		case *ast.CommClause:
			if s.Comm != nil {
				comm[s.Comm] = true
			}
		case *ast.AssignStmt:
			if !comm[s] && len(s.Lhs) == len(s.Rhs) && (s.Tok == token.DEFINE || s.Tok == token.ASSIGN) {
				parenReceives(s.Rhs)
			}
		case *ast.ValueSpec:
			if len(s.Names) == len(s.Values) {
				parenReceives(s.Values)
			}
		case *ast.ReturnStmt: // yaegi panics storing it into the result
			parenReceives(s.Results)
		}
		return true
	})
}

func parenReceives(xs []ast.Expr) {
	for i, x := range xs {
		if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			xs[i] = &ast.ParenExpr{Lparen: u.Pos(), X: u, Rparen: u.End()}
		}
	}
}

// DeclareReceives is DeclareTwoValues knowing only the element types
// of channels: the two-value receives among a cell's top-level
// statements are declared, `v, ok := <-c` becoming
// `var v T; var ok bool; v, ok = <-c`.
func DeclareReceives(list []ast.Stmt, elem func(arrow token.Pos) (string, bool), temp Temp) ([]ast.Stmt, error) {
	return DeclareTwoValues(list, TwoValueTypes{Recv: elem}, temp)
}
