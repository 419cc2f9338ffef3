package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
)

// Compare is what the type checker says of one comparison: each
// operand's type as reflect prints it, "" for an interface.
type Compare struct{ Left, Right string }

// IfaceCompares routes the comparisons the type checker found with an
// interface operand through the runtime, which compares as Go does
// where the interpreter does not (an interface holding a value of a
// cell's type). op gives the fact for a comparison by its operator,
// caseAt for a switch case by its expression.
//
//	e == orig            →  __glrt.IfaceCmp(e, "", orig, "*main.NotFound") == 0
//	a != b               →  __glrt.IfaceCmp(a, "", b, "") != 0
//	switch f() { case A, B:
//	  →  switch __gl_tag1 := f(); { case __glrt.IfaceCmp(__gl_tag1, "", A, "") == 0 || __glrt.IfaceCmp(__gl_tag1, "", B, "") == 0:
//
// The operands stay in place as call arguments, so each is evaluated
// once, left to right, as Go does. A switch with both an init statement
// and a tag other than a name is left alone: the tag's variable would
// need a second init.
func IfaceCompares(n ast.Node, op, caseAt func(token.Pos) (Compare, bool), temp Temp) {
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.BinaryExpr:
			if v.Op != token.EQL && v.Op != token.NEQ {
				return true
			}
			if c, ok := op(v.OpPos); ok {
				v.X = cmpCall(v.X, v.Y, c)
				v.Y = &ast.BasicLit{ValuePos: v.OpPos, Kind: token.INT, Value: "0"}
			}
		case *ast.SwitchStmt:
			if _, name := v.Tag.(*ast.Ident); v.Tag != nil && (v.Init == nil || name) {
				switchCompares(v, caseAt, temp)
			}
		}
		return true
	})
}

// switchCompares makes v a tagless switch over its tag's value when one
// of its cases needs the runtime's comparison.
func switchCompares(v *ast.SwitchStmt, caseAt func(token.Pos) (Compare, bool), temp Temp) {
	facts := map[ast.Expr]Compare{}
	for _, s := range v.Body.List {
		if cc, ok := s.(*ast.CaseClause); ok {
			for _, e := range cc.List {
				if c, ok := caseAt(e.Pos()); ok {
					facts[e] = c
				}
			}
		}
	}
	if len(facts) == 0 {
		return
	}
	// A name is read again in each case; any other tag is evaluated
	// once, into a variable.
	tag, ok := v.Tag.(*ast.Ident)
	if !ok {
		tag = temp("tag", v.Tag.Pos())
		v.Init = &ast.AssignStmt{Lhs: []ast.Expr{tag}, TokPos: v.Tag.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{v.Tag}}
	}
	v.Tag = nil
	for _, s := range v.Body.List {
		cc, ok := s.(*ast.CaseClause)
		if !ok {
			continue
		}
		// One expression: the interpreter tests only the first of a
		// tagless case's list. || keeps Go's order and its stop at the
		// first match.
		var cond ast.Expr
		for _, e := range cc.List {
			ref := Ident(tag.Name, e.Pos())
			var x ast.Expr = &ast.BinaryExpr{X: ref, OpPos: e.Pos(), Op: token.EQL, Y: e}
			if c, ok := facts[e]; ok {
				x = &ast.BinaryExpr{X: cmpCall(ref, e, c), OpPos: e.Pos(), Op: token.EQL,
					Y: &ast.BasicLit{ValuePos: e.Pos(), Kind: token.INT, Value: "0"}}
			}
			if cond == nil {
				cond = x
			} else {
				cond = &ast.BinaryExpr{X: cond, OpPos: e.Pos(), Op: token.LOR, Y: x}
			}
		}
		if cond != nil {
			cc.List = []ast.Expr{cond}
		}
	}
}

// cmpCall is __glrt.IfaceCmp(x, c.Left, y, c.Right).
func cmpCall(x, y ast.Expr, c Compare) ast.Expr {
	pos := x.Pos()
	lit := func(s string) ast.Expr {
		return &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(s)}
	}
	return &ast.CallExpr{Fun: rtFunc("IfaceCmp", pos), Lparen: pos, Args: []ast.Expr{x, lit(c.Left), y, lit(c.Right)}, Rparen: y.End()}
}
