package rewrite

import (
	"go/ast"
	"go/types"
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
// SnapshotFuncArgs therefore turns each such argument into
// `func() T { return LIT }()` with T the literal's own type: the result
// is an ordinary func value, created where the literal was written.

// SnapshotFuncArgs rewrites the function-literal arguments of calls
// below n that may call compiled code: calls through a selector (a
// package function, conversion or method), except those of packages
// compiled says are interpreted, whose generic type inference is better
// left looking at the literal itself. Plain identifiers are cell funcs,
// builtins or local variables, and calls of literals are interpreted.
func SnapshotFuncArgs(n ast.Node, compiled func(pkg string) bool) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || !mayBeCompiled(call.Fun, compiled) {
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

func mayBeCompiled(fun ast.Expr, compiled func(string) bool) bool {
	sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return !ok || compiled(pkg.Name)
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

// SnapshotString is types.ExprString of x as the cell wrote it, before
// SnapshotFuncArgs: facts name an expression by its text (a range loop
// over strings.FieldsFuncSeq(s, func(r rune) bool {...})).
func SnapshotString(x ast.Expr) string {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return types.ExprString(x)
	}
	c := *call
	c.Args = make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		c.Args[i] = a
		if lit, ok := snapshotLit(a); ok {
			c.Args[i] = lit
		}
	}
	return types.ExprString(&c)
}

// snapshotLit is the literal returnLit wrapped in a, if a is one.
func snapshotLit(a ast.Expr) (*ast.FuncLit, bool) {
	call, ok := a.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil, false
	}
	outer, ok := call.Fun.(*ast.FuncLit)
	if !ok || outer.Type.Params.NumFields() != 0 || len(outer.Body.List) != 1 {
		return nil, false
	}
	ret, ok := outer.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil, false
	}
	lit, ok := ret.Results[0].(*ast.FuncLit)
	return lit, ok
}
