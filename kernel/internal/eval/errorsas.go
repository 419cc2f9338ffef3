package eval

import (
	"go/ast"
	"go/parser"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
)

// errors.As cannot work with an error type declared in a cell: yaegi
// v0.16.1 gives compiled code a reflect type without the cell's methods,
// so the compiled errors.As sees `var me *MyErr` as a pointer to a plain
// struct and panics ("*target must be interface or implement error").
// An interpreted replacement does not help either: an interpreted value
// that went through compiled code (fmt.Errorf's %w, errors.Join) comes
// back as yaegi's wrapper, which a type assertion no longer recognises.
// So the panic is kept, and says what works instead.

// errorsAsPanic is the message of errors.As's panic for such a target.
const errorsAsPanic = "errors: *target must be interface or implement error"

// errorsAsHint is appended to that panic.
const errorsAsHint = " (errors.As cannot fill a variable whose type is declared in a cell: " +
	"the interpreter does not show that type's Error method to compiled code. " +
	"Instead, check the error you got directly with a type assertion, " +
	"`if me, ok := err.(*MyErr); ok { ... }`, or give the error a sentinel value, " +
	"`var ErrNotFound = errors.New(\"not found\")`, wrap it with fmt.Errorf(\"...: %w\", ErrNotFound) " +
	"and test it with errors.Is(err, ErrNotFound))"

// explainErrorsAs adds errorsAsHint to errors.As's panic message.
func explainErrorsAs(msg string) string {
	if strings.Contains(msg, errorsAsPanic) && !strings.Contains(msg, errorsAsHint) {
		return msg + errorsAsHint
	}
	return msg
}

// asTypeTemplate is what errors.AsType[T](err) (Go 1.26) becomes, T and
// err filled in: errors is a compiled package, which cannot gain a generic
// function, and yaegi cannot compile a generic one doing this. An error
// of a cell type that went through compiled code (fmt.Errorf's %w) comes
// back in a yaegi wrapper, which a type assertion does not see through;
// __glrt.SetInto stores the wrapped value when its type is T's. A type
// assertion is only tried on the cell's own values: on compiled ones
// yaegi's answers it wrongly (ok, with a nil value). A cell value inside
// a compiled wrapper is out of reach: AsTypeMissed then panics rather
// than answer false.
const asTypeTemplate = `func() (__gl_T, bool) {
	var zero __gl_T
	var a any = __gl_ERR
	for i := 0; a != nil && i < 100; i++ {
		var t __gl_T
		if __glrt.SetInto(&t, a) {
			return t, true
		}
		if __glrt.Interpreted(a) {
			if t, ok := a.(__gl_T); ok {
				return t, true
			}
		}
		a = __gl_unwrap(a)
	}
	__glrt.AsTypeMissed()
	return zero, false
}()`

// fixAsType rewrites the errors.AsType[T](err) calls below n.
func (e *Evaluator) fixAsType(n ast.Node) {
	if n == nil {
		return
	}
	rewrite.ReplaceExprs(n, func(x ast.Expr) ast.Expr {
		call, ok := x.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return x
		}
		ix, ok := call.Fun.(*ast.IndexExpr)
		if !ok {
			return x
		}
		sel, ok := ix.X.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "AsType" || !rewrite.IsIdent(sel.X, "errors") {
			return x
		}
		if en := e.decls.entries["errors"]; en != nil && en.sym.Kind != symtab.KindImport {
			return x
		}
		lit, err := parser.ParseExprFrom(e.i.FileSet(), "errors.AsType", asTypeTemplate, parser.SkipObjectResolution)
		if err != nil {
			return x
		}
		rewrite.ReplaceExprs(lit, func(y ast.Expr) ast.Expr {
			switch {
			case rewrite.IsIdent(y, "__gl_T"):
				return ix.Index
			case rewrite.IsIdent(y, "__gl_ERR"):
				return call.Args[0]
			}
			return y
		})
		// Types in the func literal's signature and the var declaration.
		ast.Inspect(lit, func(z ast.Node) bool {
			switch v := z.(type) {
			case *ast.Field:
				if rewrite.IsIdent(v.Type, "__gl_T") {
					v.Type = ix.Index
				}
			case *ast.ValueSpec:
				if rewrite.IsIdent(v.Type, "__gl_T") {
					v.Type = ix.Index
				}
			case *ast.TypeAssertExpr:
				if rewrite.IsIdent(v.Type, "__gl_T") {
					v.Type = ix.Index
				}
			}
			return true
		})
		return lit
	})
}
