package typecheck

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
)

// Facts are what go/types knows about a cell that the evaluator's
// rewrites need and cannot see in the syntax. Both maps are keyed by the
// cell position of the called function's name (the Sel of pkg.F).
type Facts struct {
	// Seqs are the calls of the standard library's iterator functions
	// (maps.Keys, slices.Collect, iter.Pull, ...), with the element
	// types they are instantiated with: the interpreter cannot run the
	// generic originals, so the evaluator writes a concrete version.
	Seqs map[Pos]SeqCall
	// TypeNames are, for a Printf-family call, what %T must print for
	// each argument ("" when the interpreter's own answer is right or the
	// static type is an interface, whose dynamic type go/types does not know).
	TypeNames map[Pos][]string
}

// Pos is a cell position, 1-based.
type Pos struct{ Line, Col int }

// SeqCall is one call of an iterator function.
type SeqCall struct {
	Pkg, Func string   // "maps", "Keys"
	Types     []string // element types, as cell source: K and V of a map or Seq2, E of a slice or Seq
}

// seqFuncs are the iterator functions of the standard library the
// evaluator rewrites, with where their element types come from.
var seqFuncs = map[string]func(args []types.Type) []types.Type{
	"maps.Keys": mapTypes, "maps.Values": mapTypes, "maps.All": mapTypes, "maps.Insert": mapTypes,
	"maps.Collect": seqTypes,
	"slices.All":   sliceTypes, "slices.Values": sliceTypes, "slices.Backward": sliceTypes, "slices.AppendSeq": sliceTypes,
	"slices.Collect": seqTypes, "slices.Sorted": seqTypes, "slices.SortedFunc": seqTypes, "slices.SortedStableFunc": seqTypes,
	"iter.Pull": seqTypes, "iter.Pull2": seqTypes,
}

func mapTypes(args []types.Type) []types.Type {
	if m, ok := args[0].Underlying().(*types.Map); ok {
		return []types.Type{m.Key(), m.Elem()}
	}
	return nil
}

func sliceTypes(args []types.Type) []types.Type {
	if s, ok := args[0].Underlying().(*types.Slice); ok {
		return []types.Type{s.Elem()}
	}
	return nil
}

// seqTypes are the types an iterator func(yield func(...) bool) yields.
func seqTypes(args []types.Type) []types.Type {
	f, ok := args[0].Underlying().(*types.Signature)
	if !ok || f.Params().Len() != 1 || f.Results().Len() != 0 {
		return nil
	}
	y, ok := f.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok || y.Results().Len() != 1 {
		return nil
	}
	var out []types.Type
	for i := range y.Params().Len() {
		out = append(out, y.Params().At(i).Type())
	}
	return out
}

// printfFuncs are the fmt functions whose format argument is at the index given.
var printfFuncs = map[string]int{"Printf": 0, "Sprintf": 0, "Errorf": 0, "Fprintf": 1, "Appendf": 1}

// collectFacts reads the facts of the cell's file from info.
func collectFacts(fset *token.FileSet, own *ast.File, info *types.Info) Facts {
	f := Facts{Seqs: map[Pos]SeqCall{}, TypeNames: map[Pos][]string{}}
	ast.Inspect(own, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		pn, ok := info.Uses[id].(*types.PkgName)
		if !ok {
			return true
		}
		p := fset.Position(sel.Sel.Pos())
		if p.Filename != cellFile {
			return true
		}
		at := Pos{p.Line, p.Column}
		path := pn.Imported().Path()
		if of := seqFuncs[path+"."+sel.Sel.Name]; of != nil && len(call.Args) > 0 {
			if sc, ok := seqCall(path, sel.Sel.Name, call, info, of); ok {
				f.Seqs[at] = sc
			}
		}
		if i, ok := printfFuncs[sel.Sel.Name]; ok && path == "fmt" {
			if names := typeNames(call, i, info); names != nil {
				f.TypeNames[at] = names
			}
		}
		return true
	})
	return f
}

func seqCall(pkg, fn string, call *ast.CallExpr, info *types.Info, of func([]types.Type) []types.Type) (SeqCall, bool) {
	var args []types.Type
	for _, a := range call.Args {
		t := info.TypeOf(a)
		if t == nil {
			return SeqCall{}, false
		}
		args = append(args, t)
	}
	sc := SeqCall{Pkg: pkg, Func: fn}
	for _, t := range of(args) {
		s := types.TypeString(t, cellQualifier)
		if strings.Contains(s, "invalid type") || isTypeParam(t) {
			return SeqCall{}, false
		}
		sc.Types = append(sc.Types, s)
	}
	return sc, len(sc.Types) > 0
}

// isTypeParam: inside a generic func the element type may be a type
// parameter, which a concrete version cannot name.
func isTypeParam(t types.Type) bool {
	switch x := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return isTypeParam(x.Elem())
	case *types.Slice:
		return isTypeParam(x.Elem())
	case *types.Array:
		return isTypeParam(x.Elem())
	case *types.Map:
		return isTypeParam(x.Key()) || isTypeParam(x.Elem())
	case *types.Chan:
		return isTypeParam(x.Elem())
	case *types.Named:
		for i := range x.TypeArgs().Len() {
			if isTypeParam(x.TypeArgs().At(i)) {
				return true
			}
		}
	}
	return false
}

// cellQualifier writes a type as the cell's source does: its own types
// bare, others with their package's name.
func cellQualifier(p *types.Package) string {
	if p.Path() == "main" {
		return ""
	}
	return p.Name()
}

// typeNames returns what %T prints for each argument after the format,
// when that differs from what the interpreter prints, else nil. The
// interpreter gives a named type declared in a cell whose underlying type
// is not a struct the reflect type of its underlying type.
func typeNames(call *ast.CallExpr, format int, info *types.Info) []string {
	if len(call.Args) <= format || call.Ellipsis.IsValid() {
		return nil
	}
	if tv, ok := info.Types[call.Args[format]]; !ok || tv.Value == nil || tv.Value.Kind() != constant.String ||
		!strings.Contains(constant.StringVal(tv.Value), "%T") {
		return nil
	}
	var names []string
	found := false
	for _, a := range call.Args[format+1:] {
		t := info.TypeOf(a)
		name := ""
		if t != nil && misnamed(t) {
			name = types.TypeString(t, func(p *types.Package) string { return p.Name() })
			found = !strings.Contains(name, "invalid type")
		}
		names = append(names, name)
	}
	if !found {
		return nil
	}
	return names
}

// misnamed reports whether %T of a value of static type t goes wrong in
// the interpreter: t is, or is built by pointers, slices, arrays, maps
// and channels from, a cell's named type that is not a struct or an
// interface (struct types are named at run time, see eval/fmtnames.go).
// Other composite types (funcs, struct literals) are left alone: their
// go/types spelling is not reflect's.
func misnamed(t types.Type) bool {
	switch x := t.(type) {
	case *types.Named:
		if x.Obj().Pkg() == nil || x.Obj().Pkg().Path() != "main" || x.TypeArgs().Len() > 0 {
			return false
		}
		switch x.Underlying().(type) {
		case *types.Struct, *types.Interface:
			return false
		}
		return true
	case *types.Pointer:
		return misnamed(x.Elem())
	case *types.Slice:
		return misnamed(x.Elem())
	case *types.Array:
		return misnamed(x.Elem())
	case *types.Map:
		return misnamed(x.Key()) || misnamed(x.Elem())
	case *types.Chan:
		return misnamed(x.Elem())
	}
	return false
}
