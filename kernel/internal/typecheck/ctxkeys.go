package typecheck

import (
	"go/ast"
	"go/token"
	"go/types"
)

// CtxKey is a context key of a cell's type: the argument Index of the
// call (context.WithValue's key, ctx.Value's) and its Type, as
// "main.ctxKey".
type CtxKey struct {
	Index int
	Type  string
}

// ctxKeys finds the context keys of the cells' own types, by the Sel of
// the call (Facts.CtxKeys). At run time a `type ctxKey string` is a plain
// string and two empty struct types are one, so ctx.Value("request-id")
// found the value stored under ctxKey("request-id"): Go's reason for key
// types. The evaluator gives such keys their type's name.
func ctxKeys(fset *token.FileSet, own *ast.File, info *types.Info, pkg *types.Package) map[Pos]CtxKey {
	out := map[Pos]CtxKey{}
	ast.Inspect(own, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		fn, ok := info.Uses[sel.Sel].(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "context" {
			return true
		}
		index := -1
		switch {
		case fn.Name() == "WithValue" && len(call.Args) == 3:
			index = 1
		case fn.Name() == "Value" && len(call.Args) == 1:
			index = 0
		default:
			return true
		}
		named, ok := info.TypeOf(call.Args[index]).(*types.Named)
		if !ok || named.Obj().Pkg() != pkg || types.IsInterface(named) || named.TypeArgs().Len() > 0 {
			return true
		}
		if p := fset.Position(sel.Sel.Pos()); p.Filename == cellFile {
			out[Pos{p.Line, p.Column}] = CtxKey{Index: index, Type: "main." + named.Obj().Name()}
		}
		return true
	})
	return out
}
