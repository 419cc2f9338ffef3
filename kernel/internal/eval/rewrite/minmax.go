package rewrite

import (
	"go/ast"
	"go/token"
)

// The builtins min and max are the prelude's generic funcs
// min[T](x T, ys ...T), and yaegi v0.16.1 binds T from the first argument
// alone: max(2.5, 1) failed ("untyped float does not implement"), and
// max(1, 2.5) silently gave 2 (T = int), as did max(2, x) for a float64 x
// (a compile error). MinMax rewrites the call so that the first
// argument carries the type Go would give the result:
//   - if some argument is not a constant, the first such argument is
//     moved to the front (only constants move past it, so no evaluation
//     order changes);
//   - if all are constants and one of them is a float constant, the first
//     one becomes float64(...), the type Go gives an untyped float result.

// MinMax rewrites the min and max calls below n; builtin says whether a
// name is still the builtin (not a func of the user's), constOf gives
// the kind of a named constant (NotConst for any other name).
func MinMax(n ast.Node, builtin func(name string) bool, constOf func(name string) ConstKind) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 || call.Ellipsis.IsValid() {
			return true
		}
		if id, ok := call.Fun.(*ast.Ident); !ok || (id.Name != "min" && id.Name != "max") || !builtin(id.Name) {
			return true
		}
		float := false
		for i, a := range call.Args {
			switch constKind(a, constOf) {
			case NotConst:
				if i > 0 {
					moved := append([]ast.Expr{a}, call.Args[:i]...)
					call.Args = append(moved, call.Args[i+1:]...)
				}
				return true
			case FloatConst:
				float = true
			}
		}
		if float {
			a := call.Args[0]
			call.Args[0] = &ast.CallExpr{Fun: Ident("float64", a.Pos()), Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
		}
		return true
	})
}

// ConstKind is what kind of constant an expression is.
type ConstKind int

// The kinds of constants MinMax tells apart.
const (
	NotConst   ConstKind = iota
	IntConst             // untyped integer or rune constant
	FloatConst           // untyped float constant
)

// constKind classifies x: a constant expression of literals and named
// constants (integer or float), or anything else.
func constKind(x ast.Expr, constOf func(string) ConstKind) ConstKind {
	switch v := x.(type) {
	case *ast.BasicLit:
		switch v.Kind {
		case token.INT, token.CHAR:
			return IntConst
		case token.FLOAT:
			return FloatConst
		}
	case *ast.ParenExpr:
		return constKind(v.X, constOf)
	case *ast.UnaryExpr:
		if v.Op == token.SUB || v.Op == token.ADD {
			return constKind(v.X, constOf)
		}
	case *ast.BinaryExpr:
		switch v.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO:
			a, b := constKind(v.X, constOf), constKind(v.Y, constOf)
			if a == NotConst || b == NotConst {
				return NotConst
			}
			return max(a, b)
		}
	case *ast.Ident:
		return constOf(v.Name)
	}
	return NotConst
}
