package eval

// Which statements Restore may replay: those whose effects stay inside the
// values they build (see Restore).

import (
	"go/ast"
	"go/token"
)

// pureStmt reports whether st can be replayed without effects, and the
// variables it sets: an assignment, ++/--, or a var/const/type declaration
// whose values are pure (see pure), to names or to parts of restored values.
func (r *restorer) pureStmt(st ast.Stmt) (targets []string, ok bool) {
	switch st := st.(type) {
	case *ast.AssignStmt:
		for _, x := range st.Rhs {
			if !r.pure(x) {
				return nil, false
			}
		}
		for _, x := range st.Lhs {
			if !r.pure(x) {
				return nil, false
			}
			if id, isID := x.(*ast.Ident); isID && id.Name != "_" {
				targets = append(targets, id.Name)
			}
		}
		return targets, true
	case *ast.IncDecStmt:
		if id, isID := st.X.(*ast.Ident); isID {
			targets = append(targets, id.Name)
		}
		return targets, r.pure(st.X)
	case *ast.DeclStmt:
		gd, isGen := st.Decl.(*ast.GenDecl)
		if !isGen {
			return nil, false
		}
		for _, sp := range gd.Specs {
			vs, isValue := sp.(*ast.ValueSpec)
			if !isValue {
				continue // a type declared inside a var segment cannot be
			}
			for _, x := range vs.Values {
				if !r.pure(x) {
					return nil, false
				}
			}
			if gd.Tok == token.VAR {
				for _, id := range vs.Names {
					targets = append(targets, id.Name)
				}
			}
		}
		return targets, true
	}
	return nil, false
}

// isFullAssign reports whether st gives its targets wholly new values
// (=, := or a declaration), as opposed to updating them (+=, ++).
func isFullAssign(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.AssignStmt:
		return st.Tok == token.ASSIGN || st.Tok == token.DEFINE
	case *ast.DeclStmt:
		return true
	}
	return false
}

// pureBuiltins are the builtins whose calls have no effect outside the
// values they make.
var pureBuiltins = map[string]bool{
	"len": true, "cap": true, "make": true, "new": true, "append": true,
	"complex": true, "real": true, "imag": true, "min": true, "max": true,
}

// pureTypes are the predeclared type names: calling one is a conversion.
var pureTypes = map[string]bool{
	"bool": true, "string": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true, "byte": true, "rune": true,
	"any": true, "error": true,
}

// purePackages are standard packages whose functions depend only on their
// arguments and change nothing (given arguments that are not functions).
var purePackages = map[string]bool{
	"math": true, "strings": true, "strconv": true, "unicode": true, "unicode/utf8": true,
	"math/bits": true, "math/cmplx": true,
}

// pureFuncs are single pure functions and conversions of other packages.
var pureFuncs = map[string]bool{
	"errors.New": true, "time.Duration": true, "time.Month": true, "time.Weekday": true,
}

// pure reports whether evaluating x can have no effect and gives the same
// value again: no calls except pure builtins, conversions and pure package
// functions, no channel receive.
func (r *restorer) pure(x ast.Expr) bool {
	ok := true
	ast.Inspect(x, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.UnaryExpr:
			ok = n.Op != token.ARROW
		case *ast.FuncLit:
			return false // its body runs only when called
		case *ast.CallExpr:
			ok = r.pureCall(n)
		}
		return ok
	})
	return ok
}

// pureCall reports whether the call itself has no effect (its arguments
// are checked by pure).
func (r *restorer) pureCall(c *ast.CallExpr) bool {
	switch f := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		if r.isFunc(f) || r.vars[f.Name] {
			return false // a cell's own len or int shadows the builtin
		}
		return pureBuiltins[f.Name] || pureTypes[f.Name] || r.types[f.Name]
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StructType, *ast.StarExpr:
		return true // a conversion
	case *ast.IndexExpr:
		id, ok := f.X.(*ast.Ident)
		return ok && r.types[id.Name] // conversion to an instance of a generic type
	case *ast.SelectorExpr:
		pkg, ok := f.X.(*ast.Ident)
		if !ok {
			return false // a method
		}
		path, imported := r.imports[pkg.Name]
		if !imported || r.vars[pkg.Name] {
			return false
		}
		if !purePackages[path] && !pureFuncs[path+"."+f.Sel.Name] {
			return false
		}
		for _, a := range c.Args {
			if _, isFunc := a.(*ast.FuncLit); isFunc || r.isFunc(a) {
				return false // strings.Map(f, s) runs f
			}
		}
		return true
	}
	return false
}

// isFunc reports whether x names a function declared in a cell.
func (r *restorer) isFunc(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && len(r.bodies[id.Name]) > 0
}
