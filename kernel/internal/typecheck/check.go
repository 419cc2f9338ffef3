// Package typecheck refuses, with go/types, the cells Go would refuse but
// the interpreter runs anyway: a function missing its final return, a
// value used as an interface whose method has a pointer receiver.
//
// A cell is not a Go file (top-level statements, redefinitions, earlier
// cells' names in scope), so Check builds two files: one with the earlier
// cells' declarations, one with the cell's own imports and declarations
// and its statements wrapped in a function, every cell line carrying a
// //line directive so positions are the cell's. Packages come from an
// Importer built from what the runner has (no Go toolchain at run time).
//
// Only errors of a few kinds are reported, those the interpreter misses
// and that an imprecise picture of earlier cells cannot cause; any other
// error, and any package the importer cannot provide, make the check
// silent: a valid cell is never refused. After a check, Facts gives what
// the evaluator's rewrites need to know of the cell's types. The package
// imports only the standard library.
package typecheck

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// Kind says where a cell segment goes in the checked files.
type Kind int

const (
	Import Kind = iota // import declarations
	Decl               // type, func, const declarations
	Stmt               // statements, run in order
	Var                // var declarations (package level, as the evaluator hoists them)
)

// Segment is a run of one kind of top-level code, with the cell position
// of its first byte.
type Segment struct {
	Kind      Kind
	Text      string
	Line, Col int
}

// Prior is a name an earlier cell declared, as the evaluator recorded it.
type Prior struct {
	// Name is the identifier; "T.M" for a method, the local name of an import.
	Name string
	// Kind is "import", "type", "func", "method", "var" or "const".
	Kind string
	// Text is the declaration (a func or method in full, "type T ...",
	// "var x = e", "const c = e", or the statement `a, b := e` that made
	// a variable); for an import, the import path.
	Text string
}

// Problem is one reported error, at a cell position.
type Problem struct {
	Line, Col int
	Msg       string
}

// Checker checks cells against one Importer, whose packages it keeps.
type Checker struct {
	imp   *Importer
	facts Facts // of the last cell checked
	cache priorCache
	vars  []string // the earlier variables the cell being checked reaches
	// instances are the instances of the cells' generic types the cells
	// checked so far wrote (Box[int]): a later cell's type assertion to
	// an interface tries them (see CaseType.Impls).
	instances []string
}

// NewChecker returns a Checker getting packages from imp.
func NewChecker(imp *Importer) *Checker { return &Checker{imp: imp} }

// cellFile names the cell in //line directives; priorName the earlier
// cells' declarations, whose errors are never reported.
const (
	cellFile  = "cell"
	priorName = "__prior"
	wrapper   = "__gl_cell"
)

// Check returns the problems of the kinds this package reports, in cell
// order; nil when there is none or when the check could not be trusted
// (a syntax error, which the evaluator reports itself, or a package the
// importer lacks).
//
// typeOf, if not nil, gives the type of an earlier variable's value in
// the interpreter (0 if unknown). The checker derives a variable's type
// from its initialiser, which may use names redefined since; a variable
// whose derived type disagrees with its value (pointer or not) is left
// out rather than trusted.
func (c *Checker) Check(prior []Prior, cell []Segment, typeOf func(name string) reflect.Type) (problems []Problem) {
	c.facts = Facts{}
	defer func() {
		if recover() != nil { // go/types on an input it did not expect: no verdict
			c.cache = priorCache{}
			problems, c.facts = nil, Facts{}
		}
	}()
	fset := token.NewFileSet()
	own, err := parser.ParseFile(fset, cellFile, cellSource(cell, nil, nil), parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	defined, used := cellNames(own), identsOf(own)
	reachTypesForAssertions(own, prior, used)
	cell = varsAfterStatements(cell, own)
	kept := make([]Prior, 0, len(prior))
	for _, p := range prior {
		if !defined[p.Name] {
			kept = append(kept, p)
		}
	}
	var hoisted map[string]string
	for attempt := 0; ; attempt++ {
		problems, stale, hoist := c.check(cell, kept, used, typeOf, hoisted)
		if len(stale)+len(hoist) == 0 || attempt > 0 {
			return knownNamesDefined(problems, defined, prior, typeOf)
		}
		kept, hoisted = without(kept, stale), hoist
	}
}

// knownNamesDefined drops the "undefined: x" problems of the names the
// cell's statements define (globals when run, locals of a wrapper func
// when checked, which the cell's funcs do not see), an earlier cell
// declared, or the interpreter holds: the check leaves out some earlier
// declarations (stale variables, ones it cannot type), and the name is
// no typo then.
func knownNamesDefined(problems []Problem, defined map[string]bool, prior []Prior, typeOf func(string) reflect.Type) []Problem {
	out := problems[:0]
	for _, p := range problems {
		name, ok := strings.CutPrefix(p.Msg, "undefined: ")
		if ok && (defined[name] || slices.ContainsFunc(prior, func(pr Prior) bool { return pr.Name == name }) || typeOf != nil && typeOf(name) != nil) {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// check runs go/types over the cell and the earlier declarations kept
// that the identifiers used reach, with package-level vars of the types
// hoisted gives (see cellSource);
// stale lists the earlier variables whose type disagrees with their
// value's; hoist, the variables the cell's statements define that its
// funcs use, with their types (see hoistable).
func (c *Checker) check(cell []Segment, prior []Prior, used map[string]bool, typeOf func(string) reflect.Type, hoisted map[string]string) (problems []Problem, stale map[string]bool, hoist map[string]string) {
	// The earlier declarations' positions come from their own (cached)
	// file set; the cell's file is placed after them, so that a position
	// tells the two apart.
	c.vars = c.vars[:0]
	pf, end := c.priorFile(prior, used)
	fset := token.NewFileSet()
	if pf != nil {
		fset.AddFile(priorName, -1, end)
	}
	own, err := parser.ParseFile(fset, cellFile, cellSource(cell, prior, hoisted), parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, nil
	}
	files := []*ast.File{own}
	if pf != nil {
		files = append(files, pf)
	}
	var errs []types.Error
	conf := types.Config{Importer: c.imp, Sizes: sizes, Error: func(err error) {
		if te, ok := err.(types.Error); ok {
			errs = append(errs, te)
		}
	}}
	pkg := types.NewPackage("main", "main")
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{},
		Instances: map[*ast.Ident]types.Instance{}, Scopes: map[ast.Node]*types.Scope{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	types.NewChecker(&conf, fset, pkg, info).Files(files) //nolint:errcheck // errors come through conf.Error
	fsets := []*token.FileSet{fset, c.cache.fset}
	c.facts = collectFacts(fset, own, info, pkg, declFinder(files, fsets), c.knownInstances(pkg))
	c.learnInstances(info, pkg)
	collectCompares(fset, own, info, c.imp, interpretedTypes(pkg, c.imp, prior), &c.facts)
	for _, name := range c.vars {
		if typeOf == nil {
			break
		}
		if v, ok := pkg.Scope().Lookup(name).(*types.Var); ok && disagree(v.Type(), typeOf(name), 0) {
			if stale == nil {
				stale = map[string]bool{}
			}
			stale[name] = true
		}
	}
	c.facts.Errors = cellErrors(fset, errs)
	if hoisted == nil {
		hoist = hoistable(own, info, errs)
	}
	problems = append(report(fset, errs, own), selfContaining(fset, own, info)...)
	problems = append(problems, printOperands(fset, own, info)...)
	problems = append(problems, genericCycles(fset, own, info)...)
	return append(problems, postDeclares(fset, own)...), stale, hoist
}

// genericCycles refuses generic types of the cell that refer to each
// other (type A[T] struct{ b *B[T] }; type B[T] struct{ a *A[T] }): Go
// allows them, but the interpreter overflowed its stack building them,
// which killed the runner. A generic type referring to itself works.
func genericCycles(fset *token.FileSet, own *ast.File, info *types.Info) []Problem {
	specs := map[*types.TypeName]*ast.TypeSpec{}
	ast.Inspect(own, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok && ts.TypeParams != nil {
			if tn, ok := info.Defs[ts.Name].(*types.TypeName); ok {
				specs[tn] = ts
			}
		}
		return true
	})
	refs := map[*types.TypeName][]*types.TypeName{}
	for tn := range specs {
		seen := map[types.Type]bool{}
		var walk func(t types.Type)
		walk = func(t types.Type) {
			if t == nil || seen[t] {
				return
			}
			seen[t] = true
			switch x := t.(type) {
			case *types.Named:
				if o := x.Origin().Obj(); o != tn && specs[o] != nil {
					refs[tn] = append(refs[tn], o)
				}
				if x.Origin().Obj() == tn {
					walk(x.Underlying())
				}
			case *types.Pointer:
				walk(x.Elem())
			case *types.Slice:
				walk(x.Elem())
			case *types.Array:
				walk(x.Elem())
			case *types.Map:
				walk(x.Key())
				walk(x.Elem())
			case *types.Chan:
				walk(x.Elem())
			case *types.Struct:
				for i := range x.NumFields() {
					walk(x.Field(i).Type())
				}
			case *types.Interface:
				for i := range x.NumMethods() {
					walk(x.Method(i).Type())
				}
			case *types.Signature:
				for i := range x.Params().Len() {
					walk(x.Params().At(i).Type())
				}
				for i := range x.Results().Len() {
					walk(x.Results().At(i).Type())
				}
			}
		}
		walk(tn.Type())
	}
	var out []Problem
	for tn, ts := range specs {
		for _, other := range refs[tn] {
			if !slices.Contains(refs[other], tn) || other.Name() < tn.Name() {
				continue // each pair once (a longer cycle is left to the interpreter)
			}
			p := fset.Position(ts.Name.Pos())
			out = append(out, Problem{Line: p.Line, Col: p.Column, Msg: fmt.Sprintf(
				"generic types %s and %s refer to each other, which the interpreter (yaegi v0.16.1) cannot build (it runs out of stack); "+
					"let one of them hold the other through an interface or any, or make one of them non-generic", tn.Name(), other.Name())})
		}
	}
	slices.SortFunc(out, func(a, b Problem) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) })
	return out
}

// printOperands refuses a struct or an array given to the builtin print
// or println, as Go's compiler does (go/types does not): the interpreter
// printed them as fmt would.
func printOperands(fset *token.FileSet, own *ast.File, info *types.Info) []Problem {
	var out []Problem
	ast.Inspect(own, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok || (id.Name != "print" && id.Name != "println") {
			return true
		}
		if _, builtin := info.Uses[id].(*types.Builtin); !builtin {
			return true
		}
		for _, a := range call.Args {
			t := info.TypeOf(a)
			if t == nil {
				continue
			}
			switch t.Underlying().(type) {
			case *types.Struct, *types.Array:
				p := fset.Position(a.Pos())
				out = append(out, Problem{Line: p.Line, Col: p.Column, Msg: fmt.Sprintf("illegal types for operand: %s\n\t%s", id.Name, types.TypeString(t, cellQualifier))})
			}
		}
		return true
	})
	return out
}

// postDeclares refuses a for loop declaring in its post statement (for
// i := 0; i < n; j := i + 1): Go's parser does, go/parser does not, and
// the interpreter ran it.
func postDeclares(fset *token.FileSet, own *ast.File) []Problem {
	var out []Problem
	ast.Inspect(own, func(n ast.Node) bool {
		if f, ok := n.(*ast.ForStmt); ok {
			if a, ok := f.Post.(*ast.AssignStmt); ok && a.Tok == token.DEFINE {
				p := fset.Position(a.Pos())
				out = append(out, Problem{Line: p.Line, Col: p.Column, Msg: "syntax error: cannot declare in post statement of for loop"})
			}
		}
		return true
	})
	return out
}

// selfContaining refuses the types the cell declares that contain
// themselves other than through a struct (type stateFn func(*Lexer)
// stateFn, type List []List): Go allows them, but the interpreter cannot
// build them and failed with a panic of its own.
func selfContaining(fset *token.FileSet, own *ast.File, info *types.Info) []Problem {
	var out []Problem
	ast.Inspect(own, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Assign.IsValid() {
			return true
		}
		tn, ok := info.Defs[ts.Name].(*types.TypeName)
		if !ok {
			return true
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			return true
		}
		var kind, example string
		switch named.Underlying().(type) {
		case *types.Signature:
			kind, example = "func", "type state struct{ next func() state }"
		case *types.Slice, *types.Array:
			kind, example = "slice or array", "type Node struct{ Kids []Node }"
		case *types.Map:
			kind, example = "map", "type Tree struct{ Kids map[string]Tree }"
		case *types.Chan:
			kind, example = "channel", "type Msg struct{ Reply chan Msg }"
		default:
			return true
		}
		if !contains(named.Underlying(), named, map[types.Type]bool{}) {
			return true
		}
		p := fset.Position(ts.Name.Pos())
		out = append(out, Problem{Line: p.Line, Col: p.Column, Msg: fmt.Sprintf(
			"type %s contains itself through its %s type, which the interpreter (yaegi v0.16.1) cannot build; "+
				"let the cycle go through a struct instead (%s)", ts.Name.Name, kind, example)})
		return true
	})
	return out
}

// contains reports whether t contains target other than through a
// struct or an interface.
func contains(t types.Type, target *types.Named, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch x := t.(type) {
	case *types.Named:
		if x == target {
			return true
		}
		switch x.Underlying().(type) {
		case *types.Struct, *types.Interface:
			return false
		}
		return contains(x.Underlying(), target, seen)
	case *types.Pointer:
		return contains(x.Elem(), target, seen)
	case *types.Slice:
		return contains(x.Elem(), target, seen)
	case *types.Array:
		return contains(x.Elem(), target, seen)
	case *types.Chan:
		return contains(x.Elem(), target, seen)
	case *types.Map:
		return contains(x.Key(), target, seen) || contains(x.Elem(), target, seen)
	case *types.Signature:
		for _, tup := range []*types.Tuple{x.Params(), x.Results()} {
			for i := range tup.Len() {
				if contains(tup.At(i).Type(), target, seen) {
					return true
				}
			}
		}
	}
	return false
}

// hoistable are the variables the cell's statements define (x := ...,
// var x = ...) that its funcs use, by name, with their types as the cell
// writes them. The evaluator makes them globals, which the funcs see;
// checked as locals of the statements' wrapper func, they were undefined
// there, and nothing was learnt of the funcs' code (a %T of x said
// int|main.Level).
func hoistable(own *ast.File, info *types.Info, errs []types.Error) map[string]string {
	undefined := map[string]bool{}
	for _, e := range errs {
		if name, ok := strings.CutPrefix(e.Msg, "undefined: "); ok {
			undefined[name] = true
		}
	}
	if len(undefined) == 0 {
		return nil
	}
	var out map[string]string
	add := func(id *ast.Ident) {
		v, ok := info.Defs[id].(*types.Var)
		if !ok || !undefined[id.Name] {
			return
		}
		t := types.TypeString(v.Type(), cellQualifier)
		if strings.Contains(t, "invalid type") || strings.HasPrefix(t, "untyped") || localTypes(v.Type()) {
			return
		}
		if out == nil {
			out = map[string]string{}
		}
		out[id.Name] = t
	}
	for _, d := range own.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != wrapper {
			continue
		}
		for _, st := range fd.Body.List {
			switch st := st.(type) {
			case *ast.AssignStmt:
				for _, l := range st.Lhs {
					if id, ok := l.(*ast.Ident); ok && st.Tok == token.DEFINE {
						add(id)
					}
				}
			case *ast.DeclStmt:
				if gd, ok := st.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
					for _, sp := range gd.Specs {
						for _, id := range sp.(*ast.ValueSpec).Names {
							add(id)
						}
					}
				}
			}
		}
	}
	return out
}

// localTypes reports whether t names a type declared inside a func,
// which a package-level var cannot be written with.
func localTypes(t types.Type) bool {
	found := false
	var walk func(t types.Type, depth int)
	walk = func(t types.Type, depth int) {
		if found || depth > 8 {
			return
		}
		switch t := t.(type) {
		case *types.Named:
			if o := t.Obj(); o.Pkg() != nil && o.Parent() != o.Pkg().Scope() {
				found = true
				return
			}
			for i := range t.TypeArgs().Len() {
				walk(t.TypeArgs().At(i), depth+1)
			}
		case *types.Pointer:
			walk(t.Elem(), depth+1)
		case *types.Slice:
			walk(t.Elem(), depth+1)
		case *types.Array:
			walk(t.Elem(), depth+1)
		case *types.Map:
			walk(t.Key(), depth+1)
			walk(t.Elem(), depth+1)
		case *types.Chan:
			walk(t.Elem(), depth+1)
		case *types.Signature:
			for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
				for i := range tuple.Len() {
					walk(tuple.At(i).Type(), depth+1)
				}
			}
		case *types.Struct:
			for i := range t.NumFields() {
				walk(t.Field(i).Type(), depth+1)
			}
		case *types.Interface:
			for i := range t.NumMethods() {
				walk(t.Method(i).Type(), depth+1)
			}
		}
	}
	walk(t, 0)
	return found
}

// cellErrors are all of go/types' errors in the cell, nil when an import
// failed (the others may follow from it).
func cellErrors(fset *token.FileSet, errs []types.Error) []Problem {
	var out []Problem
	for _, e := range errs {
		if strings.Contains(e.Msg, "could not import") {
			return nil
		}
		if unusedVar(e.Msg) || strings.HasSuffix(e.Msg, " imported and not used") {
			continue // never an error of the interpreter's
		}
		if p := fset.Position(e.Pos); p.Filename == cellFile {
			// A generic func of a source package (slices.Reverse given to
			// an any) is declared at no position: "(declared at -)".
			msg := strings.TrimSuffix(strings.ReplaceAll(e.Msg, cellFile+":", ""), " (declared at -)")
			out = append(out, Problem{Line: p.Line, Col: p.Column, Msg: msg})
		}
	}
	return out
}

// Facts returns what the last Check learnt of the cell's types (empty
// maps when it learnt nothing).
func (c *Checker) Facts() Facts { return c.facts }

// disagree says whether a variable of type t cannot hold a value of
// reflect type rt (nil: unknown): a pointer against a non-pointer, a
// string against an int, a []int against a []string. (Interfaces, funcs
// and structs are not compared further: an interface holding a cell type
// is, in the interpreter, a struct of yaegi's, a func may be a node of
// its own, and a struct type is one yaegi built.)
func disagree(t types.Type, rt reflect.Type, depth int) bool {
	if rt == nil || depth > 8 {
		return false
	}
	k := rt.Kind()
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return k != reflect.Pointer
	case *types.Interface, *types.Signature:
		return false
	case *types.Basic:
		if want, ok := basicKinds[u.Kind()]; ok {
			return k != want
		}
	case *types.Slice:
		return k != reflect.Slice || disagree(u.Elem(), rt.Elem(), depth+1)
	case *types.Array:
		return k != reflect.Array || disagree(u.Elem(), rt.Elem(), depth+1)
	case *types.Map:
		return k != reflect.Map || disagree(u.Key(), rt.Key(), depth+1) || disagree(u.Elem(), rt.Elem(), depth+1)
	case *types.Chan:
		return k != reflect.Chan || disagree(u.Elem(), rt.Elem(), depth+1)
	}
	return k == reflect.Pointer
}

// basicKinds are the reflect kinds of go/types' basic types.
var basicKinds = map[types.BasicKind]reflect.Kind{
	types.Bool: reflect.Bool, types.String: reflect.String,
	types.Int: reflect.Int, types.Int8: reflect.Int8, types.Int16: reflect.Int16, types.Int32: reflect.Int32, types.Int64: reflect.Int64,
	types.Uint: reflect.Uint, types.Uint8: reflect.Uint8, types.Uint16: reflect.Uint16, types.Uint32: reflect.Uint32, types.Uint64: reflect.Uint64,
	types.Uintptr: reflect.Uintptr, types.Float32: reflect.Float32, types.Float64: reflect.Float64,
	types.Complex64: reflect.Complex64, types.Complex128: reflect.Complex128,
}

func without(prior []Prior, names map[string]bool) []Prior {
	var out []Prior
	for _, p := range prior {
		if !names[p.Name] {
			out = append(out, p)
		}
	}
	return out
}

// report keeps the errors in the cell of the kinds the package reports,
// unless an import failed.
func report(fset *token.FileSet, errs []types.Error, own *ast.File) []Problem {
	for _, e := range errs {
		if strings.Contains(e.Msg, "could not import") {
			return nil // incomplete information: say nothing at all
		}
	}
	funcs, generic := funcBodies(own), genericBodies(own)
	var out []Problem
	for i, e := range errs {
		p := fset.Position(e.Pos)
		if p.Filename != cellFile || strings.HasPrefix(e.Msg, "\t") {
			continue
		}
		// go/types gives the lines of a cycle ("\tT instantiated as
		// []T") as errors of their own after the first: one message.
		for _, more := range errs[i+1:] {
			if !strings.HasPrefix(more.Msg, "\t") {
				break
			}
			mp := fset.Position(more.Pos)
			e.Msg += fmt.Sprintf("\n\t%d:%d: %s", mp.Line, mp.Column, strings.TrimPrefix(more.Msg, "\t"))
		}
		if reported(e.Msg) || inFuncBody(e.Pos, generic) && sureInGeneric(e.Msg) || unusedVar(e.Msg) && (unusedIsSure(e, errs, funcs) || switchVarUnusedIsSure(fset, e, errs)) ||
			unusedValue(e.Msg) && (inFuncBody(e.Pos, funcs) || droppedAtTop(e.Pos, e.Msg, own)) {
			// "already declared at cell:7:10": the cell's own positions.
			// A generic func of a source package (slices.Reverse given to
			// an any) is declared at no position: "(declared at -)".
			msg := strings.TrimSuffix(strings.ReplaceAll(e.Msg, cellFile+":", ""), " (declared at -)")
			out = append(out, Problem{Line: p.Line, Col: p.Column, Msg: msg})
		}
	}
	return out
}

// reported says whether an error is of a kind the checker reports: one
// the interpreter misses, that holds whatever the earlier cells' names
// really are (a wrong guess at them turns into an invalid type, about
// which go/types stays silent, or is caught by Prior.Runtime).
func reported(msg string) bool {
	switch {
	case msg == "missing return":
		return true
	case strings.HasPrefix(msg, "result parameter ") && strings.Contains(msg, "not in scope at return"):
		// A bare return under a shadowing err := ...: the interpreter
		// returned the outer, unset result.
		return true
	case strings.Contains(msg, "iter.Seq") && !strings.HasSuffix(msg, "is not used"): // a cell's last expression is its value
		// An iterator used as a slice (maps.Keys before Go 1.23 returned
		// one): the interpreter would fail obscurely.
		return true
	case (strings.Contains(msg, "does not implement") || strings.Contains(msg, "does not satisfy")) && strings.HasSuffix(msg, "has pointer receiver)"):
		return true
	case strings.HasPrefix(msg, "multiple-value ") && strings.HasSuffix(msg, "in single-value context"):
		// The interpreter says "cannot use func() (string,bool) as type
		// interface {}" for fmt.Println("x", two()).
		return true
	case strings.HasPrefix(msg, "cannot assign to "),
		strings.HasPrefix(msg, "invalid operation: cannot take address of "),
		strings.HasPrefix(msg, "cannot slice unaddressable value "):
		// m[k].X = 2 changed nothing, &m[k] pointed at a copy; s[0] = 'G'
		// on a string panicked with reflect's words; &f().N and
		// sha256.Sum256(b)[:4] ran.
		return true
	case strings.HasPrefix(msg, "assignment mismatch: "),
		strings.HasPrefix(msg, "missing init expr for "), strings.HasPrefix(msg, "extra init expr"):
		// n := strconv.Atoi(s) kept the first result; var a, b, c = 1, 2
		// was a compiler panic.
		return true
	case strings.HasPrefix(msg, "break not in "), strings.HasPrefix(msg, "continue not in "):
		// The interpreter silently left the function.
		return true
	case strings.Contains(msg, " does not satisfy "):
		// A type argument outside its constraint ran (Max("a", "b") with
		// T int | float64), or failed inside the generic body.
		return true
	case strings.HasSuffix(msg, " redeclared") || strings.Contains(msg, " redeclared in this block"),
		strings.Contains(msg, " redeclared\n\t"), // a struct field twice, with "other declaration of"
		strings.HasPrefix(msg, "method ") && strings.Contains(msg, " already declared"):
		// Two declarations in one cell: the interpreter kept the last.
		// (A name an earlier cell declared is not in the check's scope.)
		return true
	case strings.HasPrefix(msg, "cannot use nil as "), strings.HasSuffix(msg, "(truncated)"),
		strings.Contains(msg, "is pointer to interface, not interface"),
		strings.Contains(msg, " and untyped nil)") && strings.Contains(msg, "(mismatched types "),
		msg == "func main must have no arguments and no return values":
		// Panics with reflect's words, or compiler panics, at run time.
		return true
	case strings.HasSuffix(msg, " is not a type"):
		// var x n for a variable n ran with n's type.
		return true
	case strings.HasPrefix(msg, "cannot range over "), strings.HasPrefix(msg, "cannot index "),
		strings.HasPrefix(msg, "invalid append: "), strings.HasPrefix(msg, "invalid operation: cannot call "),
		strings.HasPrefix(msg, "invalid operation: cannot indirect "), strings.HasPrefix(msg, "invalid operation: cannot close "),
		strings.Contains(msg, "requires function call, not conversion"), strings.HasPrefix(msg, "invalid use of [...] array"),
		strings.HasPrefix(msg, "cannot use a type parameter as RHS"), strings.HasPrefix(msg, "embedded field type cannot be "),
		strings.HasSuffix(msg, " is not a generic type"), strings.HasSuffix(msg, " is not a generic type)"),
		strings.Contains(msg, "permits only one iteration variable"),
		strings.HasPrefix(msg, "invalid operation: not enough arguments for "), strings.HasPrefix(msg, "invalid case "),
		strings.HasPrefix(msg, "array length ") && strings.HasSuffix(msg, " must be integer"),
		strings.HasPrefix(msg, "cannot use generic function ") && strings.HasSuffix(msg, " without instantiation"):
		// Ran with the concrete type's operations (x[0] of a T any,
		// range over a *[]int, defer F(f)), or failed in the
		// interpreter's words (range over an any: nil type).
		return true
	case strings.HasPrefix(msg, "cannot call pointer method "):
		// T{}.Set(1): the interpreter called it on a temporary.
		return true
	case strings.HasPrefix(msg, "invalid operation: shifted operand ") && strings.HasSuffix(msg, " must be integer"):
		// var f float64 = 1 << s: 0 at top level, and inside a func
		// the interpreter silently left the func at that line.
		return true
	case strings.HasPrefix(msg, "goto ") && strings.Contains(msg, " jumps "),
		strings.HasPrefix(msg, "label ") && strings.HasSuffix(msg, " declared and not used"),
		strings.HasPrefix(msg, "label ") && strings.Contains(msg, " already declared"),
		strings.HasPrefix(msg, "impossible type switch case: "),
		strings.HasPrefix(msg, "duplicate case "), strings.HasPrefix(msg, "multiple defaults"),
		msg == "no new variables on left side of :=":
		// Decided by the cell's own code; the interpreter ran it.
		return true
	case strings.Contains(msg, "constant") && strings.Contains(msg, "overflows"), msg == "invalid operation: division by zero":
		// Constant arithmetic, decided by the cell's own constants: the
		// interpreter wrapped `const c uint8 = 255; c + 1` to 0.
		return true
	case strings.HasPrefix(msg, "cannot use ") && strings.Contains(msg, " value in "),
		strings.HasPrefix(msg, "invalid argument: "), strings.HasPrefix(msg, "cannot convert "),
		strings.HasPrefix(msg, "invalid operation: ") && (strings.Contains(msg, "mismatched types") || strings.Contains(msg, " not defined on ")),
		strings.HasPrefix(msg, "not enough arguments in call"), strings.HasPrefix(msg, "too many arguments in call"),
		strings.HasPrefix(msg, "not enough return values"), strings.HasPrefix(msg, "too many return values"):
		// Type errors: the interpreter refused the cell too, but only
		// at the unit holding it, after running the ones before (a
		// counter++ kept, a type declared with the wrong field type for
		// good). An earlier variable whose value disagrees with the
		// type the check derives is left out (disagree).
		return true
	case strings.HasPrefix(msg, "cannot use type ") && strings.Contains(msg, " outside a type constraint"):
		// var s Num with Num = ~int | ~float64: the interpreter made s a
		// nil interface.
		return true
	case strings.Contains(msg, "(type parameter ") && strings.Contains(msg, " cannot use operator "),
		strings.HasSuffix(msg, "(incomparable types in type set)"),
		strings.Contains(msg, " type arguments but want "), strings.HasPrefix(msg, "not enough type arguments for type "),
		strings.HasPrefix(msg, "cannot use generic function ") || strings.HasPrefix(msg, "cannot use generic type "),
		strings.HasPrefix(msg, "cannot use type switch on type parameter value "),
		strings.HasPrefix(msg, "in call to ") && strings.Contains(msg, ", cannot infer ") &&
			(strings.Contains(msg, "(declared at "+cellFile+":") || strings.HasSuffix(msg, " (declared at -)")):
		// Generic code Go refuses: the interpreter ran Max[T any] with
		// a < b, or failed with its own words (a cell's generic func:
		// the checker's picture of a package's may differ).
		return true
	case strings.HasPrefix(msg, "cannot fallthrough "), msg == "fallthrough statement out of place",
		msg == "cannot use iota outside constant declaration", strings.HasSuffix(msg, ") is not constant"),
		strings.HasPrefix(msg, "field and method with the same name "), strings.HasPrefix(msg, "duplicate method "),
		strings.HasPrefix(msg, "use of package ") && strings.HasSuffix(msg, " not in selector"),
		strings.HasPrefix(msg, "ambiguous selector "),
		msg == "func init must have no arguments and no return values", msg == "cannot declare init - must be func",
		msg == "cannot declare main - must be func", strings.HasPrefix(msg, "cannot import package as init"),
		strings.HasPrefix(msg, "defer discards result of "), strings.HasPrefix(msg, "go discards result of "),
		strings.HasPrefix(msg, "invalid receiver type "), strings.HasPrefix(msg, "invalid recursive type"),
		strings.HasPrefix(msg, "label ") && strings.HasSuffix(msg, " not declared"),
		strings.HasPrefix(msg, "invalid continue label "), strings.HasPrefix(msg, "invalid break label "),
		strings.HasPrefix(msg, "invalid operation: cannot call ") && strings.HasSuffix(msg, " is not a function"),
		strings.Contains(msg, "receive-only channel") || strings.Contains(msg, "send-only channel"),
		strings.Contains(msg, "(cannot refer to unexported "), strings.HasPrefix(msg, "cannot refer to unexported field "),
		strings.HasSuffix(msg, " (type) is not an expression"), strings.HasPrefix(msg, "invalid method expression "),
		strings.HasPrefix(msg, "use of untyped nil"), strings.HasPrefix(msg, "invalid array length "),
		strings.HasPrefix(msg, "invalid map key type "), msg == "select case must be send or receive (possibly with assignment)",
		strings.HasPrefix(msg, "invalid composite literal type "), msg == "use of .(type) outside type switch":
		// Decided by the cell's own code: the interpreter ran it (iota
		// was 0, a fallthrough into a type switch's next case, c.F of
		// two embedded F), or panicked with reflect's words.
		return true
	case strings.HasSuffix(msg, " (no value) used as value"),
		strings.HasPrefix(msg, "non-name ") && strings.HasSuffix(msg, " on left side of :="),
		strings.HasSuffix(msg, " repeated on left side of :="),
		msg == "methods must have a unique non-blank name":
		// x := hello() ran hello, then panicked with reflect's words;
		// s[0] := 7 silently stored nothing; x, x := 1, 2 ran.
		return true
	case strings.HasPrefix(msg, "non-boolean condition in "),
		strings.HasPrefix(msg, "invalid operation: ") && strings.Contains(msg, "(non-numeric type "),
		strings.Contains(msg, "no specific channel type"), strings.Contains(msg, ": no specific type in "),
		strings.HasPrefix(msg, "invalid constant type "),
		strings.HasPrefix(msg, "invalid operation: shift count ") && strings.HasSuffix(msg, " must be integer"),
		strings.HasPrefix(msg, "invalid operation: negative shift count "):
		// Decided by the cell's own code; in a generic func the
		// interpreter ran the operation with the type argument's (x++
		// of a T any, <-ch of a T any, if x of a T any).
		return true
	case strings.HasPrefix(msg, "cannot switch on ") && strings.HasSuffix(msg, " is not comparable)"),
		strings.HasPrefix(msg, "cannot define new methods on instantiated type "),
		strings.Contains(msg, " already declared through dot-import of package "),
		strings.HasPrefix(msg, "instantiation cycle"):
		// The interpreter ran the code before the switch, then panicked
		// comparing; accepted the method; took the cell's own func; looped
		// building Box[Box[T]] until it ran out of time or memory.
		return true
	case strings.HasPrefix(msg, "invalid operation: ") && (strings.HasSuffix(msg, " cannot be compared)") || strings.HasSuffix(msg, " can only be compared to nil)")):
		// v == emptyCart with v an any and a Cart holding a slice: the
		// interpreter compared at run time, and said false unless v held
		// a Cart (then a panic).
		return true
	case strings.HasPrefix(msg, "invalid operation: invalid shift count "),
		strings.HasPrefix(msg, "constant ") && strings.HasSuffix(msg, " overflow"):
		// Constants beyond Go's limits (1 << 2000 >> 1995, 1<<300 *
		// 1<<300): the interpreter computed them.
		return true
	case strings.Contains(msg, " in conversion (contains specific type constraints or is comparable)"),
		strings.HasPrefix(msg, "receiver declares ") && strings.Contains(msg, " but receiver base type declares "),
		strings.HasPrefix(msg, "receiver type parameter ") && strings.HasSuffix(msg, " must be an identifier"),
		strings.HasPrefix(msg, "cannot satisfy ") && strings.HasSuffix(msg, "(empty type set)"),
		strings.Contains(msg, " have different underlying types"), strings.Contains(msg, " have different element types"),
		strings.HasPrefix(msg, "invalid operation: 3-index slice of string"), strings.HasPrefix(msg, "invalid copy: "):
		// Generic code Go refuses (a conversion to a constraint, a
		// receiver with fewer type parameters, a union with no core
		// type sliced or received from): the interpreter ran it with
		// the type argument's operations.
		return true
	case msg == "cannot use a type parameter as constraint", msg == "term cannot be a type parameter",
		strings.HasPrefix(msg, "cannot use ") && strings.Contains(msg, " in union ("),
		msg == "cannot use comparable in union", strings.HasPrefix(msg, "overlapping terms "),
		strings.HasPrefix(msg, "invalid use of ~ ("):
		// Constraints Go refuses: the interpreter does not check them.
		return true
	case noFieldOrMethod(msg):
		// wg.Wiat(), p.Nmae: a typo of a field or method of a type the
		// checker knows whole: as for a plain name, the units before it
		// ran.
		return true
	case strings.HasPrefix(msg, "undefined: ") && !strings.Contains(msg, "."):
		// A plain name neither the cell, an earlier cell nor Go declares
		// (a typo): the interpreter ran the cell's units up to it, and a
		// func redefined with it was left broken. A package's member
		// (undefined: fmt.Foo) is not sure: some compiled symbols are
		// not in the checker's tables.
		return true
	}
	return false
}

// sureInGeneric says whether an error inside a generic func's or a
// generic type's method's body is reported whatever its kind. The
// interpreter compiles such a body only for an instance it builds, so a
// typo there (b.value for b.v, Rect{Width: 1}) ran unnoticed while the
// body was never instantiated, and only its instances' callers
// found it otherwise. Left out: what the checker's tables may lack (a
// member or field of a package type outside wholeTypes) and unused
// names, which the kernel accepts.
func sureInGeneric(msg string) bool {
	if strings.HasSuffix(msg, " declared and not used") || strings.Contains(msg, " imported and not used") {
		return false
	}
	if name, ok := strings.CutPrefix(msg, "undefined: "); ok {
		pkg, _, qualified := strings.Cut(name, ".")
		return !qualified || wholeTypes[pkg]
	}
	if _, rest, ok := strings.Cut(msg, " undefined (type "); ok {
		typ, _, _ := strings.Cut(rest, " has no field or method ")
		for _, m := range qualifier.FindAllStringSubmatch(typ, -1) {
			if !wholeTypes[m[1]] {
				return false
			}
		}
	}
	return true
}

// qualifier finds the package names in a type as go/types writes it.
var qualifier = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\.`)

// genericBodies are the bodies of the cell's generic funcs and of the
// methods of its generic types.
func genericBodies(f *ast.File) []*ast.BlockStmt {
	var out []*ast.BlockStmt
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		if fd.Type.TypeParams != nil && len(fd.Type.TypeParams.List) > 0 || fd.Recv != nil && len(fd.Recv.List) == 1 && genericRecv(fd.Recv.List[0].Type) {
			out = append(out, fd.Body)
		}
	}
	return out
}

func genericRecv(x ast.Expr) bool {
	if st, ok := x.(*ast.StarExpr); ok {
		x = st.X
	}
	switch x.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// wholeTypes are the packages whose types the checker's tables give
// with every field and method (a package the evaluator stands in for,
// such as log's *Logger, may have fewer there).
var wholeTypes = map[string]bool{"sync": true, "atomic": true, "strings": true, "bytes": true, "time": true,
	"context": true, "bufio": true, "errors": true, "regexp": true, "sort": true}

// noFieldOrMethod says whether msg is go/types' "x.M undefined (type T
// has no field or method M)" for a type T of the cells (not a generic
// instance: its methods come from the interpreter's copy), a basic type,
// or a type of wholeTypes.
func noFieldOrMethod(msg string) bool {
	_, rest, ok := strings.Cut(msg, " undefined (type ")
	if !ok {
		return false
	}
	typ, _, ok := strings.Cut(rest, " has no field or method ")
	if !ok || strings.ContainsAny(typ, "[(") {
		return false
	}
	typ = strings.TrimLeft(typ, "*")
	pkg, _, qualified := strings.Cut(typ, ".")
	return !qualified || wholeTypes[pkg]
}

// unusedValue says whether msg is go/types' "x + 1 (value of type int) is
// not used": an expression statement whose value is dropped (append's
// result, most often).
func unusedValue(msg string) bool {
	return strings.HasSuffix(msg, " is not used") && (strings.Contains(msg, " of type ") || strings.Contains(msg, "(untyped ")) && !strings.Contains(msg, "iter.Seq")
}

// droppedAtTop reports whether the unused value at pos, among the cell's
// own statements, is dropped for sure: inside an if, for or switch body
// (only the cell's last statement is its result), or append's result
// (append(nums, 3) before the last line: the classic forgotten nums =).
// Another expression at the top level is left alone: a notebook shows
// the last one, and writing a few is harmless.
func droppedAtTop(pos token.Pos, msg string, own *ast.File) bool {
	for _, d := range own.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != wrapper || pos < fd.Body.Pos() || pos >= fd.Body.End() {
			continue
		}
		list := fd.Body.List
		for i, st := range list {
			if pos < st.Pos() || pos >= st.End() {
				continue
			}
			if _, expr := st.(*ast.ExprStmt); !expr {
				return true // nested in a compound statement
			}
			return i < len(list)-1 && strings.HasPrefix(msg, "append(")
		}
	}
	return false
}

// inFuncBody reports whether pos is inside one of the cell's functions:
// at a cell's top level, an expression's value is the cell's result.
func inFuncBody(pos token.Pos, funcs []*ast.BlockStmt) bool {
	for _, b := range funcs {
		if b.Pos() <= pos && pos < b.End() {
			return true
		}
	}
	return false
}

// funcBodies are the bodies of the cell's functions and function
// literals; the cell's own statements (the wrapper) are not one of them.
func funcBodies(f *ast.File) []*ast.BlockStmt {
	var out []*ast.BlockStmt
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncDecl:
			if x.Body != nil && x.Name.Name != wrapper {
				out = append(out, x.Body)
			}
		case *ast.FuncLit:
			out = append(out, x.Body)
		}
		return true
	})
	return out
}

// unusedIsSure says whether "declared and not used" is certain: the
// variable is local to a function (a cell's top-level variables are
// globals, used by later cells) and that function has no other error, so
// every use of the variable was seen.
func unusedIsSure(e types.Error, errs []types.Error, funcs []*ast.BlockStmt) bool {
	var body *ast.BlockStmt // the innermost function around the variable
	for _, b := range funcs {
		if b.Pos() <= e.Pos && e.Pos < b.End() && (body == nil || b.Pos() >= body.Pos()) {
			body = b
		}
	}
	if body == nil {
		return false
	}
	// Every use is in that body: any other error there may hide one.
	for _, o := range errs {
		if o.Pos >= body.Pos() && o.Pos < body.End() && !unusedVar(o.Msg) {
			return false
		}
	}
	return true
}

// knownInstances are the instances earlier cells wrote, as types of pkg;
// those whose generic type is gone or changed are left out.
func (c *Checker) knownInstances(pkg *types.Package) []*types.Named {
	var out []*types.Named
	for _, s := range c.instances {
		tv, err := types.Eval(token.NewFileSet(), pkg, token.NoPos, s)
		if named, ok := tv.Type.(*types.Named); err == nil && tv.IsType() && ok {
			out = append(out, named)
		}
	}
	return out
}

// learnInstances records the instances of the package's generic types
// info holds that do not depend on a type parameter.
func (c *Checker) learnInstances(info *types.Info, pkg *types.Package) {
	for _, named := range cellInstances(info, pkg) {
		if s := types.TypeString(named, cellQualifier); !slices.Contains(c.instances, s) && !strings.Contains(s, "invalid type") {
			c.instances = append(c.instances, s)
		}
	}
}
