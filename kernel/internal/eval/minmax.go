package eval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"reflect"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
)

// The builtins min and max are the prelude's generic funcs
// min[T](x T, ys ...T), and yaegi v0.16.1 binds T from the first argument
// alone: max(2.5, 1) failed ("untyped float does not implement"), and
// max(1, 2.5) silently gave 2 (T = int), as did max(2, x) for a float64 x
// (a compile error). fixMinMax rewrites the call so that the first
// argument carries the type Go would give the result:
//   - if some argument is not a constant, the first such argument is
//     moved to the front (only constants move past it, so no evaluation
//     order changes);
//   - if all are constants and one of them is a float constant, the first
//     one becomes float64(...), the type Go gives an untyped float result.

// fixMinMax rewrites the min and max calls below n.
func (e *Evaluator) fixMinMax(n ast.Node) {
	if n == nil {
		return
	}
	var globals map[string]reflect.Value
	kind := func(x ast.Expr) constKind {
		return e.constKindOf(x, &globals)
	}
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 || call.Ellipsis.IsValid() || !e.isBuiltinMinMax(call.Fun) {
			return true
		}
		float := false
		for i, a := range call.Args {
			switch kind(a) {
			case notConst:
				if i > 0 {
					moved := append([]ast.Expr{a}, call.Args[:i]...)
					call.Args = append(moved, call.Args[i+1:]...)
				}
				return true
			case floatConst:
				float = true
			}
		}
		if float {
			a := call.Args[0]
			call.Args[0] = &ast.CallExpr{Fun: rewrite.Ident("float64", a.Pos()), Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
		}
		return true
	})
}

// isBuiltinMinMax reports whether fun names the prelude's min or max, not
// a func of the user's.
func (e *Evaluator) isBuiltinMinMax(fun ast.Expr) bool {
	id, ok := fun.(*ast.Ident)
	if !ok || (id.Name != "min" && id.Name != "max") {
		return false
	}
	return e.decls.entries[id.Name] == nil
}

type constKind int

const (
	notConst constKind = iota
	intConst           // untyped integer or rune constant
	floatConst
)

// constKindOf classifies x: a constant expression of literals and cell
// constants (integer or float), or anything else.
func (e *Evaluator) constKindOf(x ast.Expr, globals *map[string]reflect.Value) constKind {
	switch v := x.(type) {
	case *ast.BasicLit:
		switch v.Kind {
		case token.INT, token.CHAR:
			return intConst
		case token.FLOAT:
			return floatConst
		}
	case *ast.ParenExpr:
		return e.constKindOf(v.X, globals)
	case *ast.UnaryExpr:
		if v.Op == token.SUB || v.Op == token.ADD {
			return e.constKindOf(v.X, globals)
		}
	case *ast.BinaryExpr:
		switch v.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO:
			a, b := e.constKindOf(v.X, globals), e.constKindOf(v.Y, globals)
			if a == notConst || b == notConst {
				return notConst
			}
			return max(a, b)
		}
	case *ast.Ident:
		en := e.decls.entries[v.Name]
		if en == nil || en.sym.Kind != symtab.KindConst {
			return notConst
		}
		if *globals == nil {
			*globals = e.globals()
		}
		// yaegi keeps an untyped constant as a go/constant value; a typed
		// one is a plain value and behaves like a variable here.
		if g, ok := (*globals)[v.Name]; ok && g.IsValid() && g.CanInterface() {
			if c, ok := g.Interface().(constant.Value); ok {
				switch c.Kind() {
				case constant.Int:
					return intConst
				case constant.Float:
					return floatConst
				}
			}
		}
	}
	return notConst
}
