package rewrite

import (
	"fmt"
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

// DeclareReceives rewrites the two-value receives among a cell's
// top-level statements, `v, ok := <-c` and `var v, ok = <-c`, into
// `var v T; var ok bool; v, ok = <-c`: yaegi cannot type the
// declaration at the global scope ("nil type"), and runs the
// assignment. elem gives the element type of the channel received from
// at the receive's arrow, as the cell would write it. A receive whose
// element type is unknown is an error naming the form, not yaegi's. A
// blank name becomes a temporary: yaegi mis-stores `_, ok = <-c` at the
// global scope.
func DeclareReceives(list []ast.Stmt, elem func(arrow token.Pos) (string, bool), temp Temp) ([]ast.Stmt, error) {
	out := make([]ast.Stmt, 0, len(list))
	for _, s := range list {
		lhs, recv := twoValueReceive(s)
		if recv == nil {
			out = append(out, s)
			continue
		}
		t, ok := elem(recv.OpPos)
		if !ok {
			return nil, fmt.Errorf("the kernel cannot run the two-value receive %s at the top level of a cell here: "+
				"it could not tell the channel's element type; declare the variables first (var v T; var ok bool; v, ok = <-c)", stmtText(lhs))
		}
		pos := s.Pos()
		for i, name := range lhs {
			if name.Name == "_" {
				name = temp("blank", name.Pos())
				lhs[i] = name
			}
			typ := "bool"
			if i == 0 {
				typ = t
			}
			tx, err := parseAt(typ, pos)
			if err != nil {
				return nil, fmt.Errorf("the kernel cannot run the two-value receive %s at the top level of a cell: element type %q: %v", stmtText(lhs), typ, err)
			}
			spec := &ast.ValueSpec{Names: []*ast.Ident{Ident(name.Name, name.Pos())}, Type: tx}
			out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{spec}}})
		}
		out = append(out, &ast.AssignStmt{Lhs: []ast.Expr{lhs[0], lhs[1]}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{recv}})
	}
	return out, nil
}

// twoValueReceive returns the names and the receive of `a, b := <-c`
// or `var a, b = <-c`.
func twoValueReceive(s ast.Stmt) ([]*ast.Ident, *ast.UnaryExpr) {
	var lhs []ast.Expr
	var rhs ast.Expr
	switch x := s.(type) {
	case *ast.AssignStmt:
		if x.Tok != token.DEFINE || len(x.Lhs) != 2 || len(x.Rhs) != 1 {
			return nil, nil
		}
		lhs, rhs = x.Lhs, x.Rhs[0]
	case *ast.DeclStmt:
		g, ok := x.Decl.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR || len(g.Specs) != 1 {
			return nil, nil
		}
		vs := g.Specs[0].(*ast.ValueSpec)
		if vs.Type != nil || len(vs.Names) != 2 || len(vs.Values) != 1 {
			return nil, nil
		}
		lhs, rhs = []ast.Expr{vs.Names[0], vs.Names[1]}, vs.Values[0]
	default:
		return nil, nil
	}
	recv, ok := ast.Unparen(rhs).(*ast.UnaryExpr)
	if !ok || recv.Op != token.ARROW {
		return nil, nil
	}
	var names []*ast.Ident
	for _, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return nil, nil
		}
		names = append(names, id)
	}
	return names, recv
}

func stmtText(names []*ast.Ident) string {
	return fmt.Sprintf("`%s, %s := <-...`", names[0].Name, names[1].Name)
}
