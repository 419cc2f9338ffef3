package rewrite

import (
	"go/ast"
	"go/token"
)

// Go 1.22 changed loops in two ways that every current tutorial relies on
// and yaegi v0.16.1 does not implement: each iteration of a `for` loop gets
// its own copy of the loop variables, and `range` accepts an integer. The
// rewrites below give both. They work on the AST so that positions (and so
// error messages) still point into the cell.

// Temp returns a fresh reserved identifier (__gl_<hint><n>) placed at pos.
type Temp func(hint string, pos token.Pos) *ast.Ident

// WrapLabel puts f under the label of orig, if orig was labelled.
func WrapLabel(f ast.Stmt, orig ast.Stmt) ast.Stmt {
	if l, ok := orig.(*ast.LabeledStmt); ok {
		l.Stmt = f
		return l
	}
	return f
}

// RangeIntToFor turns `for i := range X` into
// `__gl_nK := X; for i := __gl_nK - __gl_nK; i < __gl_nK; i++`, which
// evaluates X once and gives i the type of X, as Go 1.22 does.
func RangeIntToFor(r *ast.RangeStmt, temp Temp) (*ast.ForStmt, ast.Stmt) {
	pos := r.For
	n := temp("n", pos)
	pre := &ast.AssignStmt{Lhs: []ast.Expr{n}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{r.X}}
	var key *ast.Ident
	if k, ok := r.Key.(*ast.Ident); ok && k.Name != "_" && r.Tok == token.DEFINE && !changes(r.Body, k.Name) {
		key = k
	} else {
		key = temp("i", pos)
	}
	f := &ast.ForStmt{For: pos, Body: r.Body}
	if r.Key != nil && !isBlank(r.Key) && key != r.Key {
		// The range's variable is set from a hidden counter at the top of
		// each iteration. `for k = range N` leaves k at N-1 (untouched
		// when N is 0), not at N as a loop on k itself would; a body that
		// changes its k (`k += 2`, &k) does not change the iterations.
		// A defined k is declared around the body, which may declare
		// its own: `for i := range 3 { i := i * 2 }`.
		set := &ast.AssignStmt{Lhs: []ast.Expr{r.Key}, TokPos: pos, Tok: r.Tok, Rhs: []ast.Expr{Ident(key.Name, pos)}}
		body := []ast.Stmt{set, r.Body}
		if r.Tok == token.ASSIGN {
			body = append([]ast.Stmt{set}, r.Body.List...)
		}
		f.Body = &ast.BlockStmt{Lbrace: r.Body.Lbrace, List: body, Rbrace: r.Body.Rbrace}
	}
	f.Init = &ast.AssignStmt{Lhs: []ast.Expr{key}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{zeroOf(n)}}
	f.Cond = &ast.BinaryExpr{X: Ident(key.Name, pos), OpPos: pos, Op: token.LSS, Y: Ident(n.Name, pos)}
	f.Post = &ast.IncDecStmt{X: Ident(key.Name, pos), TokPos: pos, Tok: token.INC}
	return f, pre
}

// changes reports whether body may change the variable name: it assigns
// it, increments it or takes its address (also inside a func literal;
// a declaration of the same name in a nested block counts too, which
// only costs a copy).
func changes(body *ast.BlockStmt, name string) bool {
	is := func(x ast.Expr) bool {
		id, ok := ast.Unparen(x).(*ast.Ident)
		return ok && id.Name == name
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				found = found || is(l)
			}
		case *ast.IncDecStmt:
			found = found || is(x.X)
		case *ast.UnaryExpr:
			found = found || x.Op == token.AND && is(x.X)
		case *ast.RangeStmt:
			found = found || x.Key != nil && is(x.Key) || x.Value != nil && is(x.Value)
		}
		return !found
	})
	return found
}

func isBlank(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == "_"
}

// zeroOf is `n - n`: a zero of n's type without naming the type.
func zeroOf(n *ast.Ident) ast.Expr {
	return &ast.BinaryExpr{X: Ident(n.Name, n.Pos()), OpPos: n.Pos(), Op: token.SUB, Y: Ident(n.Name, n.Pos())}
}

// PerIteration gives a 3-clause loop Go 1.22 semantics: the body works on
// a fresh copy of each loop variable, copied back at the end of the body
// and before every `continue` of this loop, so the post statement sees
// the body's changes. Loops whose body cannot capture a variable (no
// closure, goroutine, defer or address-of) are left alone: the copy would
// be unobservable and would only cost time.
func PerIteration(f *ast.ForStmt, label string, temp Temp) {
	as, ok := f.Init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return
	}
	var defined []*ast.Ident
	for _, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok {
			defined = append(defined, id)
		}
	}
	if !mayCapture(f.Body, defined) {
		return
	}
	pos := f.Body.Lbrace
	var pre, post []ast.Stmt
	var names []*ast.Ident
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		p := temp("p", pos)
		pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{p}, TokPos: pos, Tok: token.DEFINE,
			Rhs: []ast.Expr{&ast.UnaryExpr{OpPos: pos, Op: token.AND, X: Ident(id.Name, pos)}}})
		post = append(post, &ast.AssignStmt{Lhs: []ast.Expr{&ast.StarExpr{Star: pos, X: Ident(p.Name, pos)}},
			TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{Ident(id.Name, pos)}})
		names = append(names, id)
	}
	if len(names) == 0 {
		return
	}
	pre = append(pre, copyDefine(names, pos))
	replaceContinue(f.Body, label, post)
	body := append(pre, f.Body)
	body = append(body, post...)
	f.Body = &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: f.Body.Rbrace}
}

// PerIterationRange gives `for k, v := range X` a fresh k and v per
// iteration by shadowing them at the top of the body. The original body
// is nested one block deeper so that an old-style `v := v` in it still
// compiles.
func PerIterationRange(r *ast.RangeStmt) {
	if r.Tok != token.DEFINE {
		return
	}
	var names []*ast.Ident
	changed := false
	for _, x := range []ast.Expr{r.Key, r.Value} {
		if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
			names = append(names, id)
			changed = changed || changes(r.Body, id.Name)
		}
	}
	// A body that changes its copy leaves the loop's own variables alone:
	// yaegi counts a slice's iterations with the key variable itself, so
	// `i += 5` in the body skipped iterations.
	if len(names) == 0 || !changed && !mayCapture(r.Body, names) {
		return
	}
	pos := r.Body.Lbrace
	r.Body = &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{copyDefine(names, pos), r.Body}, Rbrace: r.Body.Rbrace}
}

// copyDefine is `a, b := a, b`.
func copyDefine(names []*ast.Ident, pos token.Pos) ast.Stmt {
	as := &ast.AssignStmt{TokPos: pos, Tok: token.DEFINE}
	for _, id := range names {
		as.Lhs = append(as.Lhs, Ident(id.Name, pos))
		as.Rhs = append(as.Rhs, Ident(id.Name, pos))
	}
	return as
}

// mayCapture reports whether body could keep a reference to one of the
// loop variables names beyond its iteration. A selector on one of them
// that is not called may be a method value, which holds &v when the
// method has a pointer receiver (`fs = append(fs, it.Show)`); without
// types a field read looks the same, and only costs a copy.
func mayCapture(body ast.Node, names []*ast.Ident) bool {
	found := false
	called := map[ast.Expr]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			found = true
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				found = true
			}
		case *ast.CallExpr:
			called[ast.Unparen(x.Fun)] = true
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && !called[x] {
				for _, name := range names {
					found = found || id.Name == name.Name
				}
			}
		}
		return !found
	})
	return found
}

// replaceContinue puts the copy-back statements before each `continue`
// that targets the loop owning body (unlabelled ones outside nested loops,
// and labelled ones naming label).
func replaceContinue(body *ast.BlockStmt, label string, post []ast.Stmt) {
	var walk func(list []ast.Stmt, nested bool) []ast.Stmt
	walk = func(list []ast.Stmt, nested bool) []ast.Stmt {
		for i, s := range list {
			if b, ok := s.(*ast.BranchStmt); ok && b.Tok == token.CONTINUE &&
				((b.Label == nil && !nested) || (b.Label != nil && b.Label.Name == label && label != "")) {
				list[i] = &ast.BlockStmt{Lbrace: b.Pos(), List: append(append([]ast.Stmt{}, post...), b), Rbrace: b.End()}
				continue
			}
			VisitChildLists(s, nested, walk)
		}
		return list
	}
	body.List = walk(body.List, false)
}
