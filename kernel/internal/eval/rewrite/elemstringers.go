package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
)

// ElemStringer is what rewrite.ElemStringers needs of a printing call's
// argument: its index, and the cell types (and method names) of its keys
// and elements whose String or Error method fmt would call ("" for none).
type ElemStringer struct {
	Index            int
	Key, KeyMethod   string
	Elem, ElemMethod string
	Depth            int  // the elements are Depth slices, arrays or maps down (typecheck.ElemStringer)
	Self             bool // the argument itself is of type Elem (a func type)
}

// ElemStringers passes a printed slice, array or map whose keys or
// elements are of a cell's named non-struct type with a String or Error
// method through __glrt.Elems, with funcs calling that method:
//
//	fmt.Println(days)  →  fmt.Println(__glrt.Elems(days, nil, func(v Weekday) string { return v.String() }))
//
// At run time such a type is its underlying type (Weekday is an int), so
// compiled fmt cannot find the method; the runtime formats the value as
// fmt would, calling the funcs. at returns the arguments for a call, by
// the Sel of fmt.Println.
func ElemStringers(n ast.Node, at func(sel *ast.Ident) ([]ElemStringer, bool)) {
	type found struct {
		call *ast.CallExpr
		args []ElemStringer
	}
	var calls []found // rewritten after the walk, which must not see the new calls
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if args, ok := at(sel.Sel); ok {
				calls = append(calls, found{call, args})
			}
		}
		return true
	})
	for _, c := range calls {
		for _, es := range c.args {
			if es.Index < len(c.call.Args) {
				c.call.Args[es.Index] = WrapElems(c.call.Args[es.Index], es)
			}
		}
	}
}

// WrapElems is a, passed through __glrt.Elems (or ElemsDeep) as
// ElemStringers passes a printed argument.
func WrapElems(a ast.Expr, es ElemStringer) ast.Expr {
	pos := a.Pos()
	if es.Self { // the value itself: fmt prints what its method says
		return &ast.CallExpr{Fun: methodFunc(es.Elem, es.ElemMethod, pos), Lparen: pos, Args: []ast.Expr{a}, Rparen: a.End()}
	}
	args := []ast.Expr{a, methodFunc(es.Key, es.KeyMethod, pos), methodFunc(es.Elem, es.ElemMethod, pos)}
	fun := rtFunc("Elems", pos)
	if es.Depth > 1 { // [][]Weekday: __glrt.ElemsDeep(x, 2, nil, func...)
		fun = rtFunc("ElemsDeep", pos)
		depth := &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(es.Depth)}
		args = append([]ast.Expr{a, depth}, args[1:]...)
	}
	return &ast.CallExpr{Fun: fun, Lparen: pos, Args: args, Rparen: a.End()}
}

// methodFunc is `func(v T) string { return v.M() }`, or nil.
func methodFunc(typ, method string, pos token.Pos) ast.Expr {
	if method == "" {
		return Ident("nil", pos)
	}
	v := Ident("__gl_v", pos)
	var t ast.Expr = Ident(typ, pos)
	if x, err := parseAt(typ, pos); err == nil {
		t = x // *Name, or an instance of a generic type: Set[string]
	}
	params := &ast.FieldList{Opening: pos, List: []*ast.Field{{Names: []*ast.Ident{v}, Type: t}}, Closing: pos}
	results := &ast.FieldList{List: []*ast.Field{{Type: Ident("string", pos)}}}
	call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: Ident("__gl_v", pos), Sel: Ident(method, pos)}, Lparen: pos, Rparen: pos}
	body := &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ReturnStmt{Return: pos, Results: []ast.Expr{call}}}, Rbrace: pos}
	return &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: params, Results: results}, Body: body}
}
