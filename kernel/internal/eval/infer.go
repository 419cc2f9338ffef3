package eval

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"

	"golessons/kernel/internal/eval/rewrite"
)

// yaegi v0.16.1 fails to infer type arguments in calls the Go compiler
// handles: through a variadic parameter (MaxOf(3, 9, 2), yaegi issue
// 1610) or through a func literal's result type (Map(xs, func(n int)
// string {...})). When a unit fails to compile, inferTypeArgs reads the
// argument types from the source and writes the type arguments out
// (Map[int, string](...)), then the unit is compiled again.

// inferTypeArgs instantiates calls below n of generic funcs declared in
// cells that have no type arguments, where every type parameter can be
// bound from the arguments. It reports whether it changed anything.
func (e *Evaluator) inferTypeArgs(n ast.Node) bool {
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
						if t := e.argType(v.Rhs[i], locals); t != nil {
							locals[id.Name] = t
						}
					}
				}
			}
		case *ast.CallExpr:
			if e.instantiate(v, locals) {
				changed = true
			}
		}
		return true
	})
	return changed
}

// instantiate writes the type arguments of call when it can bind them all.
func (e *Evaluator) instantiate(call *ast.CallExpr, locals map[string]ast.Expr) bool {
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return false
	}
	fd := e.genericDecl(id.Name)
	if fd == nil {
		return false
	}
	var tparams []string
	for _, f := range fd.Type.TypeParams.List {
		for _, n := range f.Names {
			tparams = append(tparams, n.Name)
		}
	}
	params := flatten(fd.Type.Params)
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
		if at := e.argType(arg, locals); at != nil && pt != nil {
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

// genericDecl parses the recorded declaration of generic func name.
func (e *Evaluator) genericDecl(name string) *ast.FuncDecl {
	en := e.decls.entries[name]
	if en == nil || !en.generic || en.text == "" {
		return nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+en.text, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return nil
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Type.TypeParams == nil {
		return nil
	}
	return fd
}

// flatten lists one type per parameter.
func flatten(fl *ast.FieldList) []ast.Expr {
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
			unifyLists(flatten(pt.Params), flatten(at.Params), bound)
			unifyLists(flatten(pt.Results), flatten(at.Results), bound)
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
// conversions, and variables (globals through reflect, locals declared
// earlier in the unit, user-typed values recorded in the table).
func (e *Evaluator) argType(x ast.Expr, locals map[string]ast.Expr) ast.Expr {
	switch v := x.(type) {
	case *ast.BasicLit:
		return ast.NewIdent(basicLitTypes[v.Kind])
	case *ast.FuncLit:
		return v.Type
	case *ast.CompositeLit:
		return v.Type
	case *ast.ParenExpr:
		return e.argType(v.X, locals)
	case *ast.UnaryExpr:
		if v.Op == token.AND {
			if t := e.argType(v.X, locals); t != nil {
				return &ast.StarExpr{X: t}
			}
		}
		if v.Op == token.SUB {
			return e.argType(v.X, locals)
		}
	case *ast.CallExpr:
		if id, ok := v.Fun.(*ast.Ident); ok && len(v.Args) == 1 && (rewrite.IntTypeNames[id.Name] || id.Name == "float64" || id.Name == "string") {
			return ast.NewIdent(id.Name)
		}
	case *ast.Ident:
		return e.identType(v.Name, locals)
	}
	return nil
}

func (e *Evaluator) identType(name string, locals map[string]ast.Expr) ast.Expr {
	if name == "true" || name == "false" {
		return ast.NewIdent("bool")
	}
	if t, ok := locals[name]; ok {
		return t
	}
	if en := e.decls.entries[name]; en != nil && en.typeName != "" && e.decls.entries[en.typeName] != nil {
		return ast.NewIdent(en.typeName)
	}
	v, ok := e.globals()[name]
	if !ok || !v.IsValid() || v.Kind() == reflect.Interface {
		return nil
	}
	s := goTypeExpr(v.Type())
	if s == "" {
		return nil
	}
	t, err := parser.ParseExpr(s)
	if err != nil {
		return nil
	}
	return t
}
