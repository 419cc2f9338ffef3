package rewrite

import (
	"go/ast"
	"go/token"
)

// EmptyFuncType is `func()`, placed at pos.
func EmptyFuncType(pos token.Pos) *ast.FuncType {
	return &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos}}
}

// IIFE wraps statements into `func() { ... }()`.
func IIFE(list []ast.Stmt, pos, end token.Pos) ast.Stmt {
	lit := &ast.FuncLit{Type: EmptyFuncType(pos), Body: &ast.BlockStmt{Lbrace: pos, List: list, Rbrace: end}}
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: lit, Lparen: end, Rparen: end}}
}

// ScopeTopLevel runs compound top-level statements inside a function
// literal. yaegi evaluates a cell's statements in the global scope, where
// variables declared in nested blocks are shared globals: `i := i` in a
// loop body then clobbers the loop variable, and closures all capture one
// slot. Inside a function, blocks get proper local variables. A literal
// whose statements defer calls takes the parameter CellScopeParam, which
// has the interpreter hold those calls with the cell's other top-level
// ones rather than run them when the literal returns.
func ScopeTopLevel(list []ast.Stmt) []ast.Stmt {
	for i, s := range list {
		switch s.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
			*ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
			iife := IIFE([]ast.Stmt{s}, s.Pos(), s.End())
			if defers(s) {
				markCellScope(iife)
			}
			list[i] = iife
		}
	}
	return list
}

// GotoIntoTopLevel returns a goto among a cell's top-level statements
// list whose label is on another top-level statement that ScopeTopLevel
// runs in a function literal (a loop, an if, a switch): from outside it,
// the label is in another function, and the interpreter jumped somewhere
// else without a word.
func GotoIntoTopLevel(list []ast.Stmt) (*ast.BranchStmt, bool) {
	for i, s := range list {
		l, ok := s.(*ast.LabeledStmt)
		if !ok {
			continue
		}
		switch l.Stmt.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.BlockStmt:
		default:
			continue
		}
		for j, other := range list {
			if j == i {
				continue
			}
			var found *ast.BranchStmt
			ast.Inspect(other, func(n ast.Node) bool {
				if _, lit := n.(*ast.FuncLit); lit {
					return false
				}
				if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO && b.Label != nil && b.Label.Name == l.Label.Name && found == nil {
					found = b
				}
				return found == nil
			})
			if found != nil {
				return found, true
			}
		}
	}
	return nil, false
}

// CellScopeParam is the parameter marking a function literal whose
// deferred calls belong to the cell (interp.Options.CellScopeParam).
const CellScopeParam = "__gl_cell"

// markCellScope gives the literal an IIFE calls the parameter
// CellScopeParam, of type struct{}.
func markCellScope(iife ast.Stmt) {
	call := iife.(*ast.ExprStmt).X.(*ast.CallExpr)
	pos := call.Lparen
	empty := func() ast.Expr {
		return &ast.StructType{Struct: pos, Fields: &ast.FieldList{Opening: pos, Closing: pos}}
	}
	lit := call.Fun.(*ast.FuncLit)
	lit.Type.Params.List = []*ast.Field{{Names: []*ast.Ident{Ident(CellScopeParam, pos)}, Type: empty()}}
	call.Args = []ast.Expr{&ast.CompositeLit{Type: empty(), Lbrace: pos, Rbrace: pos}}
}

// defers reports whether s has a defer statement outside the function
// literals in it.
func defers(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.DeferStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// TopLevelReturns makes each return of the cell's own statements (not
// one inside a func literal) a call of __glrt.Return, which ends the
// cell as a return ends main: the statements after it do not run, the
// cell's deferred calls do. yaegi refused a bare top-level return (a
// CFG panic), and one inside an if or a loop, which ScopeTopLevel runs
// in a func literal, only left that literal: the cell went on.
func TopLevelReturns(list []ast.Stmt) {
	var walk func(l []ast.Stmt, _ bool) []ast.Stmt
	walk = func(l []ast.Stmt, nested bool) []ast.Stmt {
		for i, s := range l {
			if r, ok := s.(*ast.ReturnStmt); ok && len(r.Results) == 0 {
				l[i] = &ast.ExprStmt{X: &ast.CallExpr{Fun: rtFunc("Return", r.Return), Lparen: r.Return, Rparen: r.End()}}
				continue
			}
			VisitChildLists(s, nested, walk)
		}
		return l
	}
	walk(list, false)
}
