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
// slot. Inside a function, blocks get proper local variables.
func ScopeTopLevel(list []ast.Stmt) []ast.Stmt {
	for i, s := range list {
		switch s.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
			*ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
			list[i] = IIFE([]ast.Stmt{s}, s.Pos(), s.End())
		}
	}
	return list
}
