package eval

import (
	"fmt"
	"go/ast"
	"go/token"
)

// forEachStmtList calls fn on every statement list below n (block bodies
// and case/comm clause bodies), innermost first, and stores fn's result
// back. Innermost first means a rewrite of a loop sees a body that has
// already been rewritten.
func forEachStmtList(n ast.Node, fn func([]ast.Stmt) []ast.Stmt) {
	var holders []ast.Node
	ast.Inspect(n, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			holders = append(holders, x)
		}
		return true
	})
	for i := len(holders) - 1; i >= 0; i-- {
		switch h := holders[i].(type) {
		case *ast.BlockStmt:
			h.List = fn(h.List)
		case *ast.CaseClause:
			h.Body = fn(h.Body)
		case *ast.CommClause:
			h.Body = fn(h.Body)
		}
	}
}

// visitChildLists calls walk on the statement lists directly inside s,
// without entering function literals. nested becomes true inside loops.
func visitChildLists(s ast.Stmt, nested bool, walk func([]ast.Stmt, bool) []ast.Stmt) {
	switch x := s.(type) {
	case *ast.BlockStmt:
		x.List = walk(x.List, nested)
	case *ast.IfStmt:
		x.Body.List = walk(x.Body.List, nested)
		if x.Else != nil {
			one := walk([]ast.Stmt{x.Else}, nested)
			x.Else = one[0]
		}
	case *ast.ForStmt:
		x.Body.List = walk(x.Body.List, true)
	case *ast.RangeStmt:
		x.Body.List = walk(x.Body.List, true)
	case *ast.SwitchStmt:
		visitClauses(x.Body, nested, walk)
	case *ast.TypeSwitchStmt:
		visitClauses(x.Body, nested, walk)
	case *ast.SelectStmt:
		visitClauses(x.Body, nested, walk)
	case *ast.LabeledStmt:
		one := walk([]ast.Stmt{x.Stmt}, nested)
		x.Stmt = one[0]
	}
}

func visitClauses(body *ast.BlockStmt, nested bool, walk func([]ast.Stmt, bool) []ast.Stmt) {
	for _, c := range body.List {
		switch cc := c.(type) {
		case *ast.CaseClause:
			cc.Body = walk(cc.Body, nested)
		case *ast.CommClause:
			cc.Body = walk(cc.Body, nested)
		}
	}
}

// ident is a new identifier placed at pos, so errors about it point at
// the code it was generated for.
func ident(name string, pos token.Pos) *ast.Ident {
	return &ast.Ident{NamePos: pos, Name: name}
}

// temp returns a fresh reserved identifier.
func (e *Evaluator) temp(hint string, pos token.Pos) *ast.Ident {
	e.tmp++
	return ident(fmt.Sprintf("__gl_%s%d", hint, e.tmp), pos)
}

// intNames is a best-effort set of names known to hold integers, used to
// recognise `for i := range n` (yaegi itself panics while compiling a
// range over an int, so it cannot be tried first).
type intNames map[string]bool

// collectInts records the names in n declared with an integer type or
// assigned an integer-looking value.
func (ints intNames) collectInts(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		switch d := x.(type) {
		case *ast.Field:
			if isIntType(d.Type) {
				for _, id := range d.Names {
					ints[id.Name] = true
				}
			}
		case *ast.ValueSpec:
			for i, id := range d.Names {
				if isIntType(d.Type) || (d.Type == nil && i < len(d.Values) && ints.isInt(d.Values[i])) {
					ints[id.Name] = true
				}
			}
		case *ast.AssignStmt:
			if d.Tok == token.DEFINE && len(d.Lhs) == len(d.Rhs) {
				for i, l := range d.Lhs {
					if id, ok := l.(*ast.Ident); ok && ints.isInt(d.Rhs[i]) {
						ints[id.Name] = true
					}
				}
			}
		}
		return true
	})
}

var intTypeNames = map[string]bool{"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "byte": true, "rune": true}

func isIntType(t ast.Expr) bool {
	id, ok := t.(*ast.Ident)
	return ok && intTypeNames[id.Name]
}

// isInt reports whether x looks like an integer expression.
func (ints intNames) isInt(x ast.Expr) bool {
	switch v := x.(type) {
	case *ast.BasicLit:
		return v.Kind == token.INT
	case *ast.Ident:
		return ints[v.Name]
	case *ast.ParenExpr:
		return ints.isInt(v.X)
	case *ast.BinaryExpr:
		switch v.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR:
			return ints.isInt(v.X) || ints.isInt(v.Y)
		}
	case *ast.CallExpr:
		if id, ok := v.Fun.(*ast.Ident); ok {
			return id.Name == "len" || id.Name == "cap" || intTypeNames[id.Name]
		}
	}
	return false
}
