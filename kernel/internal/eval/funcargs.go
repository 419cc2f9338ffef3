package eval

import (
	"go/ast"

	"golessons/kernel/internal/symtab"
)

// A function literal written as an argument of a call to compiled code
// (wg.Go(func() {...}), time.AfterFunc, http.HandleFunc, sort.Slice)
// reaches that code through yaegi v0.16.1's genFunctionWrapper, which
// builds the reflect.MakeFunc around the frame of the calling function as
// it is when the literal RUNS, not as it was when the literal was
// evaluated. Variables declared inside a loop body (the per-iteration
// copies of the loop rewrite, or any `x := ...` in the body) live in one
// frame slot that each iteration refills, so every such closure saw the
// last iteration's values: wg.Go printed "go b" twice. A literal that is
// evaluated as a value first (yaegi's getFunc) snapshots the frame
// correctly, and a func value is passed to compiled code as it is.
//
// snapshotFuncArgs therefore turns each such argument into
// `func() T { return LIT }()` with T the literal's own type: the result
// is an ordinary func value, created where the literal was written.

// snapshotFuncArgs rewrites the function-literal arguments of calls
// below n that may call compiled code.
func (e *Evaluator) snapshotFuncArgs(n ast.Node) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || !e.mayBeCompiled(call.Fun) {
			return true
		}
		for i, a := range call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
				call.Args[i] = returnLit(lit)
			}
		}
		return true
	})
}

// mayBeCompiled reports whether fun, the callee of a call, may be
// compiled code: a selector (package function, conversion or method),
// except functions of interpreted packages (the slices/maps/cmp shims,
// the teacher's packages), whose generic type inference is better left
// looking at the literal itself. Plain identifiers are cell funcs,
// builtins or local variables, and calls of literals are interpreted.
func (e *Evaluator) mayBeCompiled(fun ast.Expr) bool {
	sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return true
	}
	if en := e.decls.entries[pkg.Name]; en != nil {
		return en.sym.Kind != symtab.KindImport || e.hasCompiled(en.sym.Decl)
	}
	// Not known yet: perhaps imported in this very cell. A shim's name is
	// taken to mean the shim.
	return !shimPackages[pkg.Name]
}

// returnLit is `func() T { return lit }()`, T being lit's type.
func returnLit(lit *ast.FuncLit) ast.Expr {
	pos, end := lit.Pos(), lit.End()
	t := &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, Closing: pos},
		Results: &ast.FieldList{Opening: pos, List: []*ast.Field{{Type: lit.Type}}, Closing: pos}}
	ret := &ast.ReturnStmt{Return: pos, Results: []ast.Expr{lit}}
	outer := &ast.FuncLit{Type: t, Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{ret}, Rbrace: end}}
	return &ast.CallExpr{Fun: outer, Lparen: end, Rparen: end}
}
