package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// errorsCalls are the errors functions whose calls in cells go to the
// evaluator's helpers (__gl_errIs...), which see the cell values inside
// the wrappers the interpreter gives compiled code.
var errorsCalls = map[string]string{"Is": "__gl_errIs", "As": "__gl_errAs"}

// unwrapTemplate is what errors.Unwrap(err) becomes. The helper returns
// the cell value inside yaegi's wrapper, which the interpreter cannot
// turn back into an error without its static type: so it is stored into
// a variable of each cell error type (__gl_TYPES, one block per type)
// until one fits. Two fitting types (type A int; type B int) or none
// would give a wrong answer, so the helper panics instead.
const unwrapTemplate = `func() error {
	u, cell := __glrt.ErrUnwrap(__gl_ERR)
	if u == nil {
		return nil
	}
	if !cell {
		e, _ := u.(error)
		return e
	}
	var r error
	n := 0
	__gl_TYPES
	__glrt.ErrUnwrapFits(n)
	return r
}()`

// ErrorsCalls rewrites errors.Is(...), errors.As(...) and
// errors.Unwrap(...) calls below n (unless the user declared a name
// errors of their own); errTypes are the cell types with an Error method
// ("*T" for a pointer receiver). A function value (f := errors.Is) is
// left alone.
func ErrorsCalls(n ast.Node, fset *token.FileSet, names Names, errTypes []string) {
	if n == nil {
		return
	}
	replaced := map[*ast.CallExpr]ast.Expr{}
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !IsIdent(sel.X, "errors") || (names.Declared("errors") && !names.IsPackage("errors")) {
			return true
		}
		if to, ok := errorsCalls[sel.Sel.Name]; ok {
			call.Fun = &ast.Ident{NamePos: sel.Pos(), Name: to}
		} else if sel.Sel.Name == "Unwrap" {
			var b strings.Builder
			for i, t := range errTypes {
				fmt.Fprintf(&b, "var t%d %s\nif __glrt.SetInto(&t%d, u) {\nr = t%d\nn++\n}\n", i, t, i, i)
			}
			src := strings.Replace(unwrapTemplate, "__gl_TYPES", b.String(), 1)
			if lit, err := parser.ParseExprFrom(fset, "errors.Unwrap", src, parser.SkipObjectResolution); err == nil && len(call.Args) == 1 {
				arg := call.Args[0]
				ReplaceExprs(lit, func(y ast.Expr) ast.Expr {
					if IsIdent(y, "__gl_ERR") {
						return arg
					}
					return y
				})
				replaced[call] = lit
			}
		}
		return true
	})
	if len(replaced) > 0 {
		ReplaceExprs(n, func(x ast.Expr) ast.Expr {
			if c, ok := x.(*ast.CallExpr); ok && replaced[c] != nil {
				return replaced[c]
			}
			return x
		})
	}
}

// ErrorTypes are the receivers of the Error methods declared below n,
// "*T" for a pointer receiver.
func ErrorTypes(n ast.Node) []string {
	var out []string
	ast.Inspect(n, func(x ast.Node) bool {
		fd, ok := x.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || fd.Name.Name != "Error" {
			return true
		}
		switch t := fd.Recv.List[0].Type.(type) {
		case *ast.Ident:
			out = append(out, t.Name)
		case *ast.StarExpr:
			if id, ok := t.X.(*ast.Ident); ok {
				out = append(out, "*"+id.Name)
			}
		}
		return false
	})
	return out
}
