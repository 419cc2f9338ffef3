package rewrite

import (
	"go/ast"
	"go/token"
)

// The loop rewrites of range over a function and over slices.Backward;
// which loops range over an iterator the evaluator decides (it knows the
// earlier cells' iterators).

// RangeFunc rewrites the range-over-func loop r, labelled by s when s is
// a LabeledStmt; arity is how many values the iterator yields. yaegi
// v0.16.1 cannot compile such a loop; it becomes a plain loop pulling
// from the iterator run on its own goroutine (the evaluator's Puller):
//
//	{ __gl_sN := seq; __gl_pN := __glrt.Pull(__gl_sN); defer __gl_pN.Stop()
//	  label: for { x, __gl_okN := __gl_next1(__gl_sN, __gl_pN); if !__gl_okN { break }; BODY }
//	  __gl_pN.Stop() }
//
// The body stays the body of a real loop, so break, continue, labels,
// return and defer mean what they mean in Go. seqType, if not nil, gives
// the declared type of the ranged expression when yaegi could not infer
// __gl_next's type argument from it (a struct field), else nil.
func RangeFunc(s ast.Stmt, r *ast.RangeStmt, arity int, temp Temp, seqType func(ast.Expr) ast.Expr) ast.Stmt {
	pos, end := r.For, r.End()
	seq, p, ok := temp("s", pos), temp("p", pos), temp("ok", pos)
	call := func(fn string, args ...ast.Expr) *ast.CallExpr {
		return &ast.CallExpr{Fun: Ident(fn, pos), Lparen: pos, Args: args, Rparen: pos}
	}
	sel := func(x *ast.Ident, name string) *ast.SelectorExpr {
		return &ast.SelectorExpr{X: Ident(x.Name, pos), Sel: Ident(name, pos)}
	}
	define := func(l ast.Expr, r ast.Expr) ast.Stmt {
		return &ast.AssignStmt{Lhs: []ast.Expr{l}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{r}}
	}
	vars := []ast.Expr{r.Key, r.Value}[:arity]
	var after []ast.Stmt // `k = __gl_kN` for a loop that assigns (=)
	lhs := make([]ast.Expr, 0, arity+1)
	for _, v := range vars {
		switch {
		case v == nil || IsIdent(v, "_"):
			lhs = append(lhs, Ident("_", pos))
		case r.Tok == token.DEFINE:
			lhs = append(lhs, v)
		default:
			t := temp("v", pos)
			lhs = append(lhs, t)
			after = append(after, &ast.AssignStmt{Lhs: []ast.Expr{v}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{Ident(t.Name, pos)}})
		}
	}
	lhs = append(lhs, ok)
	next := "__gl_next1"
	if arity == 2 {
		next = "__gl_next2"
	}
	body := []ast.Stmt{
		&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{call(next, Ident(seq.Name, pos), Ident(p.Name, pos))}},
		&ast.IfStmt{If: pos, Cond: &ast.UnaryExpr{OpPos: pos, Op: token.NOT, X: Ident(ok.Name, pos)},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.BranchStmt{TokPos: pos, Tok: token.BREAK}}, Rbrace: pos}},
	}
	own := ""
	if l, isLabel := s.(*ast.LabeledStmt); isLabel {
		own = l.Label.Name
	}
	body = append(append(body, after...), stopBeforeExits(r.Body.List, p, own, labelsIn(r.Body))...)
	var loop ast.Stmt = &ast.ForStmt{For: pos, Body: &ast.BlockStmt{Lbrace: r.Body.Lbrace, List: body, Rbrace: r.Body.Rbrace}}
	if l, isLabel := s.(*ast.LabeledStmt); isLabel {
		l.Stmt = loop
		loop = l
	}
	stop := &ast.ExprStmt{X: &ast.CallExpr{Fun: sel(p, "Stop"), Lparen: pos, Rparen: pos}}
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
		seqDefine(seq, r.X, define, seqType),
		define(p, &ast.CallExpr{Fun: &ast.SelectorExpr{X: Ident("__glrt", pos), Sel: Ident("Pull", pos)}, Lparen: pos, Args: []ast.Expr{Ident(seq.Name, pos)}, Rparen: pos}),
		&ast.DeferStmt{Defer: pos, Call: &ast.CallExpr{Fun: sel(p, "Stop"), Lparen: pos, Rparen: pos}},
		loop,
		stop,
	}, Rbrace: end}
}

// stopBeforeExits puts `p.Stop()` before every statement of body that
// leaves the loop without passing its end: return, goto, and break or
// continue naming a label outside the loop. In Go the iterator finishes
// (its defers run) before the function's own defers, so waiting for the
// deferred Stop would print in another order. Function literals are not
// entered: their returns leave only themselves.
func stopBeforeExits(list []ast.Stmt, p *ast.Ident, own string, inner map[string]bool) []ast.Stmt {
	for i, s := range list {
		list[i] = stopBefore(s, p, own, inner)
	}
	return list
}

func stopBefore(s ast.Stmt, p *ast.Ident, own string, inner map[string]bool) ast.Stmt {
	walk := func(b *ast.BlockStmt) {
		if b != nil {
			b.List = stopBeforeExits(b.List, p, own, inner)
		}
	}
	exits := false
	switch x := s.(type) {
	case *ast.ReturnStmt:
		exits = true
	case *ast.BranchStmt:
		// A goto to a label inside the body stays in the loop (stopping
		// the iterator there ended the loop: goto next to the body's end).
		exits = x.Tok == token.GOTO && (x.Label == nil || !inner[x.Label.Name]) ||
			x.Tok != token.GOTO && x.Label != nil && x.Label.Name != own && !inner[x.Label.Name]
	case *ast.BlockStmt:
		walk(x)
	case *ast.IfStmt:
		walk(x.Body)
		if x.Else != nil {
			x.Else = stopBefore(x.Else, p, own, inner)
		}
	case *ast.ForStmt:
		walk(x.Body)
	case *ast.RangeStmt:
		walk(x.Body)
	case *ast.LabeledStmt:
		x.Stmt = stopBefore(x.Stmt, p, own, inner)
	case *ast.SwitchStmt:
		VisitClauses(x.Body, false, func(l []ast.Stmt, _ bool) []ast.Stmt { return stopBeforeExits(l, p, own, inner) })
	case *ast.TypeSwitchStmt:
		VisitClauses(x.Body, false, func(l []ast.Stmt, _ bool) []ast.Stmt { return stopBeforeExits(l, p, own, inner) })
	case *ast.SelectStmt:
		VisitClauses(x.Body, false, func(l []ast.Stmt, _ bool) []ast.Stmt { return stopBeforeExits(l, p, own, inner) })
	}
	if !exits {
		return s
	}
	pos := s.Pos()
	stop := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: Ident(p.Name, pos), Sel: Ident("Stop", pos)}, Lparen: pos, Rparen: pos}}
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{stop, s}, Rbrace: s.End()}
}

// labelsIn lists the labels declared inside body.
func labelsIn(body *ast.BlockStmt) map[string]bool {
	out := map[string]bool{}
	ast.Inspect(body, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			out[v.Label.Name] = true
		}
		return true
	})
	return out
}

// RangeBackward turns `for i, v := range slices.Backward(s)` into a loop
// counting down over s (evaluated once), declaring i and v afresh in
// each iteration as Go 1.22 does.
func RangeBackward(s ast.Stmt, r *ast.RangeStmt, arg ast.Expr, temp Temp) ast.Stmt {
	pos := r.For
	b, i := temp("b", pos), temp("i", pos)
	var lhs, rhs []ast.Expr
	if r.Key != nil && !IsIdent(r.Key, "_") {
		lhs, rhs = append(lhs, r.Key), append(rhs, Ident(i.Name, pos))
	}
	if r.Value != nil && !IsIdent(r.Value, "_") {
		lhs = append(lhs, r.Value)
		rhs = append(rhs, &ast.IndexExpr{X: Ident(b.Name, pos), Lbrack: pos, Index: Ident(i.Name, pos), Rbrack: pos})
	}
	body := r.Body.List
	if len(lhs) > 0 {
		tok := token.ASSIGN
		if r.Tok == token.DEFINE {
			tok = token.DEFINE
		}
		body = append([]ast.Stmt{&ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: tok, Rhs: rhs}}, body...)
	}
	loop := &ast.ForStmt{For: pos,
		Init: &ast.AssignStmt{Lhs: []ast.Expr{i}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.BinaryExpr{
			X: &ast.CallExpr{Fun: Ident("len", pos), Lparen: pos, Args: []ast.Expr{Ident(b.Name, pos)}, Rparen: pos}, OpPos: pos, Op: token.SUB,
			Y: &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: "1"}}}},
		Cond: &ast.BinaryExpr{X: Ident(i.Name, pos), OpPos: pos, Op: token.GEQ, Y: &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: "0"}},
		Post: &ast.IncDecStmt{X: Ident(i.Name, pos), TokPos: pos, Tok: token.DEC},
		Body: &ast.BlockStmt{Lbrace: r.Body.Lbrace, List: body, Rbrace: r.Body.Rbrace}}
	var out ast.Stmt = loop
	if l, ok := s.(*ast.LabeledStmt); ok {
		l.Stmt = loop
		out = l
	}
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{b}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{arg}}, out}, Rbrace: r.End()}
}

// seqDefine is `seq := x`, or `var seq T = x` when x is a struct field of
// known type T (from which yaegi could not infer __gl_next's type).
func seqDefine(seq *ast.Ident, x ast.Expr, define func(l, r ast.Expr) ast.Stmt, seqType func(ast.Expr) ast.Expr) ast.Stmt {
	if seqType != nil {
		if t := seqType(x); t != nil {
			return &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: seq.Pos(), Tok: token.VAR, Specs: []ast.Spec{
				&ast.ValueSpec{Names: []*ast.Ident{seq}, Type: t, Values: []ast.Expr{x}}}}}
		}
	}
	return define(seq, x)
}

// IsIdent reports whether x is the identifier name.
func IsIdent(x ast.Expr, name string) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == name
}
