package typecheck

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// printFuncs are the fmt and log functions that print their arguments.
var printFuncs = map[string]bool{
	"fmt.Print": true, "fmt.Println": true, "fmt.Printf": true, "fmt.Sprint": true, "fmt.Sprintln": true,
	"fmt.Sprintf": true, "fmt.Fprint": true, "fmt.Fprintln": true, "fmt.Fprintf": true, "fmt.Errorf": true,
	"fmt.Append": true, "fmt.Appendln": true, "fmt.Appendf": true,
	"log.Print": true, "log.Println": true, "log.Printf": true, "log.Fatal": true, "log.Fatalln": true,
	"log.Fatalf": true, "log.Panic": true, "log.Panicln": true, "log.Panicf": true,
}

// dynArgs are the indexes of call's arguments whose static type is an
// interface the interpreter implements itself: `any`, an interface
// literal, or an interface the cells declare (pkg). Compiled interfaces
// (error, fmt.Stringer) hold values compiled code can use as they are.
// Only a func's parameters (params) are passed: yaegi stores the value
// of an interface parameter without the node its wrapper needs, and the
// wrapper goes wrong only for struct types (the plain value loses the
// String method of a non-struct type, which the wrapper keeps), so
// params is empty unless a cell's struct type has a String or Error
// method. A value of an interface a cell declares is passed wherever it
// comes from (a variable, a field): yaegi hands compiled code the plain
// value, without the String method of a named non-struct type held
// (var e Expr = literal(5) printed 5). Nil when there are none, or for a
// call passing a slice with `...`.
//
// An argument printed with %T is left out: typeNames labels it, and the
// value yaegi wraps keeps the name of a cell's non-struct type, which
// the plain interface value loses.
func dynArgs(call *ast.CallExpr, info *types.Info, pkg *types.Package, name string, params map[types.Object]bool) []int {
	if call.Ellipsis.IsValid() {
		return nil
	}
	var verbs []rune
	format, printf := printfFuncs[name]
	if printf {
		if len(call.Args) <= format {
			return nil
		}
		tv, ok := info.Types[call.Args[format]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil // %T of which argument is unknown
		}
		if verbs, ok = argVerbs(constant.StringVal(tv.Value)); !ok {
			return nil
		}
	}
	var out []int
	for i, a := range call.Args {
		if printf && (i <= format || i-format-1 >= len(verbs) || verbs[i-format-1] == 'T') {
			continue
		}
		if i == 0 && (name == "fmt.Fprint" || name == "fmt.Fprintln") {
			continue // the writer, not printed (a cell's Writer interface stays one)
		}
		id, ok := ast.Unparen(a).(*ast.Ident)
		param := ok && params[info.Uses[id]]
		t := info.TypeOf(a)
		if t == nil {
			continue
		}
		if n, ok := t.(*types.Named); !param && (!ok || n.Obj().Pkg() != pkg) {
			continue // only a cell's own interface, wherever the value is
		}
		if _, ok := t.Underlying().(*types.Interface); !ok {
			continue
		}
		switch n := t.(type) {
		case *types.Named:
			if n.Obj().Pkg() != pkg {
				continue // error, fmt.Stringer, a package's interface
			}
		case *types.Alias:
			if n.Obj().Pkg() != nil && n.Obj().Pkg() != pkg { // any is the universe's
				continue
			}
		}
		out = append(out, i)
	}
	return out
}

// interfaceParams returns the parameters of interface type of the funcs
// and func literals in file, and the range variables of interface type, when a struct type of pkg has a String or
// Error method (see dynArgs); nil otherwise.
func interfaceParams(file *ast.File, info *types.Info, pkg *types.Package) map[types.Object]bool {
	if !structStringer(pkg) {
		return nil
	}
	out := map[types.Object]bool{}
	ast.Inspect(file, func(n ast.Node) bool {
		var ft *ast.FuncType
		switch f := n.(type) {
		case *ast.FuncDecl:
			ft = f.Type
		case *ast.FuncLit:
			ft = f.Type
		case *ast.RangeStmt: // the elements of a ...any parameter, stored alike
			if id, ok := f.Value.(*ast.Ident); ok && f.Tok == token.DEFINE {
				if obj := info.Defs[id]; obj != nil && types.IsInterface(obj.Type()) {
					out[obj] = true
				}
			}
			return true
		default:
			return true
		}
		for _, fl := range ft.Params.List {
			for _, id := range fl.Names {
				if obj := info.Defs[id]; obj != nil && types.IsInterface(obj.Type()) {
					out[obj] = true
				}
			}
		}
		return true
	})
	return out
}

// structStringer reports whether a struct type of pkg has a String or
// Error method.
func structStringer(pkg *types.Package) bool {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if _, ok := tn.Type().Underlying().(*types.Struct); !ok {
			continue
		}
		for _, m := range []string{"String", "Error"} {
			if obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, m); obj != nil {
				if _, isFunc := obj.(*types.Func); isFunc {
					return true
				}
			}
		}
	}
	return false
}
