package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"strings"
)

// TwoValueTypes give the type of the first value of a two-value form, as
// the cell would write it, where the syntax does not say it: the element
// type of the channel received from (at the receive's arrow) and of the
// map indexed (at the index's '['). A nil func knows no type.
type TwoValueTypes struct {
	Recv  func(arrow token.Pos) (string, bool)
	Index func(lbrack token.Pos) (string, bool)
}

// DeclareTwoValues rewrites the two-value forms among a cell's top-level
// statements: `v, ok := <-c`, `v, ok := m[k]`, `v, ok := x.(T)` and
// their `var v, ok = ...` spellings, into `var v T; var ok bool;
// v, ok = ...`. yaegi cannot type such a declaration at the global scope
// ("nil type") and runs the assignment. A type assertion names its type;
// the others' come from types. A form whose type is unknown is an error
// naming the form, not yaegi's. A blank name becomes a temporary: yaegi
// mis-stores `_, ok = <-c` at the global scope.
func DeclareTwoValues(list []ast.Stmt, types TwoValueTypes, temp Temp) ([]ast.Stmt, error) {
	out := make([]ast.Stmt, 0, len(list))
	for _, s := range list {
		lhs, rhs := twoValueForm(s)
		if rhs == nil {
			out = append(out, s)
			continue
		}
		t, ok := firstValueType(rhs, types)
		if !ok {
			form, by := formText(lhs, rhs)
			return nil, fmt.Errorf("the kernel cannot run %s at the top level of a cell here: "+
				"it could not tell %s; declare the variables first (%s)", form, valueWord(rhs), by)
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
				form, _ := formText(lhs, rhs)
				return nil, fmt.Errorf("the kernel cannot run %s at the top level of a cell: type %q: %v", form, typ, err)
			}
			spec := &ast.ValueSpec{Names: []*ast.Ident{Ident(name.Name, name.Pos())}, Type: tx}
			out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{spec}}})
		}
		out = append(out, &ast.AssignStmt{Lhs: []ast.Expr{lhs[0], lhs[1]}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{rhs}})
	}
	return out, nil
}

// firstValueType is the type of the first value rhs gives.
func firstValueType(rhs ast.Expr, types TwoValueTypes) (string, bool) {
	switch x := ast.Unparen(rhs).(type) {
	case *ast.UnaryExpr:
		if types.Recv != nil {
			return types.Recv(x.OpPos)
		}
	case *ast.IndexExpr:
		if types.Index != nil {
			return types.Index(x.Lbrack)
		}
	case *ast.TypeAssertExpr:
		var b bytes.Buffer
		if err := printer.Fprint(&b, token.NewFileSet(), x.Type); err == nil {
			return b.String(), true
		}
	}
	return "", false
}

// twoValueForm returns the names and the value of `a, b := X` or
// `var a, b = X` where X is a receive, an index or a type assertion:
// the forms whose second value is an ok.
func twoValueForm(s ast.Stmt) ([]*ast.Ident, ast.Expr) {
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
	switch x := ast.Unparen(rhs).(type) {
	case *ast.UnaryExpr:
		if x.Op != token.ARROW {
			return nil, nil
		}
	case *ast.IndexExpr:
	case *ast.TypeAssertExpr:
		if x.Type == nil { // x.(type) outside a switch: the checker's to report
			return nil, nil
		}
	default:
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
	return names, rhs
}

// formText names the form for a message, in short as the cell wrote
// it, and the way to write it by hand.
func formText(names []*ast.Ident, rhs ast.Expr) (short, by string) {
	kind, v := "receive", "<-c"
	switch ast.Unparen(rhs).(type) {
	case *ast.IndexExpr:
		kind, v = "map index", "m[k]"
	case *ast.TypeAssertExpr:
		kind, v = "type assertion", "x.(T)"
	}
	short = strings.Replace(v, "c", "...", 1)
	if kind != "receive" {
		short = v
	}
	short = fmt.Sprintf("the two-value %s `%s, %s := %s`", kind, names[0].Name, names[1].Name, short)
	by = fmt.Sprintf("var %s T; var %s bool; %s, %s = %s", names[0].Name, names[1].Name, names[0].Name, names[1].Name, v)
	return short, by
}

func valueWord(rhs ast.Expr) string {
	switch ast.Unparen(rhs).(type) {
	case *ast.IndexExpr:
		return "the map's elements"
	case *ast.TypeAssertExpr:
		return "the asserted type"
	}
	return "the channel's element type"
}
