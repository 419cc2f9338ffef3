package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
)

// yaegi v0.16.1 fails to infer type arguments in calls the Go compiler
// handles: through a variadic parameter (MaxOf(3, 9, 2), yaegi issue
// 1610) or through a func literal's result type (Map(xs, func(n int)
// string {...})). When a unit fails to compile, the evaluator has
// InferTypeArgs read the argument types from the source and write the
// type arguments out (Map[int, string](...)), then compiles it again.

// InferTypeArgs instantiates calls below n of generic funcs that have no
// type arguments, where every type parameter can be bound from the
// arguments. decl gives the declaration of a generic func by name (nil
// for any other name), varType the type of a variable declared outside n
// (nil when unknown). It reports whether it changed anything.
func InferTypeArgs(n ast.Node, decl func(name string) *ast.FuncDecl, varType func(name string) ast.Expr) bool {
	in := inferrer{decl, varType}
	if n == nil {
		return false
	}
	locals := map[string]ast.Expr{}
	changed := false
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.AssignStmt: // remember `nums := []int{...}` for later calls
			if v.Tok == token.DEFINE && len(v.Lhs) == len(v.Rhs) {
				for i, l := range v.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						if t := in.argType(v.Rhs[i], locals); t != nil {
							locals[id.Name] = t
						}
					}
				}
			}
		case *ast.CallExpr:
			if in.instantiate(v, locals) {
				changed = true
			}
		}
		return true
	})
	return changed
}

// inferrer is what InferTypeArgs knows of names outside the code.
type inferrer struct {
	decl    func(string) *ast.FuncDecl
	varType func(string) ast.Expr
}

// instantiate writes the type arguments of call when it can bind them all.
func (in inferrer) instantiate(call *ast.CallExpr, locals map[string]ast.Expr) bool {
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return false
	}
	fd := in.decl(id.Name)
	if fd == nil {
		return false
	}
	var tparams []string
	for _, f := range fd.Type.TypeParams.List {
		for _, n := range f.Names {
			tparams = append(tparams, n.Name)
		}
	}
	params := Flatten(fd.Type.Params)
	bound := map[string]ast.Expr{}
	for _, tp := range tparams {
		bound[tp] = nil
	}
	for i, arg := range call.Args {
		var pt ast.Expr
		switch {
		case i < len(params):
			pt = params[i]
		case len(params) > 0:
			pt = params[len(params)-1]
		}
		if el, ok := pt.(*ast.Ellipsis); ok {
			pt = el.Elt
			if call.Ellipsis.IsValid() {
				pt = &ast.ArrayType{Elt: el.Elt}
			}
		}
		if at := in.argType(arg, locals); at != nil && pt != nil {
			unify(pt, at, bound)
		}
	}
	args := make([]ast.Expr, len(tparams))
	for i, tp := range tparams {
		if bound[tp] == nil {
			return false
		}
		args[i] = bound[tp]
	}
	if len(args) == 1 {
		call.Fun = &ast.IndexExpr{X: id, Lbrack: id.End(), Index: args[0], Rbrack: id.End()}
	} else {
		call.Fun = &ast.IndexListExpr{X: id, Lbrack: id.End(), Indices: args, Rbrack: id.End()}
	}
	return true
}

// Flatten lists one type per parameter.
func Flatten(fl *ast.FieldList) []ast.Expr {
	if fl == nil {
		return nil
	}
	var out []ast.Expr
	for _, f := range fl.List {
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, f.Type)
		}
	}
	return out
}

// unify binds the type parameters in p (keys of bound) by matching p
// against the argument type a; the first binding wins.
func unify(p, a ast.Expr, bound map[string]ast.Expr) {
	switch pt := p.(type) {
	case *ast.Ident:
		if b, isParam := bound[pt.Name]; isParam && b == nil {
			bound[pt.Name] = a
		}
	case *ast.ArrayType:
		if at, ok := a.(*ast.ArrayType); ok {
			unify(pt.Elt, at.Elt, bound)
		}
	case *ast.MapType:
		if at, ok := a.(*ast.MapType); ok {
			unify(pt.Key, at.Key, bound)
			unify(pt.Value, at.Value, bound)
		}
	case *ast.StarExpr:
		if at, ok := a.(*ast.StarExpr); ok {
			unify(pt.X, at.X, bound)
		}
	case *ast.ChanType:
		if at, ok := a.(*ast.ChanType); ok {
			unify(pt.Value, at.Value, bound)
		}
	case *ast.FuncType:
		if at, ok := a.(*ast.FuncType); ok {
			unifyLists(Flatten(pt.Params), Flatten(at.Params), bound)
			unifyLists(Flatten(pt.Results), Flatten(at.Results), bound)
		}
	}
}

func unifyLists(ps, as []ast.Expr, bound map[string]ast.Expr) {
	for i := range min(len(ps), len(as)) {
		unify(ps[i], as[i], bound)
	}
}

// basicLitTypes are the default types of untyped constants.
var basicLitTypes = map[token.Token]string{token.INT: "int", token.FLOAT: "float64", token.STRING: "string",
	token.CHAR: "rune", token.IMAG: "complex128"}

// argType reads the type of an argument from the source when it is
// plain to see: literals, func literals, composite literals, &x,
// conversions, and variables (locals declared earlier in the code, the
// others through varType).
func (in inferrer) argType(x ast.Expr, locals map[string]ast.Expr) ast.Expr {
	switch v := x.(type) {
	case *ast.BasicLit:
		return ast.NewIdent(basicLitTypes[v.Kind])
	case *ast.FuncLit:
		return v.Type
	case *ast.CompositeLit:
		return v.Type
	case *ast.ParenExpr:
		return in.argType(v.X, locals)
	case *ast.UnaryExpr:
		if v.Op == token.AND {
			if t := in.argType(v.X, locals); t != nil {
				return &ast.StarExpr{X: t}
			}
		}
		if v.Op == token.SUB {
			return in.argType(v.X, locals)
		}
	case *ast.CallExpr:
		if id, ok := v.Fun.(*ast.Ident); ok && len(v.Args) == 1 && (IntTypeNames[id.Name] || id.Name == "float64" || id.Name == "string") {
			return ast.NewIdent(id.Name)
		}
	case *ast.Ident:
		return in.identType(v.Name, locals)
	}
	return nil
}

func (in inferrer) identType(name string, locals map[string]ast.Expr) ast.Expr {
	if name == "true" || name == "false" {
		return ast.NewIdent("bool")
	}
	if t, ok := locals[name]; ok {
		return t
	}
	return in.varType(name)
}

// WriteTypeArgs writes out the type arguments of the calls below n of
// generic funcs that name them not (Sum(1, 2) becomes Sum[int](1, 2)),
// and of such funcs used as values (Apply(xs, Double) becomes
// Apply(xs, Double[int]): yaegi infers neither), where args, given the
// func's name, knows them (from the type checker). It reports whether it
// changed anything.
func WriteTypeArgs(n ast.Node, args func(fn *ast.Ident) ([]string, bool)) bool {
	if n == nil {
		return false
	}
	// Names already instantiated (Sum[int]) or called are not values,
	// nor the names in the type arguments written here.
	skip := map[*ast.Ident]bool{}
	// instance is id with its type arguments written out, or nil.
	instance := func(id *ast.Ident) ast.Expr {
		ts, ok := args(id)
		if !ok {
			return nil
		}
		return withTypeArgs(id, ts, func(tid *ast.Ident) { skip[tid] = true })
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.IndexExpr:
			if id, ok := v.X.(*ast.Ident); ok {
				skip[id] = true
			}
		case *ast.IndexListExpr:
			if id, ok := v.X.(*ast.Ident); ok {
				skip[id] = true
			}
		case *ast.CallExpr:
			if id, ok := v.Fun.(*ast.Ident); ok {
				skip[id] = true
			}
		}
		return true
	})
	changed := false
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok {
			return true
		}
		if id, ok := call.Fun.(*ast.Ident); ok {
			if fn := instance(id); fn != nil {
				call.Fun, changed = fn, true
			}
		}
		return true
	})
	replaceEveryExpr(n, func(x ast.Expr) ast.Expr {
		id, ok := x.(*ast.Ident)
		if !ok || skip[id] {
			return x
		}
		if fn := instance(id); fn != nil {
			skip[id] = true // the walk goes on into fn, which holds id
			changed = true
			return fn
		}
		return x
	})
	return changed
}

// PkgTypeArgs writes out the type arguments of a package's generic funcs
// used as values below n (cmp.Compare becomes cmp.Compare[int]), which
// args gives by the func's name; yaegi instantiates a package's generic
// func only where its type arguments are written.
func PkgTypeArgs(n ast.Node, args func(sel *ast.Ident) ([]string, bool)) {
	if n == nil {
		return
	}
	done := map[*ast.SelectorExpr]bool{} // the walk goes on into the instance, which holds sel
	ReplaceExprs(n, func(x ast.Expr) ast.Expr {
		sel, ok := x.(*ast.SelectorExpr)
		if !ok || done[sel] {
			return x
		}
		done[sel] = true
		ts, ok := args(sel.Sel)
		if !ok {
			return x
		}
		if inst := withTypeArgs(sel, ts, func(*ast.Ident) {}); inst != nil {
			return inst
		}
		return x
	})
}

// withTypeArgs is fn instantiated with the type arguments ts, written as
// the cell would write them (fn[int], fn[[]int, int]); seen is told each
// identifier of the arguments. nil when there are none, or one does not
// parse.
func withTypeArgs(fn ast.Expr, ts []string, seen func(*ast.Ident)) ast.Expr {
	if len(ts) == 0 {
		return nil
	}
	var exprs []ast.Expr
	for _, t := range ts {
		e, err := parser.ParseExpr(t)
		if err != nil {
			return nil
		}
		ast.Inspect(e, func(x ast.Node) bool {
			if id, ok := x.(*ast.Ident); ok {
				seen(id)
			}
			return true
		})
		exprs = append(exprs, e)
	}
	if len(exprs) == 1 {
		return &ast.IndexExpr{X: fn, Lbrack: fn.End(), Index: exprs[0], Rbrack: fn.End()}
	}
	return &ast.IndexListExpr{X: fn, Lbrack: fn.End(), Indices: exprs, Rbrack: fn.End()}
}
