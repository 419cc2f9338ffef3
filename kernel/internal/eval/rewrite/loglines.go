package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
)

// logMethods are the calls LogLines marks.
var logMethods = map[string]bool{"Print": true, "Printf": true, "Println": true, "Fatal": true, "Fatalf": true,
	"Fatalln": true, "Panic": true, "Panicf": true, "Panicln": true, "Output": true}

// LogLines puts `__glrt.LogLine(N)` before every statement below n
// that is a call X.Print*(...), X.Fatal*, X.Panic* or X.Output (X not
// fmt), N being its cell line, for Lshortfile. Any receiver is marked:
// recording a line costs little, and the type of X is unknown here.
func LogLines(n ast.Node, fset *token.FileSet) {
	ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		var out []ast.Stmt
		for _, s := range list {
			if es, ok := s.(*ast.ExprStmt); ok && IsLogCall(es.X) {
				pos := s.Pos()
				line := fset.Position(pos).Line
				mark := &ast.CallExpr{Fun: &ast.SelectorExpr{X: Ident("__glrt", pos), Sel: Ident("LogLine", pos)}, Lparen: pos,
					Args: []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(line)}}, Rparen: pos}
				out = append(out, &ast.ExprStmt{X: mark})
			}
			out = append(out, s)
		}
		return out
	})
}

// IsLogCall reports whether x is a call X.Print*/Fatal*/Panic*(...) with
// X not fmt.
func IsLogCall(x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && logMethods[sel.Sel.Name] && sel.Sel.Name != "Output" && !IsIdent(sel.X, "fmt")
}
