package rewrite

import (
	"go/ast"
	"go/token"
)

// RangeByIndex turns `for k, v := range X { body }`, where v is a
// channel, into
//
//	__gl_sK := X
//	for __gl_kK := range __gl_sK { k, v := __gl_kK, __gl_sK[__gl_kK]; body }
//
// (with `=` for `for k, v = range X`). yaegi takes a range whose value
// variable is a channel for a range over a channel, and panics
// ("reflect: call of reflect.Value.Len on int Value"): the pipelines of
// Go's concurrency tutorials range over a []<-chan T. X is evaluated
// once, before the loop, as Go does (an array is copied). The returned
// statements are the temporary's declaration and the loop, under r's
// label if it had one (orig is r or its labelled statement).
func RangeByIndex(orig ast.Stmt, r *ast.RangeStmt, temp Temp) (ast.Stmt, ast.Stmt) {
	pos := r.For
	s, k := temp("s", pos), temp("k", pos)
	pre := &ast.AssignStmt{Lhs: []ast.Expr{s}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{r.X}}
	elem := &ast.IndexExpr{X: Ident(s.Name, pos), Lbrack: pos, Index: Ident(k.Name, pos), Rbrack: pos}
	var lhs, rhs []ast.Expr
	if key, ok := r.Key.(*ast.Ident); r.Key != nil && (!ok || key.Name != "_" || r.Tok == token.ASSIGN) {
		lhs, rhs = append(lhs, r.Key), append(rhs, Ident(k.Name, pos))
	}
	lhs, rhs = append(lhs, r.Value), append(rhs, elem)
	set := &ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: r.Tok, Rhs: rhs}
	body := &ast.BlockStmt{Lbrace: r.Body.Lbrace, List: append([]ast.Stmt{set}, r.Body.List...), Rbrace: r.Body.Rbrace}
	loop := &ast.RangeStmt{For: pos, Key: k, TokPos: pos, Tok: token.DEFINE, Range: r.Range, X: Ident(s.Name, pos), Body: body}
	return pre, WrapLabel(loop, orig)
}
