package eval

import (
	"go/ast"
	"strings"

	"golessons/kernel/internal/symtab"
)

// genericPackages are the standard packages whose funcs are generic: a
// call of one may be what yaegi failed to type.
var genericPackages = map[string]bool{"slices": true, "maps": true, "cmp": true, "iter": true, "sync/atomic": true}

// mayCallGeneric says whether u calls something that may be generic: a
// generic func of the cells, a call with type arguments, or a func of a
// generic standard package or of a module. yaegi's "nil type" has other
// causes, and a hint about type arguments for code without a generic
// call sends the student the wrong way.
func (e *Evaluator) mayCallGeneric(u *unit) bool {
	n := u.node()
	if n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		switch f := call.Fun.(type) {
		case *ast.IndexExpr, *ast.IndexListExpr:
			found = true
		case *ast.Ident:
			en := e.decls.entries[f.Name]
			found = en != nil && en.generic
		case *ast.SelectorExpr:
			if id, ok := f.X.(*ast.Ident); ok {
				if en := e.decls.entries[id.Name]; en != nil && en.sym.Kind == symtab.KindImport {
					path := en.sym.Decl
					found = genericPackages[path] || strings.Contains(strings.SplitN(path, "/", 2)[0], ".")
				}
			}
		}
		return !found
	})
	return found
}
