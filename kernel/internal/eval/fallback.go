package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
)

// yaegi cannot compile a top-level `x := g(...)` when g is generic (a
// nil-pointer panic or "constant definition loop" while it types the
// global), yet the same call compiles inside a function, and
// `var x T; x = g(...)` compiles at top level. When a statement run
// fails to compile, it is retried one statement at a time, and such a
// definition is run as: declare the global with the type the type
// checker found (typecheck.Facts.Defines), assign. Without the checker's
// word (a cell it could not read): compute the value inside a function,
// read its type with reflect, which cannot name the cells' types.

// retryStatements re-runs a statement unit that failed to compile, one
// statement at a time. It returns the original error when the retry does
// not apply.
func (e *Evaluator) retryStatements(cctx, ctx context.Context, u *unit, user bool, orig error) error {
	if u.block == nil {
		return orig
	}
	if len(u.block.List) == 1 {
		return e.defineByType(cctx, ctx, u, user, orig)
	}
	for _, s := range u.block.List {
		sub := &unit{kind: segStmt, block: &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{s}, Rbrace: s.End()}, src: u.src, segs: u.segs}
		sub.defs = stmtDefs(sub.block.List)
		sub.pending = e.stmtEntries(sub)
		if err := e.runUnit(cctx, ctx, sub, user); err != nil {
			return err
		}
	}
	return nil
}

// defineByType runs `x := expr` as described above.
func (e *Evaluator) defineByType(cctx, ctx context.Context, u *unit, user bool, orig error) error {
	as, ok := u.block.List[0].(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Rhs) != 1 {
		return orig
	}
	if len(as.Lhs) > 1 {
		return e.defineEachByType(cctx, ctx, u, user, as, orig)
	}
	name, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return orig
	}
	pos := as.Pos()
	if typ, ok := e.facts.f.Defines[e.factPos(name.Pos())]; ok {
		// The type checker's word: it names the cells' types, which
		// reflect cannot (x := Zip(ks, vs) of []Pair[K, V]).
		if tx, err := parser.ParseExpr(typ); err == nil {
			return e.declareAndAssign(cctx, ctx, u, user, name, tx, as.Rhs[0], orig)
		}
	}
	if ft := e.instantiatedFuncType(as.Rhs[0]); ft != nil {
		return e.declareAndAssign(cctx, ctx, u, user, name, ft, as.Rhs[0], orig)
	}
	stash := &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__glrt", pos), Sel: rewrite.Ident("Stash", pos)}, Lparen: pos, Args: as.Rhs, Rparen: pos}
	p, err := e.compile(&ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{rewrite.IIFE([]ast.Stmt{&ast.ExprStmt{X: stash}}, pos, as.End())}, Rbrace: as.End()})
	if err != nil {
		return orig
	}
	if err := e.execute(cctx, ctx, p); err != nil {
		return err
	}
	e.mu.Lock()
	v := e.stash
	e.stash = nil
	e.mu.Unlock()
	typ := goTypeExpr(reflect.TypeOf(v))
	if typ == "" {
		return &Error{Name: "CompileError", Value: fmt.Sprintf(
			"%s (the interpreter cannot work out the type of %s here; declare it with its type: var %s T = ...)",
			errText(orig), name.Name, name.Name)}
	}
	tx, err := parser.ParseExpr(typ)
	if err != nil {
		return orig
	}
	unstash := &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__glrt", pos), Sel: rewrite.Ident("Unstash", pos)}, Lparen: pos, Rparen: pos}
	e.mu.Lock()
	e.stash = v
	e.mu.Unlock()
	return e.declareAndAssign(cctx, ctx, u, user, name, tx, &ast.TypeAssertExpr{X: unstash, Type: tx}, orig)
}

// defineEachByType runs `a, err := g(...)` as `var a A; var err error;
// a, err = g(...)` with the types the type checker found for each name
// (a generic g's two results at top level: the same failure as above).
func (e *Evaluator) defineEachByType(cctx, ctx context.Context, u *unit, user bool, as *ast.AssignStmt, orig error) error {
	var names []*ast.Ident
	var typs []ast.Expr
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return orig
		}
		if id.Name == "_" {
			continue
		}
		typ, ok := e.facts.f.Defines[e.factPos(id.Pos())]
		if !ok {
			return orig
		}
		tx, err := parser.ParseExpr(typ)
		if err != nil {
			return orig
		}
		names, typs = append(names, id), append(typs, tx)
	}
	lhs := make([]ast.Expr, len(as.Lhs))
	for i, l := range as.Lhs {
		lhs[i] = rewrite.Ident(l.(*ast.Ident).Name, l.Pos())
	}
	return e.declareAllAndAssign(cctx, ctx, u, user, names, typs, lhs, as.Rhs[0], orig)
}

// declareAndAssign runs `var name typ; name = value` at top level.
func (e *Evaluator) declareAndAssign(cctx, ctx context.Context, u *unit, user bool, name *ast.Ident, typ, value ast.Expr, orig error) error {
	return e.declareAllAndAssign(cctx, ctx, u, user, []*ast.Ident{name}, []ast.Expr{typ}, []ast.Expr{rewrite.Ident(name.Name, name.Pos())}, value, orig)
}

// declareAllAndAssign runs `var n1 t1; var n2 t2; lhs = value` at top level.
func (e *Evaluator) declareAllAndAssign(cctx, ctx context.Context, u *unit, user bool, names []*ast.Ident, typs []ast.Expr, lhs []ast.Expr, value ast.Expr, orig error) error {
	pos := lhs[0].Pos()
	var list []ast.Stmt
	for i, name := range names {
		list = append(list, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{rewrite.Ident(name.Name, pos)}, Type: typs[i]}}}})
	}
	list = append(list, &ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{value}})
	p, err := e.compile(&ast.BlockStmt{Lbrace: pos, List: list, Rbrace: pos})
	if err != nil {
		return orig
	}
	if err := e.execute(cctx, ctx, p); err != nil {
		return err
	}
	if user {
		e.decls.record(u.pending)
	}
	return nil
}

// goTypeExpr spells t in Go syntax when that is possible from a cell:
// predeclared types and composites of them. It returns "" otherwise
// (types declared in cells are invisible to reflect).
func goTypeExpr(t reflect.Type) string {
	if t == nil {
		return ""
	}
	if t.Name() != "" {
		if t.PkgPath() == "" && t.Kind() != reflect.Struct && t.Kind() != reflect.Interface {
			return t.Name()
		}
		return ""
	}
	switch t.Kind() {
	case reflect.Slice:
		if el := goTypeExpr(t.Elem()); el != "" {
			return "[]" + el
		}
	case reflect.Array:
		if el := goTypeExpr(t.Elem()); el != "" {
			return fmt.Sprintf("[%d]%s", t.Len(), el)
		}
	case reflect.Pointer:
		if el := goTypeExpr(t.Elem()); el != "" {
			return "*" + el
		}
	case reflect.Map:
		k, v := goTypeExpr(t.Key()), goTypeExpr(t.Elem())
		if k != "" && v != "" {
			return "map[" + k + "]" + v
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any"
		}
	}
	return ""
}

// instantiatedFuncType returns the type of `g[T1, T2]` when g is a
// generic func declared in a cell: g's signature with its type
// parameters replaced (yaegi issue 1599: a generic instantiation used as
// a value cannot initialise a top-level variable).
func (e *Evaluator) instantiatedFuncType(x ast.Expr) ast.Expr {
	var fun ast.Expr
	var args []ast.Expr
	switch ix := x.(type) {
	case *ast.IndexExpr:
		fun, args = ix.X, []ast.Expr{ix.Index}
	case *ast.IndexListExpr:
		fun, args = ix.X, ix.Indices
	default:
		return nil
	}
	id, ok := fun.(*ast.Ident)
	if !ok {
		return nil
	}
	fd := e.genericDecl(id.Name)
	if fd == nil {
		return nil
	}
	subst := map[string]ast.Expr{}
	i := 0
	for _, field := range fd.Type.TypeParams.List {
		for _, n := range field.Names {
			if i >= len(args) {
				return nil
			}
			subst[n.Name] = args[i]
			i++
		}
	}
	typ := &ast.FuncType{Params: fd.Type.Params, Results: fd.Type.Results}
	// Re-parse the printed, substituted type so it carries no positions
	// from the temporary file set.
	text := exprString(substitute(typ, subst))
	out, err := parser.ParseExpr(text)
	if err != nil {
		return nil
	}
	return out
}

// substitute replaces identifiers named in subst below n.
func substitute(n *ast.FuncType, subst map[string]ast.Expr) *ast.FuncType {
	ast.Inspect(n, func(x ast.Node) bool {
		if f, ok := x.(*ast.Field); ok {
			if id, ok := f.Type.(*ast.Ident); ok && subst[id.Name] != nil {
				f.Type = subst[id.Name]
			}
		}
		if a, ok := x.(*ast.ArrayType); ok {
			if id, ok := a.Elt.(*ast.Ident); ok && subst[id.Name] != nil {
				a.Elt = subst[id.Name]
			}
		}
		return true
	})
	return n
}

// typeGenericVars writes the type the type checker found into each
// `var x = g(...)` below n whose g is generic (typecheck.Facts.Defines):
// yaegi types a package-level var before it instantiates g, and failed
// ("constant definition loop"), while `var x T = g(...)` compiles.
func (e *Evaluator) typeGenericVars(n ast.Node) {
	if n == nil || len(e.facts.f.Defines) == 0 {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		vs, ok := x.(*ast.ValueSpec)
		if !ok || vs.Type != nil || len(vs.Values) != 1 {
			return true
		}
		if _, call := ast.Unparen(vs.Values[0]).(*ast.CallExpr); !call {
			return true
		}
		if len(vs.Names) > 1 {
			e.typeGenericResults(vs)
			return true
		}
		if typ, ok := e.facts.f.Defines[e.factPos(vs.Names[0].Pos())]; ok {
			if tx, err := parser.ParseExprFrom(token.NewFileSet(), "", typ, 0); err == nil {
				vs.Type = tx
			}
		}
		return true
	})
}

// typeGenericResults makes `var a, err = g(...)` with g generic
// `var a, err = func() (A, error) { return g(...) }()`, the types being
// the type checker's: each name then has a type before g is instantiated.
func (e *Evaluator) typeGenericResults(vs *ast.ValueSpec) {
	var typs []string
	for _, id := range vs.Names {
		typ, ok := e.facts.f.Defines[e.factPos(id.Pos())]
		if !ok {
			return
		}
		typs = append(typs, typ)
	}
	lit, err := parser.ParseExprFrom(token.NewFileSet(), "", "func() ("+strings.Join(typs, ", ")+") { return __gl_CALL }()", 0)
	if err != nil {
		return
	}
	call := vs.Values[0]
	rewrite.ReplaceExprs(lit, func(y ast.Expr) ast.Expr {
		if rewrite.IsIdent(y, "__gl_CALL") {
			return call
		}
		return y
	})
	vs.Values[0] = lit
}
