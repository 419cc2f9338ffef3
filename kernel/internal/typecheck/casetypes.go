package typecheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// CaseType is what the type checker knows of one type of a type
// switch's case.
type CaseType struct {
	// Iface: the type is an interface.
	Iface bool
	// Impls are, for an interface, the package-level types of the cells
	// whose values implement it (T and *T apart), as the cell would
	// write them: the interpreter cannot turn a cell's value into a
	// cell's interface by an assertion, the evaluator tries these.
	Impls []string
	// Plain are those of Impls that are no struct or pointer (type
	// Celsius int): the interpreter holds a plain 7 as one, so only
	// its own assertion to the interface can tell them apart.
	Plain []string
	// Twins are, for a type that is no interface, the other types whose
	// values the interpreter cannot tell from its own: the cells' types
	// with the same underlying type and, for a cell type that is no
	// struct, its underlying type (yaegi keeps no name on such values).
	Twins []string
	// Methods are, for an interface, its methods' names in Go's order,
	// for the panic of a failed assertion (missing method Area).
	Methods []string
}

// caseTypes records in f the types of s's cases, by their cell position.
func caseTypes(fset *token.FileSet, s *ast.TypeSwitchStmt, info *types.Info, pkg *types.Package, known []*types.Named, f *Facts) {
	var guard ast.Expr
	switch a := s.Assign.(type) {
	case *ast.AssignStmt:
		guard = a.Rhs[0]
	case *ast.ExprStmt:
		guard = a.X
	}
	ta, ok := ast.Unparen(guard).(*ast.TypeAssertExpr)
	if !ok {
		return
	}
	for _, c := range s.Body.List {
		if cc, ok := c.(*ast.CaseClause); ok {
			for _, x := range cc.List {
				caseType(fset, ta.X, x, info, pkg, known, f)
			}
		}
	}
}

// caseType records in f what is known of the type x (of a case, or of a
// type assertion) asserted on the value of from, by x's cell position.
func caseType(fset *token.FileSet, from, x ast.Expr, info *types.Info, pkg *types.Package, known []*types.Named, f *Facts) {
	tv, ok := info.Types[x]
	p := fset.Position(x.Pos())
	if !ok || !tv.IsType() || p.Filename != cellFile || isTypeParam(tv.Type) {
		return // a type parameter's implementers and twins depend on the instance
	}
	ct := CaseType{}
	held, _ := typeOf(info, from).(*types.Interface)
	if it, ok := tv.Type.Underlying().(*types.Interface); ok {
		ct.Iface, ct.Impls = true, implementers(it, held, pkg, append(cellInstances(info, pkg), known...))
		for i := range it.NumMethods() {
			ct.Methods = append(ct.Methods, it.Method(i).Name())
		}
		slices.Sort(ct.Methods)
		for _, impl := range ct.Impls {
			if t, ok := pkg.Scope().Lookup(impl).(*types.TypeName); ok {
				if _, isStruct := t.Type().Underlying().(*types.Struct); !isStruct {
					ct.Plain = append(ct.Plain, impl)
				}
			}
		}
	} else {
		ct.Twins = twins(tv.Type, held, pkg)
		if len(ct.Twins) > 0 && isContextValue(from, info) {
			ct.Twins = storedTwins(ct.Twins, info)
		}
	}
	f.CaseTypes[Pos{p.Line, p.Column}] = ct
}

// isContextValue reports whether x is a call of a context.Context's
// Value method (ctx.Value(k)).
func isContextValue(x ast.Expr, info *types.Info) bool {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Value" {
		return false
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "context"
}

// storedTwins keeps, of the twins of a type asserted on ctx.Value(k),
// those a context may hold as a value: the static types of the values
// the code the checker sees gives context.WithValue. A cell's key type
// (type ctxKey string) is a key, not a value, so ctx.Value(k).(string)
// needs no refusal; a value given as an interface may be anything.
func storedTwins(twins []string, info *types.Info) []string {
	stored := map[string]bool{}
	for x := range info.Types {
		call, ok := x.(*ast.CallExpr)
		if !ok || len(call.Args) != 3 {
			continue
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "WithValue" {
			continue
		}
		if fn, ok := info.Uses[sel.Sel].(*types.Func); !ok || fn.Pkg() == nil || fn.Pkg().Path() != "context" {
			continue
		}
		t := info.TypeOf(call.Args[2])
		if t == nil || types.IsInterface(t) {
			return twins
		}
		stored[types.TypeString(t, cellQualifier)] = true
	}
	var out []string
	for _, t := range twins {
		if stored[t] {
			out = append(out, t)
		}
	}
	return out
}

// implementers are the cell types T and *T whose method sets satisfy it
// and that an interface value of type held can hold: asking an io.Reader
// whether it is an io.Writer cannot find a cell type that only writes
// (and the evaluator's test for it, rd.(sink), would not compile).
func implementers(it, held *types.Interface, pkg *types.Package, instances []*types.Named) []string {
	var out []string
	add := func(named *types.Named) {
		for _, t := range []types.Type{named, types.NewPointer(named)} {
			if types.Implements(t, it) && (held == nil || types.Implements(t, held)) {
				if s := types.TypeString(t, cellQualifier); !strings.Contains(s, "invalid type") && !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
		}
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
			continue
		}
		add(named)
	}
	// The instances of the cells' generic types the cells wrote
	// (Box[int]): the interpreter asserts a compiled interface
	// (fmt.Stringer) of none of its types, and the evaluator tries each
	// implementer.
	for _, named := range instances {
		add(named)
	}
	return out
}

// cellInstances are the instances of the package's generic types in
// info that do not depend on a type parameter, sorted.
func cellInstances(info *types.Info, pkg *types.Package) []*types.Named {
	var out []*types.Named
	for _, inst := range info.Instances {
		named, ok := inst.Type.(*types.Named)
		if !ok || named.Obj().Pkg() != pkg || named.Obj().Parent() != pkg.Scope() || types.IsInterface(named) || hasTypeParam(inst.TypeArgs) {
			continue
		}
		out = append(out, named)
	}
	slices.SortFunc(out, func(a, b *types.Named) int { // info.Instances is a map
		return strings.Compare(types.TypeString(a, cellQualifier), types.TypeString(b, cellQualifier))
	})
	return out
}

// hasTypeParam reports whether a type argument is, or holds, a type
// parameter (Box[T] inside a generic func: no instance of its own).
func hasTypeParam(args *types.TypeList) bool {
	for i := range args.Len() {
		if typeParamIn(args.At(i), map[types.Type]bool{}) {
			return true
		}
	}
	return false
}

// twins are the types whose values yaegi represents as t's (see
// CaseType.Twins) and an interface value of type held can hold, as the
// cell would write them: an error cannot hold an int.
func twins(t types.Type, held *types.Interface, pkg *types.Package) []string {
	stars := ""
	for {
		p, ok := t.(*types.Pointer)
		if !ok {
			break
		}
		t, stars = p.Elem(), stars+"*"
	}
	var out []string
	if _, ok := t.Underlying().(*types.Struct); ok {
		// The interpreter's reflect type of a named struct type carries
		// the type's name, in an empty one's marker field
		// (third_party/yaegi): no twins.
		return out
	}
	// The types declared inside funcs too (func main() { type Celsius
	// float64 }): their values are no less their underlying type's.
	var walk func(scope *types.Scope)
	walk = func(scope *types.Scope) {
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || types.Identical(tn.Type(), t) {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
				continue
			}
			if types.Identical(named.Underlying(), t.Underlying()) && holds(held, named, stars) {
				out = append(out, stars+types.TypeString(named, cellQualifier))
			}
		}
		for i := range scope.NumChildren() {
			walk(scope.Child(i))
		}
	}
	walk(pkg.Scope())
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == pkg {
		if _, isStruct := n.Underlying().(*types.Struct); !isStruct && holds(held, n.Underlying(), stars) {
			out = append(out, stars+types.TypeString(n.Underlying(), cellQualifier))
		}
	}
	return out
}

// reachTypesForAssertions marks every earlier type used when the cell
// asserts types or switches on them: the implementers and twins of a
// case's type (CaseType) are found among all the types, not only those
// the cell names.
func reachTypesForAssertions(own *ast.File, prior []Prior, used map[string]bool) {
	asserts := false
	ast.Inspect(own, func(n ast.Node) bool {
		if _, ok := n.(*ast.TypeAssertExpr); ok {
			asserts = true
		}
		return !asserts
	})
	if !asserts {
		return
	}
	for _, p := range prior {
		if p.Kind == "type" {
			used[p.Name] = true
		}
	}
}

// holds says whether an interface of type held can hold a value of type
// t behind stars pointers.
func holds(held *types.Interface, t types.Type, stars string) bool {
	for range stars {
		t = types.NewPointer(t)
	}
	return held == nil || types.Implements(t, held)
}

// unusedVar says whether msg is go/types' "declared and not used" for a
// variable: "declared and not used: x", or "x declared and not used" for
// the variable of a type switch, which Go rejects as well (the
// interpreter does not, and the kernel rewrites type switches).
func unusedVar(msg string) bool {
	return strings.HasPrefix(msg, "declared and not used: ") ||
		strings.HasSuffix(msg, " declared and not used") && !strings.HasPrefix(msg, "label ")
}

// switchVarUnusedIsSure: a type switch's variable is local to its
// clauses, also at a cell's top level; when the cell has no other error
// (the imports it does not use do not count: they serve later cells),
// every use of it was seen.
func switchVarUnusedIsSure(fset *token.FileSet, e types.Error, errs []types.Error) bool {
	if strings.HasPrefix(e.Msg, "declared and not used: ") || !unusedVar(e.Msg) {
		return false
	}
	for _, o := range errs {
		if fset.Position(o.Pos).Filename == cellFile && !unusedVar(o.Msg) && !strings.HasSuffix(o.Msg, "imported and not used") {
			return false
		}
	}
	return true
}
