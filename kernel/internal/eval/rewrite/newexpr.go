package rewrite

import (
	"go/ast"
	"go/token"
)

// Names is what a rewrite asks about the names the cells declared, in
// this cell and earlier ones.
type Names interface {
	Declared(name string) bool  // the user declared the name (so it is no builtin)
	IsType(name string) bool    // the name is a type the cells declared
	IsPackage(name string) bool // the name is an imported package's
}

// Go 1.26 lets new take an expression: new(42) is a *int pointing at 42.
// yaegi v0.16.1 treats any argument of new as a type and silently gives a
// pointer to a zero value. NewExpr rewrites new(expr) to the prelude's
// __gl_new(expr), which returns a pointer to a copy of the value. Without
// a type checker, the argument counts as a type when it is written as one
// (*T, []T, map, chan, func, struct, interface types), is a predeclared
// or declared type name (cells, local declarations, type parameters), or
// a package's exported name; anything else is an expression.

// declaresName reports whether the code below n declares name (a func,
// a variable, a parameter, a constant): a func named new is called there.
func declaresName(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		var ids []*ast.Ident
		switch d := x.(type) {
		case *ast.FuncDecl:
			ids = []*ast.Ident{d.Name}
		case *ast.AssignStmt:
			if d.Tok == token.DEFINE {
				for _, l := range d.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						ids = append(ids, id)
					}
				}
			}
		case *ast.ValueSpec:
			ids = d.Names
		case *ast.Field:
			ids = d.Names
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{d.Key, d.Value} {
				if id, ok := e.(*ast.Ident); ok && d.Tok == token.DEFINE {
					ids = append(ids, id)
				}
			}
		}
		for _, id := range ids {
			found = found || id.Name == name
		}
		return !found
	})
	return found
}

var builtinTypes = map[string]bool{"bool": true, "string": true, "error": true, "any": true, "comparable": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true}

// NewExpr rewrites the new(expr) calls below n.
func NewExpr(n ast.Node, names Names) {
	if n == nil || !usesNew(n) || names.Declared("new") || declaresName(n, "new") {
		return
	}
	types := map[string]bool{}
	collectTypeNames(n, types)
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || !IsIdent(call.Fun, "new") || len(call.Args) != 1 {
			return true
		}
		if !looksLikeType(call.Args[0], types, names) {
			call.Fun = Ident("__gl_new", call.Fun.Pos())
		}
		return true
	})
	// new(T{...}) is &T{...}; yaegi cannot keep the result of the generic
	// __gl_new for a struct type declared in a cell.
	ReplaceExprs(n, func(x ast.Expr) ast.Expr {
		if call, ok := x.(*ast.CallExpr); ok && IsIdent(call.Fun, "__gl_new") && len(call.Args) == 1 {
			if lit, ok := call.Args[0].(*ast.CompositeLit); ok && lit.Type != nil {
				return &ast.UnaryExpr{OpPos: call.Pos(), Op: token.AND, X: lit}
			}
		}
		return x
	})
}

// ReplaceExprs replaces the expressions below n that are evaluated as
// values (operands, arguments, conditions, right-hand sides, results,
// elements) by f's result, top-down: a replacement is walked in turn.
// Assigned-to places, types, field keys and called functions are left
// alone, so f sees only what may be swapped for another expression of
// the same type.
func ReplaceExprs(n ast.Node, f func(ast.Expr) ast.Expr) {
	each := func(xs []ast.Expr) {
		for i := range xs {
			xs[i] = f(xs[i])
		}
	}
	one := func(x *ast.Expr) {
		if *x != nil {
			*x = f(*x)
		}
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.CallExpr:
			each(v.Args)
		case *ast.AssignStmt:
			each(v.Rhs)
		case *ast.ReturnStmt:
			each(v.Results)
		case *ast.ValueSpec:
			each(v.Values)
		case *ast.CompositeLit:
			each(v.Elts)
		case *ast.KeyValueExpr:
			one(&v.Value)
		case *ast.StarExpr:
			one(&v.X)
		case *ast.ExprStmt:
			one(&v.X)
		case *ast.UnaryExpr:
			one(&v.X)
		case *ast.BinaryExpr:
			one(&v.X)
			one(&v.Y)
		case *ast.ParenExpr:
			one(&v.X)
		case *ast.SelectorExpr:
			one(&v.X)
		case *ast.IndexExpr:
			one(&v.X)
			one(&v.Index)
		case *ast.SliceExpr:
			one(&v.X)
			one(&v.Low)
			one(&v.High)
			one(&v.Max)
		case *ast.TypeAssertExpr:
			one(&v.X)
		case *ast.IfStmt:
			one(&v.Cond)
		case *ast.ForStmt:
			one(&v.Cond)
		case *ast.SwitchStmt:
			one(&v.Tag)
		case *ast.CaseClause:
			each(v.List)
		case *ast.RangeStmt:
			one(&v.X)
		case *ast.SendStmt:
			one(&v.Chan)
			one(&v.Value)
		}
		return true
	})
}

func usesNew(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if c, ok := x.(*ast.CallExpr); ok && IsIdent(c.Fun, "new") {
			found = true
		}
		return !found
	})
	return found
}

// collectTypeNames adds the names of types and type parameters declared below n.
func collectTypeNames(n ast.Node, types map[string]bool) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.TypeSpec:
			types[v.Name.Name] = true
			if v.TypeParams != nil {
				collectFieldNames(v.TypeParams, types)
			}
		case *ast.FuncType:
			if v.TypeParams != nil {
				collectFieldNames(v.TypeParams, types)
			}
		}
		return true
	})
}

func collectFieldNames(l *ast.FieldList, into map[string]bool) {
	for _, f := range l.List {
		for _, id := range f.Names {
			into[id.Name] = true
		}
	}
}

// looksLikeType reports whether x is written as a type (see NewExpr).
func looksLikeType(x ast.Expr, types map[string]bool, names Names) bool {
	switch v := x.(type) {
	case *ast.ParenExpr:
		return looksLikeType(v.X, types, names)
	case *ast.StarExpr, *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType, *ast.InterfaceType:
		return true
	case *ast.Ident:
		return IntTypeNames[v.Name] || builtinTypes[v.Name] || types[v.Name] || names.IsType(v.Name)
	case *ast.SelectorExpr:
		pkg, ok := v.X.(*ast.Ident)
		return ok && names.IsPackage(pkg.Name)
	case *ast.IndexExpr:
		return looksLikeType(v.X, types, names) // List[int]
	case *ast.IndexListExpr:
		return looksLikeType(v.X, types, names)
	}
	return false
}

// Clear makes clear(x) call the compiled helper directly, so that a
// panic (clear of a number) names the cell's line, not the prelude's.
func Clear(n ast.Node, names Names) {
	if n == nil || names.Declared("clear") {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok && IsIdent(call.Fun, "clear") && len(call.Args) == 1 {
			pos := call.Fun.Pos()
			call.Fun = &ast.SelectorExpr{X: Ident("__glrt", pos), Sel: Ident("Clear", pos)}
		}
		return true
	})
}
