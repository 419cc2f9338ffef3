package typecheck

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"strings"
)

// GenericCall is a call of a cell's generic func that yaegi v0.16.1
// cannot run (one with a func-typed parameter or result, such as an
// iterator adapter): the func as the cell wrote it, and the type
// arguments the call instantiates it with, for a concrete copy.
type GenericCall struct {
	Decl       string   // the func declaration, gofmt'd
	TypeParams []string // its type parameters' names
	TypeArgs   []string // the call's type arguments, as the cell would write them
}

// funcDecls finds the declaration of a package-level func by the
// position of its name, with the file set that position belongs to.
type funcDecls func(pos token.Pos) (*ast.FuncDecl, *token.FileSet)

// genericCall returns the fact for a use of id, a cell's generic func,
// in a call or as a value.
func genericCall(id *ast.Ident, info *types.Info, pkg *types.Package, decls funcDecls) (GenericCall, bool) {
	fn, ok := info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() != pkg || fn.Parent() != pkg.Scope() {
		return GenericCall{}, false
	}
	sig := fn.Type().(*types.Signature)
	inst, ok := info.Instances[id]
	if sig.TypeParams().Len() == 0 || !ok || inst.TypeArgs.Len() != sig.TypeParams().Len() || !funcTyped(sig) {
		return GenericCall{}, false
	}
	fd, fset := decls(fn.Pos())
	if fd == nil || fd.Body == nil || !sameNames(fd, id.Pos(), info, pkg) {
		return GenericCall{}, false
	}
	gc := GenericCall{}
	for i := range sig.TypeParams().Len() {
		t := inst.TypeArgs.At(i)
		s := types.TypeString(t, cellQualifier)
		if strings.Contains(s, "invalid type") || isTypeParam(t) {
			return GenericCall{}, false
		}
		gc.TypeParams = append(gc.TypeParams, sig.TypeParams().At(i).Obj().Name())
		gc.TypeArgs = append(gc.TypeArgs, s)
	}
	restore := typeIntRanges(fd, info)
	var b bytes.Buffer
	err := format.Node(&b, fset, fd)
	restore()
	if err != nil {
		return GenericCall{}, false
	}
	gc.Decl = b.String()
	return gc, true
}

// typeIntRanges writes the integer each range over an integer in fd
// ranges over as a conversion to its type (for i := range n becomes
// for i := range int(n)), until restore is called: a copy of fd made
// from its text is compiled where the type checker's facts do not reach,
// and the evaluator recognises a range over an integer there only by its
// syntax (a closure's n := min(len(as), 2) made a zip fail to compile).
func typeIntRanges(fd *ast.FuncDecl, info *types.Info) (restore func()) {
	type saved struct {
		r *ast.RangeStmt
		x ast.Expr
	}
	var done []saved
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		r, ok := n.(*ast.RangeStmt)
		if !ok {
			return true
		}
		if _, lit := r.X.(*ast.BasicLit); lit {
			return true
		}
		t := info.TypeOf(r.X)
		if t == nil {
			return true
		}
		integer := false
		switch u := t.Underlying().(type) {
		case *types.Basic:
			integer = u.Info()&types.IsInteger != 0 && u.Info()&types.IsUntyped == 0
		case *types.Interface:
			if tp, ok := t.(*types.TypeParam); ok {
				integer = integerTerms(tp.Constraint())
			}
		}
		if !integer {
			return true
		}
		name := types.TypeString(t, cellQualifier)
		if strings.Contains(name, "invalid type") {
			return true
		}
		done = append(done, saved{r, r.X})
		r.X = &ast.CallExpr{Fun: ast.NewIdent(name), Lparen: r.X.Pos(), Args: []ast.Expr{r.X}, Rparen: r.X.End()}
		return true
	})
	return func() {
		for _, s := range done {
			s.r.X = s.x
		}
	}
}

// typeArgs returns the type arguments of a use of id, a package-level
// generic func of the cell, as the cell would write them; false when one
// cannot be written there (a type parameter of an enclosing func).
func typeArgs(id *ast.Ident, info *types.Info, pkg *types.Package) ([]string, bool) {
	fn, ok := info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() != pkg || fn.Parent() != pkg.Scope() {
		return nil, false
	}
	inst, ok := info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 || funcTyped(fn.Type().(*types.Signature)) {
		return nil, false // func-typed ones are copied (genericCall) or explained
	}
	var out []string
	for i := range inst.TypeArgs.Len() {
		t := inst.TypeArgs.At(i)
		s := types.TypeString(t, cellQualifier)
		if strings.Contains(s, "invalid type") || isTypeParam(t) {
			return nil, false
		}
		if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Parent() != nil && n.Obj().Parent() != n.Obj().Pkg().Scope() {
			return nil, false // a type declared in a func, whose name may mean another type at the call
		}
		out = append(out, s)
	}
	return out, true
}

// funcTyped reports whether a parameter or result of sig is of a func
// type (iter.Seq[T] is one): those are what yaegi's generics lose.
func funcTyped(sig *types.Signature) bool {
	for _, tup := range []*types.Tuple{sig.Params(), sig.Results()} {
		for i := range tup.Len() {
			if _, ok := tup.At(i).Type().Underlying().(*types.Signature); ok {
				return true
			}
		}
	}
	return false
}

// sameNames reports whether every name the declaration fd uses from the
// package or the universe means the same at pos, where a copy of its
// body would be placed: a local variable there must not capture it.
func sameNames(fd *ast.FuncDecl, pos token.Pos, info *types.Info, pkg *types.Package) bool {
	at := pkg.Scope().Innermost(pos)
	if at == nil {
		return false
	}
	ok := true
	ast.Inspect(fd, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || !ok {
			return ok
		}
		obj := info.Uses[id]
		if obj == nil {
			// Declared here, or blank; else a name the checker could
			// not resolve, which cannot be vouched for.
			ok = id.Name == "_" || info.Defs[id] != nil
			return true
		}
		if obj.Parent() != pkg.Scope() && obj.Parent() != types.Universe {
			if pn, isPkg := obj.(*types.PkgName); isPkg {
				_, o := at.LookupParent(id.Name, pos)
				other, same := o.(*types.PkgName)
				ok = same && other.Imported() == pn.Imported()
			}
			return true
		}
		if _, o := at.LookupParent(id.Name, pos); o != obj {
			ok = false
		}
		return true
	})
	return ok
}

// declFinder finds package-level func declarations in the checked files.
func declFinder(files []*ast.File, fsets []*token.FileSet) funcDecls {
	return func(pos token.Pos) (*ast.FuncDecl, *token.FileSet) {
		for i, f := range files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Pos() == pos {
					return fd, fsets[i]
				}
			}
		}
		return nil, nil
	}
}

// pkgFuncValues are the Sels of the package funcs below own that are
// generic and used as values with inferred type arguments (cmp.Compare
// given to slices.SortFunc), with those arguments. Only arguments that
// are predeclared or the cell's own types are written: a package's type
// would need its package imported under its name.
func pkgFuncValues(own *ast.File, info *types.Info) map[*ast.Ident][]string {
	called := map[*ast.SelectorExpr]bool{}
	ast.Inspect(own, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
				called[sel] = true
			}
		case *ast.IndexExpr:
			if sel, ok := x.X.(*ast.SelectorExpr); ok {
				called[sel] = true
			}
		case *ast.IndexListExpr:
			if sel, ok := x.X.(*ast.SelectorExpr); ok {
				called[sel] = true
			}
		}
		return true
	})
	out := map[*ast.Ident][]string{}
	ast.Inspect(own, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || called[sel] {
			return true
		}
		if _, ok := info.Uses[sel.Sel].(*types.Func); !ok {
			return true
		}
		if pn, ok := sel.X.(*ast.Ident); !ok || info.Uses[pn] == nil {
			return true
		} else if _, ok := info.Uses[pn].(*types.PkgName); !ok {
			return true
		}
		inst, ok := info.Instances[sel.Sel]
		if !ok || inst.TypeArgs.Len() == 0 {
			return true
		}
		var args []string
		for i := range inst.TypeArgs.Len() {
			t := inst.TypeArgs.At(i)
			s := types.TypeString(t, cellQualifier)
			if strings.Contains(s, ".") || strings.Contains(s, "invalid type") || isTypeParam(t) {
				return true
			}
			if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Parent() != nil && n.Obj().Parent() != n.Obj().Pkg().Scope() {
				return true // a type declared in a func
			}
			args = append(args, s)
		}
		out[sel.Sel] = args
		return true
	})
	return out
}
