package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
)

// asTypeTemplate is what errors.AsType[T](err) (Go 1.26) becomes, T and
// err filled in: errors is a compiled package, which cannot gain a generic
// function, and yaegi cannot compile a generic one doing this. An error
// of a cell type that went through compiled code (fmt.Errorf's %w) comes
// back in a yaegi wrapper, which a type assertion does not see through;
// __glrt.SetInto stores the wrapped value when its type is T's. The
// chain is walked in errors.As's order (__glrt.Chain: depth first through
// Unwrap() []error, the cells' own Unwrap methods called). A type
// assertion is only tried on the cell's own values, and on a cell value
// in yaegi's wrapper when T is a cell's interface: on other compiled
// values yaegi's answers it wrongly (ok, with a nil value). A cell value inside
// a compiled wrapper is out of reach: AsTypeMissed then panics rather
// than answer false.
const asTypeTemplate = `func() (__gl_T, bool) {
	var zero __gl_T
	var a any = __gl_ERR
	if __glrt.Interpreted(a) {
		if t, ok := a.(__gl_T); ok {
			return t, true // the cell's own value, before compiled code wraps it
		}
	}
	for _, a := range __glrt.Chain(a) {
		var t __gl_T
		if __glrt.SetInto(&t, a) {
			return t, true
		}
		if __glrt.Interpreted(a) || __glrt.CellInterfaceOfWrapped(&t, a) {
			if t, ok := a.(__gl_T); ok {
				return t, true
			}
		}
	}
	__glrt.AsTypeMissed()
	return zero, false
}()`

// AsType rewrites the errors.AsType[T](err) calls below n (unless the
// user declared a name errors of their own). The generated code's
// positions are in a file of fset named errors.AsType, so a message
// about it says where it comes from.
func AsType(n ast.Node, fset *token.FileSet, names Names) {
	if n == nil {
		return
	}
	ReplaceExprs(n, func(x ast.Expr) ast.Expr {
		call, ok := x.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return x
		}
		ix, ok := call.Fun.(*ast.IndexExpr)
		if !ok {
			return x
		}
		sel, ok := ix.X.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "AsType" || !IsIdent(sel.X, "errors") {
			return x
		}
		if names.Declared("errors") && !names.IsPackage("errors") {
			return x
		}
		lit, err := parser.ParseExprFrom(fset, "errors.AsType", asTypeTemplate, parser.SkipObjectResolution)
		if err != nil {
			return x
		}
		ReplaceExprs(lit, func(y ast.Expr) ast.Expr {
			switch {
			case IsIdent(y, "__gl_T"):
				return ix.Index
			case IsIdent(y, "__gl_ERR"):
				return call.Args[0]
			}
			return y
		})
		// Types in the func literal's signature and the var declaration.
		ast.Inspect(lit, func(z ast.Node) bool {
			switch v := z.(type) {
			case *ast.Field:
				if IsIdent(v.Type, "__gl_T") {
					v.Type = ix.Index
				}
			case *ast.ValueSpec:
				if IsIdent(v.Type, "__gl_T") {
					v.Type = ix.Index
				}
			case *ast.TypeAssertExpr:
				if IsIdent(v.Type, "__gl_T") {
					v.Type = ix.Index
				}
			}
			return true
		})
		return lit
	})
}
