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
			// A generic type's receiver too: func (none[T]) Name() was
			// an index out of range in the interpreter. (Other methods
			// are rewritten into a wrapper that names the receiver.)
			if r := f.Recv; r != nil && len(r.List) == 1 && len(r.List[0].Names) == 0 && GenericRecv(r.List[0].Type) {
				r.List[0].Names = []*ast.Ident{{Name: "_", NamePos: r.List[0].Type.Pos()}}
			}
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

// GenericRecv reports whether t, a receiver's type, is an instance of a
// generic type (T[P], *T[P, Q]).
func GenericRecv(t ast.Expr) bool {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}
