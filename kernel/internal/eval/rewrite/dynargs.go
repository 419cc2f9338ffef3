package rewrite

import "go/ast"

// DynArgs passes the arguments of a fmt or log printing call whose static
// type is an interface the interpreter implements (any, or one a cell
// declares) through __gl_dyn, the prelude's func handing its argument to
// __glrt.Dyn, a compiled identity function. yaegi hands such a value to
// the printing functions in a wrapper built for its method (String,
// Error) that, for a parameter of the calling func, runs the method in
// the wrong frame: it printed <nil> or panicked as soon as the notebook
// had a global variable; and from a variable or field of a cell's
// interface type it hands over the bare value, without the String method
// of a named non-struct type. Through __gl_dyn's own parameter the value
// arrives as yaegi's plain interface value, which names its type and
// which the evaluator's fmt functions unwrap and print with the cell
// type's methods. at returns the indexes of those arguments for a call,
// by the Sel of fmt.Println.
//
//	fmt.Println("x:", x)  →  fmt.Println("x:", __gl_dyn(x))
func DynArgs(n ast.Node, at func(sel *ast.Ident) ([]int, bool)) {
	SelectorCalls(n, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
		args, _ := at(sel.Sel)
		for _, i := range args {
			if i < len(call.Args) {
				a := call.Args[i]
				call.Args[i] = &ast.CallExpr{Fun: Ident("__gl_dyn", a.Pos()), Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
			}
		}
	})
}
