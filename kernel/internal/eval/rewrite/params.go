package rewrite

import "go/ast"

// NameParams gives every unnamed parameter of a function literal or
// declaration below n the blank name. yaegi v0.16.1 mixes up the argument
// slots of a function with unnamed parameters when compiled code calls it
// (a worker written as `func(string) { ... }` or `func quiet(string)` and
// passed to a demos runner panics in reflect.Set); `func(_ string)` means
// the same and works.
func NameParams(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		var typ *ast.FuncType
		switch f := x.(type) {
		case *ast.FuncLit:
			typ = f.Type
		case *ast.FuncDecl:
			typ = f.Type
		}
		if typ == nil || typ.Params == nil {
			return true
		}
		for _, f := range typ.Params.List {
			if len(f.Names) == 0 {
				f.Names = []*ast.Ident{{Name: "_", NamePos: f.Type.Pos()}}
			}
		}
		return true
	})
}
