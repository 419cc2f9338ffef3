package rewrite

import "go/ast"

// Quotients replaces each constant division below n by the literal of
// the value Go computes, which at returns by the operator (from the type
// checker): yaegi divides two integer constants in the type the context
// gives them, so var g float64 = 10 / 4 was 2.5, and a Fahrenheit
// conversion's w * (5 / 9) kept w. So it does every constant expression
// of a float value, which yaegi computes in float64, and a package's
// float constant given to a const (const P = math.Pi: yaegi's math.Pi
// is a float64, and var f float32 = P failed), and a call of min or max
// whose value is constant (yaegi's was 0); at takes the expression.
//
//	w * (5 / 9)  →  w * (0)
func Quotients(n ast.Node, at func(x ast.Expr) (string, bool)) {
	// The literal's own nodes sit at the replaced expression's position:
	// the time.Duration of min(time.Second, d)'s time.Duration(1000000000)
	// would be taken for the call and replaced again, without end.
	made := map[ast.Node]bool{}
	replaceEveryExpr(n, func(x ast.Expr) ast.Expr {
		switch x.(type) {
		case *ast.BinaryExpr, *ast.SelectorExpr, *ast.CallExpr:
		default:
			return x
		}
		if made[x] {
			return x
		}
		lit, ok := at(x)
		if !ok {
			return x
		}
		v, err := parseAt(lit, x.Pos())
		if err != nil {
			return x
		}
		ast.Inspect(v, func(m ast.Node) bool {
			made[m] = m != nil
			return true
		})
		return v
	})
}
