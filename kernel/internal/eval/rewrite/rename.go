package rewrite

import "go/ast"

// Rename renames every identifier from below n, except field and
// method names after a dot.
func Rename(n ast.Node, from, to string) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.File:
			for _, d := range v.Decls { // the package name is no reference
				Rename(d, from, to)
			}
			return false
		case *ast.SelectorExpr:
			Rename(v.X, from, to)
			return false
		case *ast.KeyValueExpr:
			// A struct literal's field key is no reference; a map key may be.
			if id, ok := v.Key.(*ast.Ident); !ok || id.Name != from {
				Rename(v.Key, from, to)
			}
			Rename(v.Value, from, to)
			return false
		case *ast.Field:
			Rename(v.Type, from, to) // parameter and field names stay
			return false
		case *ast.FuncDecl:
			if v.Recv != nil { // a method's name is reached through a dot
				Rename(v.Recv, from, to)
				Rename(v.Type, from, to)
				Rename(v.Body, from, to)
				return false
			}
		case *ast.Ident:
			if v.Name == from {
				v.Name = to
			}
		}
		return true
	})
}
