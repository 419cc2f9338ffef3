package rewrite

import (
	"fmt"
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
// assertion is only tried on the cell's own values, and on every value
// when T is an interface (a cell's or a package's): on compiled values yaegi answers an
// assertion to a cell's concrete type wrongly (ok, with a nil value). A cell value inside
// a compiled wrapper is out of reach: AsTypeMissed then panics rather
// than answer false.
const asTypeTemplate = `func() (__gl_T, bool) {
	var zero __gl_T
	var err error = __gl_ERR
	var a any = err
	if __glrt.Interpreted(a) {
		if t, ok := a.(__gl_T); ok {
			return t, true // the cell's own value, before compiled code wraps it
		}
	}
	for _, a := range __glrt.Chain(err) { // an error: a cell value arrives in yaegi's wrapper, whose Unwrap the walk calls
		var t __gl_T
		if __glrt.SetInto(&t, a) {
			return t, true
		}
		if __glrt.Interpreted(a) || __glrt.CellInterface(&t) || __glrt.PackageInterface(&t) {
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

// asTargetTemplate is what errors.As(err, target) becomes when target
// points to an interface the cell declares (typecheck.Facts.AsTargets):
// errors.AsType, rewritten in turn (AsType), asks the interpreter whether
// each error of the chain implements it.
const asTargetTemplate = `func() bool {
	__gl_e, __gl_p := __gl_ERR, __gl_PTR
	__gl_t, __gl_ok := %s.AsType[%s](__gl_e)
	if __gl_ok {
		*__gl_p = __gl_t
	}
	return __gl_ok
}()`

// AsTargets rewrites the errors.As calls below n whose target's type at
// returns, by the call's Sel, as the cell writes it.
func AsTargets(n ast.Node, fset *token.FileSet, at func(sel *ast.Ident) (string, bool)) {
	if n == nil {
		return
	}
	ReplaceExprs(n, func(x ast.Expr) ast.Expr {
		call, ok := x.(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			return x
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "As" {
			return x
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return x
		}
		t, ok := at(sel.Sel)
		if !ok {
			return x
		}
		lit, err := parser.ParseExprFrom(fset, "errors.As", fmt.Sprintf(asTargetTemplate, pkg.Name, t), parser.SkipObjectResolution)
		if err != nil {
			return x
		}
		ReplaceExprs(lit, func(y ast.Expr) ast.Expr {
			switch {
			case IsIdent(y, "__gl_ERR"):
				return call.Args[0]
			case IsIdent(y, "__gl_PTR"):
				return call.Args[1]
			}
			return y
		})
		return lit
	})
}
