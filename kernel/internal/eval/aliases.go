package eval

import (
	"fmt"
	"go/ast"
)

// yaegi caches the instances of a generic func under "name[types]" for
// the life of the interpreter, so after `func ident[T any]` is declared
// again, calls that infer T = int still run the first body. A generic
// func declared again is therefore compiled under a new internal name
// (ident__gl2, ...) and every later reference to ident is renamed to it.
// Names are renamed without regard to scope; a local variable named like
// a redefined generic func would be renamed too (and still work, since
// its declaration is renamed with it).

// aliasGenericRedefinitions gives redefined generic funcs of f a fresh
// internal name.
func (e *Evaluator) aliasGenericRedefinitions(f *ast.File) {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Type.TypeParams == nil {
			continue
		}
		old := e.decls.entries[fd.Name.Name]
		if old == nil || !old.generic {
			continue
		}
		e.tmp++
		if e.aliases == nil {
			e.aliases = map[string]string{}
		}
		alias := fmt.Sprintf("%s__gl%d", fd.Name.Name, e.tmp)
		if prev, ok := e.aliases[fd.Name.Name]; ok {
			// Code already renamed to an earlier alias (a later unit of the
			// cell being run) follows to the newest.
			for k, v := range e.aliases {
				if v == prev {
					e.aliases[k] = alias
				}
			}
			e.aliases[prev] = alias
		}
		e.aliases[fd.Name.Name] = alias
	}
}

// applyAliases renames references to redefined generic funcs below n.
func (e *Evaluator) applyAliases(n ast.Node) {
	if len(e.aliases) == 0 || n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(v.X, func(y ast.Node) bool { // the field name is not a reference
				if id, ok := y.(*ast.Ident); ok {
					e.renameIdent(id)
				}
				return true
			})
			return false
		case *ast.Ident:
			e.renameIdent(v)
		}
		return true
	})
}

func (e *Evaluator) renameIdent(id *ast.Ident) {
	if to, ok := e.aliases[id.Name]; ok {
		id.Name = to
	}
}
