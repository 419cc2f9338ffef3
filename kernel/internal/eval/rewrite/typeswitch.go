package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"slices"
	"strconv"
	"strings"
)

// CaseType is what the evaluator knows of a type switch case's type:
// whether it is an interface and, if so, the cell's types implementing it.
// Twins are the types whose values yaegi cannot tell from those of a
// type that is no interface: such a case is an error, not a guess.
type CaseType struct {
	Iface   bool
	Impls   []string
	Plain   []string
	Twins   []string
	Methods []string
}

// TypeSwitches rewrites every type switch below n into a switch without
// an expression whose cases test with two-value type assertions:
//
//	switch v := x.(type) { case T: A; case U, W: B; case nil: C; default: D }
//
// becomes
//
//	{ __x := x; var __c1 bool; if __x != nil { _, __c1 = __x.(T); ... }; ...
//	  switch { case __c1: var v T; <v from __x>; A; case __c2 || __c3: v := __x; B;
//	  case __x == nil: v := __x; C; default: v := __x; D } }
//
// yaegi picks wrong branches of type switches on the cells' types, and
// panics on some. Its two-value assertions are closer but not right
// either: an interface asserted on nil panics (hence the guard), a cell
// value is said not to implement a cell interface (so the cell types
// implementing it, from caseType, are tried too), and a cell value inside
// one of yaegi's wrappers (an error made any) is not seen (so
// __glrt.SetInto looks inside). The switched expression is evaluated
// once, the init statement keeps its scope, a break still leaves the
// switch, and v has the type Go gives it, its value taken the same ways.
// A case whose values yaegi cannot tell from another type's (Twins) is a
// *CaseError. A case caseType knows nothing of gets yaegi's assertion
// and the wrapper check.
func TypeSwitches(n ast.Node, caseType func(typ ast.Expr) (CaseType, bool), temp Temp) error {
	var err error
	gotos := branchLabels(n, token.GOTO)
	ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		for i, s := range list {
			label, inner := (*ast.LabeledStmt)(nil), s
			if l, ok := s.(*ast.LabeledStmt); ok {
				label, inner = l, l.Stmt
			}
			ts, ok := inner.(*ast.TypeSwitchStmt)
			if !ok || err != nil {
				continue
			}
			// A goto to the switch's label goes to the block that
			// evaluates the switched value, labelled in its place (the
			// label on the inner switch skipped that: the jump ended the
			// func silently); a break to it leaves the inner switch.
			gotoLabel := label != nil && gotos[label.Label.Name]
			if gotoLabel && branchLabels(ts.Body, token.BREAK)[label.Label.Name] {
				err = &CaseError{Pos: label.Pos(), Msg: "a type switch whose label is the target of both goto and break (" + label.Label.Name + "); label a statement before the switch for the goto"}
				continue
			}
			inLabel := label
			if gotoLabel {
				inLabel = nil
			}
			var b *ast.BlockStmt
			if b, err = typeSwitch(ts, inLabel, caseType, temp); err == nil {
				list[i] = b
				if gotoLabel {
					label.Stmt = b
					list[i] = label
				}
			}
		}
		return list
	})
	return err
}

// branchLabels are the labels of the branch statements of kind tok
// (goto, break) in n.
func branchLabels(n ast.Node, tok token.Token) map[string]bool {
	labels := map[string]bool{}
	ast.Inspect(n, func(x ast.Node) bool {
		if b, ok := x.(*ast.BranchStmt); ok && b.Tok == tok && b.Label != nil {
			labels[b.Label.Name] = true
		}
		return true
	})
	return labels
}

func typeSwitch(ts *ast.TypeSwitchStmt, label *ast.LabeledStmt, caseType func(ast.Expr) (CaseType, bool), temp Temp) (*ast.BlockStmt, error) {
	var name *ast.Ident
	var ta *ast.TypeAssertExpr
	switch a := ts.Assign.(type) {
	case *ast.AssignStmt:
		name, _ = a.Lhs[0].(*ast.Ident)
		ta, _ = a.Rhs[0].(*ast.TypeAssertExpr)
	case *ast.ExprStmt:
		ta, _ = a.X.(*ast.TypeAssertExpr)
	}
	if ta == nil {
		return nil, &CaseError{Pos: ts.Switch, Msg: "this type switch: its guard is not of the form x.(type) or v := x.(type)"}
	}
	pos := ts.Switch
	var stmts []ast.Stmt
	if ts.Init != nil {
		stmts = append(stmts, ts.Init)
	}
	x := temp("x", pos)
	stmts = append(stmts, &ast.AssignStmt{Lhs: []ast.Expr{x}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{ta.X}})
	var clauses []ast.Stmt
	for _, c := range ts.Body.List {
		cc := c.(*ast.CaseClause)
		var conds []ast.Expr
		for _, t := range cc.List {
			if id, ok := t.(*ast.Ident); ok && id.Name == "nil" {
				conds = append(conds, &ast.BinaryExpr{X: Ident(x.Name, t.Pos()), OpPos: t.Pos(), Op: token.EQL, Y: Ident("nil", t.Pos())})
				continue
			}
			decl, ok, err := caseTest(t, x.Name, caseType, temp)
			if err != nil {
				return nil, err
			}
			stmts = append(stmts, decl...)
			conds = append(conds, Ident(ok.Name, t.Pos()))
		}
		var list []ast.Expr
		if len(conds) > 0 {
			cond := conds[0]
			for _, c := range conds[1:] {
				cond = &ast.BinaryExpr{X: cond, OpPos: c.Pos(), Op: token.LOR, Y: c}
			}
			list = []ast.Expr{cond}
		}
		body := cc.Body
		if name != nil && name.Name != "_" && uses(cc.Body, name.Name) {
			bind, err := bindCase(name.Name, x.Name, cc, caseType, temp)
			if err != nil {
				return nil, err
			}
			body = append(bind, body...)
		}
		clauses = append(clauses, &ast.CaseClause{Case: cc.Case, List: list, Colon: cc.Colon, Body: body})
	}
	var sw ast.Stmt = &ast.SwitchStmt{Switch: pos, Body: &ast.BlockStmt{Lbrace: ts.Body.Lbrace, List: clauses, Rbrace: ts.Body.Rbrace}}
	if label != nil {
		label.Stmt = sw
		sw = label
	}
	stmts = append(stmts, sw)
	return &ast.BlockStmt{Lbrace: pos, List: stmts, Rbrace: ts.End() - 1}, nil
}

// caseTest declares ok, true when the switched value x holds a value of
// the case's type t: `var ok bool; if x != nil { _, ok = x.(T); ... }`,
// the dots trying, for an interface, the cell types implementing it and,
// for another type, a value inside one of yaegi's wrappers.
func caseTest(t ast.Expr, x string, caseType func(ast.Expr) (CaseType, bool), temp Temp) ([]ast.Stmt, *ast.Ident, error) {
	pos := t.Pos()
	typ, err := typeText(t)
	if err != nil {
		return nil, nil, err
	}
	ct, known := CaseType{}, false
	if caseType != nil {
		ct, known = caseType(t)
	}
	if known && !ct.Iface && len(ct.Twins) > 0 {
		return nil, nil, &CaseError{Pos: pos, Msg: fmt.Sprintf("this type switch: case %s: the interpreter cannot tell values of %s from those of %s (the same underlying type), "+
			"so it cannot tell which case a value belongs to; give the types different underlying types (e.g. a struct), or switch on an interface they implement differently",
			typ, typ, strings.Join(ct.Twins, " or "))}
	}
	ok := temp("case", pos)
	notOK := func(then ...ast.Stmt) ast.Stmt {
		return &ast.IfStmt{If: pos, Cond: &ast.UnaryExpr{OpPos: pos, Op: token.NOT, X: Ident(ok.Name, pos)},
			Body: &ast.BlockStmt{Lbrace: pos, List: then, Rbrace: pos}}
	}
	test := []ast.Stmt{assignOK(ok.Name, x, mustParseAt(typ, pos), pos)}
	if !ct.Iface { // if !ok { var v T; ok = __glrt.SetInto(&v, x) }
		v := temp("v", pos)
		test = append(test, notOK(varDecl(v.Name, mustParseAt(typ, pos), pos),
			&ast.AssignStmt{Lhs: []ast.Expr{Ident(ok.Name, pos)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{setInto(v.Name, x, pos)}}))
	}
	for _, impl := range ct.Impls { // if !ok { _, ok = x.(Impl) }
		if slices.Contains(ct.Plain, impl) {
			continue // the assertion to the interface answers for it; x.(Impl) takes a plain value for one
		}
		ix, err := parseAt(impl, pos)
		if err != nil {
			return nil, nil, fmt.Errorf("type %q: %v", impl, err)
		}
		test = append(test, notOK(assignOK(ok.Name, x, ix, pos)))
	}
	return []ast.Stmt{varDecl(ok.Name, Ident("bool", pos), pos), &ast.IfStmt{
		If:   pos,
		Cond: &ast.BinaryExpr{X: Ident(x, pos), OpPos: pos, Op: token.NEQ, Y: Ident("nil", pos)},
		Body: &ast.BlockStmt{Lbrace: pos, List: test, Rbrace: pos},
	}}, ok, nil
}

// bindCase declares the clause's variable name: of the case's type for a
// clause of one type, else the switched value as it is.
func bindCase(name, x string, cc *ast.CaseClause, caseType func(ast.Expr) (CaseType, bool), temp Temp) ([]ast.Stmt, error) {
	pos := cc.Colon
	whole := []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{Ident(name, pos)}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{Ident(x, pos)}}}
	if len(cc.List) != 1 {
		return whole, nil
	}
	t := cc.List[0]
	if id, ok := t.(*ast.Ident); ok && id.Name == "nil" {
		return whole, nil
	}
	typ, err := typeText(t)
	if err != nil {
		return nil, err
	}
	assert := func() ast.Expr {
		return &ast.TypeAssertExpr{X: Ident(x, pos), Lparen: pos, Type: mustParseAt(typ, pos), Rparen: pos}
	}
	ct, known := CaseType{Iface: true}, false
	if caseType != nil {
		ct, known = caseType(t)
		if !known {
			ct = CaseType{Iface: true}
		}
	}
	if !ct.Iface {
		// var v T; if t, ok := x.(T); ok { v = t } else { __glrt.SetInto(&v, x) }
		p, ok := temp("val", pos), temp("ok", pos)
		return []ast.Stmt{varDecl(name, mustParseAt(typ, pos), pos), &ast.IfStmt{
			If:   pos,
			Init: &ast.AssignStmt{Lhs: []ast.Expr{p, ok}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{assert()}},
			Cond: Ident(ok.Name, pos),
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{Ident(name, pos)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{Ident(p.Name, pos)}}}, Rbrace: pos},
			Else: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: setInto(name, x, pos)}}, Rbrace: pos},
		}}, nil
	}
	// var v I; if p, ok := x.(Impl1); ok { v = p } else if ... else { v = x.(I) }
	var chain ast.Stmt = &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{Ident(name, pos)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{assert()}}}, Rbrace: pos}
	for i := len(ct.Impls) - 1; i >= 0; i-- {
		impl, err := parseAt(ct.Impls[i], pos)
		if err != nil {
			return nil, fmt.Errorf("type %q: %v", ct.Impls[i], err)
		}
		p, ok := temp("impl", pos), temp("ok", pos)
		var cond ast.Expr = Ident(ok.Name, pos)
		if slices.Contains(ct.Plain, ct.Impls[i]) { // a Celsius is no Fahrenheit (see mayHold)
			cond = &ast.BinaryExpr{X: cond, OpPos: pos, Op: token.LAND, Y: mayHoldCall(x, ct.Impls[i], pos)}
		}
		chain = &ast.IfStmt{
			If:   pos,
			Init: &ast.AssignStmt{Lhs: []ast.Expr{p, ok}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.TypeAssertExpr{X: Ident(x, pos), Lparen: pos, Type: impl, Rparen: pos}}},
			Cond: cond,
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{Ident(name, pos)}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{Ident(p.Name, pos)}}}, Rbrace: pos},
			Else: chain,
		}
	}
	if b, ok := chain.(*ast.BlockStmt); ok {
		chain = b.List[0]
	}
	return []ast.Stmt{varDecl(name, mustParseAt(typ, pos), pos), chain}, nil
}

// CaseError is a type switch case or type assertion the kernel cannot
// run right, at Pos; Msg names the form ("this type switch: ...").
type CaseError struct {
	Pos token.Pos
	Msg string
}

func (c *CaseError) Error() string { return c.Msg }

// setInto is __glrt.SetInto(&dst, x): it stores a cell value that
// reached x inside one of yaegi's wrappers (an error made any, say),
// which a type assertion does not see through, when its type is dst's.
func setInto(dst, x string, pos token.Pos) ast.Expr {
	return &ast.CallExpr{Fun: &ast.SelectorExpr{X: Ident("__glrt", pos), Sel: Ident("SetInto", pos)}, Lparen: pos,
		Args: []ast.Expr{&ast.UnaryExpr{OpPos: pos, Op: token.AND, X: Ident(dst, pos)}, Ident(x, pos)}, Rparen: pos}
}

// mayHoldCall is __glrt.MayHold(x, "main.impl"): false when the
// interface value x names a cell type other than impl.
func mayHoldCall(x, impl string, pos token.Pos) ast.Expr {
	return &ast.CallExpr{Fun: rtFunc("MayHold", pos), Lparen: pos, Args: []ast.Expr{Ident(x, pos),
		&ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote("main." + impl)}}, Rparen: pos}
}

// assignOK is `_, ok = x.(typ)`.
func assignOK(ok, x string, typ ast.Expr, pos token.Pos) ast.Stmt {
	return &ast.AssignStmt{Lhs: []ast.Expr{Ident("_", pos), Ident(ok, pos)}, TokPos: pos, Tok: token.ASSIGN,
		Rhs: []ast.Expr{&ast.TypeAssertExpr{X: Ident(x, pos), Lparen: pos, Type: typ, Rparen: pos}}}
}

func varDecl(name string, typ ast.Expr, pos token.Pos) ast.Stmt {
	spec := &ast.ValueSpec{Names: []*ast.Ident{Ident(name, pos)}, Type: typ}
	return &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{spec}}}
}

// typeText is the source of a type expression, to be parsed afresh
// wherever it is used: no node is shared between two places.
func typeText(t ast.Expr) (string, error) {
	var b bytes.Buffer
	if err := printer.Fprint(&b, token.NewFileSet(), t); err != nil {
		return "", err
	}
	if _, err := parseAt(b.String(), t.Pos()); err != nil {
		return "", fmt.Errorf("type %q: %v", b.String(), err)
	}
	return b.String(), nil
}

// mustParseAt parses what typeText or the type checker checked already.
func mustParseAt(src string, pos token.Pos) ast.Expr {
	x, err := parseAt(src, pos)
	if err != nil {
		panic(err)
	}
	return x
}

// uses says whether name appears in list (a shadowing declaration counts:
// declaring the variable for nothing is harmless).
func uses(list []ast.Stmt, name string) bool {
	found := false
	for _, s := range list {
		ast.Inspect(s, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				found = true
			}
			return !found
		})
	}
	return found
}
