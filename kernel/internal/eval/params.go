package eval

import "go/ast"

// nameParams gives every unnamed parameter of a function literal below n
// the blank name. yaegi v0.16.1 mixes up the argument slots of a literal
// with unnamed parameters when compiled code calls it (a worker written as
// `func(string) { ... }` and passed to a demos runner panics in reflect.Set);
// `func(_ string)` means the same and works.
func nameParams(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		lit, ok := x.(*ast.FuncLit)
		if !ok || lit.Type.Params == nil {
			return true
		}
		for _, f := range lit.Type.Params.List {
			if len(f.Names) == 0 {
				f.Names = []*ast.Ident{{Name: "_", NamePos: f.Type.Pos()}}
			}
		}
		return true
	})
}
