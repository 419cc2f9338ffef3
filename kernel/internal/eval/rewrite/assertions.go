package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// TypeAssertions rewrites every type assertion below n into a call of
// a func literal. A two-value one, `v, ok := x.(T)`, `v, ok = x.(T)`,
// `var v, ok = x.(T)` (an if's or a switch's init too), becomes
//
//	v, ok := func() (T, bool) {
//		__x := x
//		var __v T
//		if __x == nil { return __v, false }
//		if t, ok := __x.(T); ok { return t, true }
//		return __v, __glrt.SetInto(&__v, __x)
//	}()
//
// and one of one value to an interface the same call in a func literal
// that panics when not ok.
//
// yaegi's own answers are wrong for the cells' types: a nil asserted to
// an interface panics, a cell value asserted to an interface panics or
// is said not to implement it, and a cell value inside one of yaegi's
// wrappers (an error made any) is not seen. An interface T is tried
// first as each cell type implementing it (from caseType), then by
// assertion (a compiled value). A type whose values yaegi cannot tell
// from another's (caseType's Twins) is a *CaseError. An assertion
// caseType knows nothing of (code the checker did not see, as what other
// rewrites wrote) is left to yaegi. The result is a call, which yaegi
// also declares at a cell's top level.
func TypeAssertions(n ast.Node, caseType func(typ ast.Expr) (CaseType, bool), temp Temp) error {
	// All first, then rewritten: the code written has assertions of its
	// own, which must stay.
	var twos [][]ast.Expr
	singles := map[*ast.TypeAssertExpr]bool{}
	ast.Inspect(n, func(x ast.Node) bool {
		switch s := x.(type) {
		case *ast.AssignStmt:
			if len(s.Lhs) == 2 && len(s.Rhs) == 1 && (s.Tok == token.DEFINE || s.Tok == token.ASSIGN) {
				twos = append(twos, s.Rhs)
			}
		case *ast.ValueSpec:
			if len(s.Names) == 2 && len(s.Values) == 1 {
				twos = append(twos, s.Values)
			}
		case *ast.TypeAssertExpr:
			singles[s] = s.Type != nil
		}
		return true
	})
	for _, rhs := range twos {
		ta, ok := ast.Unparen(rhs[0]).(*ast.TypeAssertExpr)
		if !ok || ta.Type == nil {
			continue
		}
		singles[ta] = false
		call, err := assertionCall(ta, caseType, temp)
		if err != nil {
			return err
		}
		if call != nil {
			rhs[0] = call
		}
	}
	var err error
	replaceEveryExpr(n, func(x ast.Expr) ast.Expr {
		ta, ok := x.(*ast.TypeAssertExpr)
		if !ok || !singles[ta] || err != nil {
			return x
		}
		var call ast.Expr
		if call, err = singleAssertion(ta, caseType, temp); err != nil || call == nil {
			return x
		}
		return call
	})
	return err
}

// singleAssertion is the func literal call standing for the assertion
// ta of one value: the two-value one's, panicking when not ok.
func singleAssertion(ta *ast.TypeAssertExpr, caseType func(ast.Expr) (CaseType, bool), temp Temp) (ast.Expr, error) {
	pos := ta.Lparen
	typ, err := typeText(ta.Type)
	if err != nil {
		return nil, err
	}
	ct, known := caseType(ta.Type)
	if known && !ct.Iface && len(ct.Twins) > 0 {
		return nil, twinsError(ta, typ, ct) // yaegi's x.(Cat) of a Dog gave a Cat
	}
	if !known || !ct.Iface {
		return nil, nil // yaegi asserts one value to a type that is no interface right
	}
	// The asserted value is evaluated once, into x, which the panic
	// names as Go's does: interface conversion: int is not fmt.Stringer:
	// missing method String.
	x := temp("x", pos)
	held := *ta
	held.X = Ident(x.Name, pos)
	two, err := assertionCall(&held, caseType, temp)
	if err != nil || two == nil {
		return nil, err
	}
	v, ok := temp("v", pos), temp("ok", pos)
	name := &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(typ)}
	// (*T)(nil): a package's interface's methods, to name the missing one
	target := &ast.CallExpr{Fun: &ast.ParenExpr{Lparen: pos, X: &ast.StarExpr{Star: pos, X: mustParseAt(typ, pos)}, Rparen: pos},
		Lparen: pos, Args: []ast.Expr{Ident("nil", pos)}, Rparen: pos}
	// and the interface's methods, which a cell's interface has only here
	methods := &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(strings.Join(ct.Methods, ","))}
	failure := &ast.CallExpr{Fun: rtFunc("AssertionError", pos), Lparen: pos,
		Args: []ast.Expr{&ast.CallExpr{Fun: &ast.InterfaceType{Interface: pos, Methods: &ast.FieldList{Opening: pos, Closing: pos}},
			Lparen: pos, Args: []ast.Expr{Ident(x.Name, pos)}, Rparen: pos}, name, target, methods}, Rparen: pos}
	body := []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{x}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{ta.X}},
		&ast.AssignStmt{Lhs: []ast.Expr{v, ok}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{two}},
		&ast.IfStmt{If: pos, Cond: &ast.UnaryExpr{OpPos: pos, Op: token.NOT, X: Ident(ok.Name, pos)},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: Ident("panic", pos), Lparen: pos, Args: []ast.Expr{failure}, Rparen: pos}}}, Rbrace: pos}},
		&ast.ReturnStmt{Return: pos, Results: []ast.Expr{Ident(v.Name, pos)}},
	}
	results := &ast.FieldList{Opening: pos, List: []*ast.Field{{Type: mustParseAt(typ, pos)}}, Closing: pos}
	return literalCall(body, results, ta.X, x.Name, pos), nil
}

// literalCall is the call of a func literal with body and results whose
// first statement takes the asserted value into the variable x. When
// that value is recover()'s, the literal takes it as its argument
// instead: recover stops a panic only when the deferred func calls it
// itself (recover().(error) was nil, and the panic went on).
func literalCall(body []ast.Stmt, results *ast.FieldList, asserted ast.Expr, x string, pos token.Pos) ast.Expr {
	params := &ast.FieldList{Opening: pos, Closing: pos}
	var args []ast.Expr
	if isRecoverCall(asserted) {
		body = body[1:]
		params.List = []*ast.Field{{Names: []*ast.Ident{Ident(x, pos)}, Type: Ident("any", pos)}}
		args = []ast.Expr{asserted}
	}
	lit := &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: params, Results: results},
		Body: &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: pos}}
	return &ast.CallExpr{Fun: lit, Lparen: pos, Args: args, Rparen: pos}
}

// isRecoverCall reports whether x is a call of the builtin recover.
func isRecoverCall(x ast.Expr) bool {
	c, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || len(c.Args) != 0 {
		return false
	}
	id, ok := c.Fun.(*ast.Ident)
	return ok && id.Name == "recover"
}

// replaceEveryExpr stores f's result in every expression field and
// element below n, top-down.
func replaceEveryExpr(n ast.Node, f func(ast.Expr) ast.Expr) {
	exprType, listType := reflect.TypeFor[ast.Expr](), reflect.TypeFor[[]ast.Expr]()
	ast.Inspect(n, func(x ast.Node) bool {
		v := reflect.ValueOf(x)
		if x == nil || v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		s := v.Elem()
		for i := range s.NumField() {
			fv := s.Field(i)
			switch {
			case fv.Type() == exprType && !fv.IsNil():
				fv.Set(reflect.ValueOf(f(fv.Interface().(ast.Expr))))
			case fv.Type() == listType:
				for j := range fv.Len() {
					if e := fv.Index(j); !e.IsNil() {
						e.Set(reflect.ValueOf(f(e.Interface().(ast.Expr))))
					}
				}
			}
		}
		return true
	})
}

// twinsError refuses the assertion ta to typ, a type whose values yaegi
// cannot tell from those of ct.Twins.
func twinsError(ta *ast.TypeAssertExpr, typ string, ct CaseType) error {
	return &CaseError{Pos: ta.Type.Pos(), Msg: fmt.Sprintf("this type assertion to %s: the interpreter cannot tell values of %s from those of %s (the same underlying type), "+
		"so its answer could be wrong; give the types different underlying types (e.g. a struct)", typ, typ, strings.Join(ct.Twins, " or "))}
}

// assertionCall is the func literal call standing for the two-value
// assertion ta; nil when caseType knows nothing of its type.
func assertionCall(ta *ast.TypeAssertExpr, caseType func(ast.Expr) (CaseType, bool), temp Temp) (ast.Expr, error) {
	pos := ta.Lparen
	typ, err := typeText(ta.Type)
	if err != nil {
		return nil, err
	}
	ct, known := caseType(ta.Type)
	if !known {
		return nil, nil
	}
	if !ct.Iface && len(ct.Twins) > 0 {
		return nil, twinsError(ta, typ, ct)
	}
	x, v := temp("x", pos), temp("v", pos)
	id := func(name string) *ast.Ident { return Ident(name, pos) }
	ret := func(a, b ast.Expr) ast.Stmt { return &ast.ReturnStmt{Return: pos, Results: []ast.Expr{a, b}} }
	// if t, ok := __x.(T); ok { return t, true }
	try := func(t string) ast.Stmt {
		val, ok := temp("t", pos), temp("ok", pos)
		return &ast.IfStmt{If: pos,
			Init: &ast.AssignStmt{Lhs: []ast.Expr{val, ok}, TokPos: pos, Tok: token.DEFINE,
				Rhs: []ast.Expr{&ast.TypeAssertExpr{X: id(x.Name), Lparen: pos, Type: mustParseAt(t, pos), Rparen: pos}}},
			Cond: id(ok.Name),
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{ret(id(val.Name), id("true"))}, Rbrace: pos}}
	}
	body := []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{x}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{ta.X}},
		varDecl(v.Name, mustParseAt(typ, pos), pos),
		&ast.IfStmt{If: pos, Cond: &ast.BinaryExpr{X: id(x.Name), OpPos: pos, Op: token.EQL, Y: id("nil")},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{ret(id(v.Name), id("false"))}, Rbrace: pos}},
	}
	if ct.Iface {
		for _, impl := range ct.Impls {
			if _, err := parseAt(impl, pos); err != nil {
				return nil, fmt.Errorf("type %q: %v", impl, err)
			}
			if !slices.Contains(ct.Plain, impl) {
				body = append(body, try(impl))
				continue
			}
			// if _, ok := __x.(I); ok && __glrt.MayHold(__x, "main.Impl") {
			// <try Impl> }: x.(Impl) alone takes a plain 7 for a Celsius;
			// the interpreter's own assertion to the interface tells them
			// apart, but cannot give the value, and the interface value's
			// own type tells a Celsius from a Fahrenheit.
			ok := temp("ok", pos)
			mayHold := mayHoldCall(x.Name, impl, pos)
			body = append(body, &ast.IfStmt{If: pos,
				Init: &ast.AssignStmt{Lhs: []ast.Expr{id("_"), ok}, TokPos: pos, Tok: token.DEFINE,
					Rhs: []ast.Expr{&ast.TypeAssertExpr{X: id(x.Name), Lparen: pos, Type: mustParseAt(typ, pos), Rparen: pos}}},
				Cond: &ast.BinaryExpr{X: id(ok.Name), OpPos: pos, Op: token.LAND, Y: mayHold},
				Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{try(impl)}, Rbrace: pos}})
		}
		body = append(body, try(typ), ret(id(v.Name), id("false")))
	} else {
		body = append(body, try(typ), ret(id(v.Name), setInto(v.Name, x.Name, pos)))
	}
	results := &ast.FieldList{Opening: pos, List: []*ast.Field{{Type: mustParseAt(typ, pos)}, {Type: id("bool")}}, Closing: pos}
	return literalCall(body, results, ta.X, x.Name, pos), nil
}
