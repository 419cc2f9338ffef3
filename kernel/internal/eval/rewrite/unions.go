package rewrite

import (
	"go/ast"
	"go/token"
)

// WrapUnionConstraints writes each type parameter constraint below n that
// is a union (`[T Signed | Unsigned]`, `[T cmp.Ordered | ~bool]`) as the
// interface holding it (`[T interface{ Signed | Unsigned }]`), which Go
// reads the same. yaegi v0.16.1 took a union whose first term is an
// interface for that interface alone, and refused the other terms' types
// ("uint8 does not implement main.Signed").
func WrapUnionConstraints(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		var params *ast.FieldList
		switch d := x.(type) {
		case *ast.FuncType:
			params = d.TypeParams
		case *ast.TypeSpec:
			params = d.TypeParams
		}
		if params == nil {
			return true
		}
		for _, f := range params.List {
			if be, ok := f.Type.(*ast.BinaryExpr); ok && be.Op == token.OR {
				pos := be.Pos()
				f.Type = &ast.InterfaceType{Interface: pos, Methods: &ast.FieldList{Opening: pos, List: []*ast.Field{{Type: be}}, Closing: be.End()}}
			}
		}
		return true
	})
}
