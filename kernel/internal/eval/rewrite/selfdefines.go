package rewrite

import (
	"go/ast"
	"go/token"
)

// SelfDefine takes out of s, a cell's top-level definition that reads
// a name it defines, the evaluation of its values into temporaries, and
// returns that statement, to run before s (apart: the interpreter
// declares a statement run's globals before it runs any of it); s then
// defines the names from the temporaries:
//
//	x := x * 2          →  __gl_t1 := x * 2   and   x := __gl_t1
//	var n int64 = n + 1 →  var __gl_t2 int64 = n + 1   and   var n int64 = __gl_t2
//
// A top-level name is a global of the interpreter, which made the new
// variable (zero) before it evaluated the value, so `x := x * 2` after
// x := 5 gave 0; in a notebook, as in a nested Go scope, the value is
// computed from the earlier x (10).
func SelfDefine(s ast.Stmt, temp Temp) (ast.Stmt, bool) {
	switch x := s.(type) {
	case *ast.AssignStmt:
		if x.Tok != token.DEFINE || len(x.Lhs) != len(x.Rhs) || !readsOwnNames(x.Lhs, x.Rhs) {
			return nil, false
		}
		tmps := make([]ast.Expr, len(x.Rhs))
		for i, r := range x.Rhs {
			tmps[i] = temp("t", r.Pos())
		}
		pre := &ast.AssignStmt{Lhs: tmps, TokPos: x.TokPos, Tok: token.DEFINE, Rhs: x.Rhs}
		x.Rhs = make([]ast.Expr, len(tmps))
		for i, t := range tmps {
			x.Rhs[i] = Ident(t.(*ast.Ident).Name, t.Pos())
		}
		return pre, true
	case *ast.DeclStmt:
		g, ok := x.Decl.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR || len(g.Specs) != 1 {
			return nil, false
		}
		vs := g.Specs[0].(*ast.ValueSpec)
		names := make([]ast.Expr, len(vs.Names))
		for i, n := range vs.Names {
			names[i] = n
		}
		if len(vs.Values) != len(vs.Names) || !readsOwnNames(names, vs.Values) {
			return nil, false
		}
		tmps := make([]*ast.Ident, len(vs.Values))
		for i, v := range vs.Values {
			tmps[i] = temp("t", v.Pos())
		}
		pre := &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: g.TokPos, Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: tmps, Type: vs.Type, Values: vs.Values}}}}
		vs.Values = make([]ast.Expr, len(tmps))
		for i, t := range tmps {
			vs.Values[i] = Ident(t.Name, t.Pos())
		}
		return pre, true
	}
	return nil, false
}

// readsOwnNames reports whether one of values mentions a name of names
// (not as a field or method selected from something else, nor as a
// struct literal's key).
func readsOwnNames(names, values []ast.Expr) bool {
	own := map[string]bool{}
	for _, n := range names {
		if id, ok := n.(*ast.Ident); ok && id.Name != "_" {
			own[id.Name] = true
		}
	}
	found := false
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(x.X, visit)
			return false
		case *ast.KeyValueExpr:
			if _, isIdent := x.Key.(*ast.Ident); !isIdent {
				ast.Inspect(x.Key, visit)
			}
			ast.Inspect(x.Value, visit)
			return false
		case *ast.Ident:
			found = found || own[x.Name]
		}
		return !found
	}
	for _, v := range values {
		ast.Inspect(v, visit)
	}
	return found
}
