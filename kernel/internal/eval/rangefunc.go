package eval

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
)

// Range over a function (Go 1.23): yaegi v0.16.1 cannot compile
// `for x := range seq` when seq is an iterator func; rewrite.RangeFunc
// turns such a loop into a plain loop pulling from the iterator, run on
// its own goroutine and resumed by each Next (pull.go).
//
// Which loops range over an iterator is decided here. The rewrite must recognise iterator values from
// the source: func literals, calls of funcs and methods whose result type
// is iter.Seq/iter.Seq2 or a func(yield func(...) bool) type (or a named
// type declared so), and variables and parameters declared or assigned
// with such values. Their arity is the number of values they yield.

// seqNames maps a name to the arity of the iterator it holds.
type seqNames map[string]int

// typeArity returns 1 or 2 for an iterator type expression, else 0.
func (e *Evaluator) typeArity(t ast.Expr, cell map[string]ast.Expr) int {
	switch x := t.(type) {
	case *ast.ParenExpr:
		return e.typeArity(x.X, cell)
	case *ast.IndexExpr:
		return iterSel(x.X)
	case *ast.IndexListExpr:
		return iterSel(x.X)
	case *ast.FuncType:
		if x.Params == nil || len(x.Params.List) != 1 || len(x.Params.List[0].Names) > 1 || x.Results != nil {
			return 0
		}
		y, ok := x.Params.List[0].Type.(*ast.FuncType)
		if !ok || y.Results == nil || len(y.Results.List) != 1 || !rewrite.IsIdent(y.Results.List[0].Type, "bool") {
			return 0
		}
		if n := fieldCount(y.Params); n == 1 || n == 2 {
			return n
		}
	case *ast.Ident:
		if t, ok := cell[x.Name]; ok {
			return e.typeArity(t, nil)
		}
		if en := e.decls.entries[x.Name]; en != nil && en.sym.Kind == symtab.KindType {
			if t, err := parser.ParseExpr(en.sym.Type); err == nil {
				return e.typeArity(t, nil)
			}
		}
	}
	return 0
}

func iterSel(x ast.Expr) int {
	sel, ok := x.(*ast.SelectorExpr)
	if !ok || !rewrite.IsIdent(sel.X, "iter") {
		return 0
	}
	switch sel.Sel.Name {
	case "Seq":
		return 1
	case "Seq2":
		return 2
	}
	return 0
}

func fieldCount(l *ast.FieldList) int {
	n := 0
	for _, f := range l.List {
		n += max(len(f.Names), 1)
	}
	return n
}

// seqScope is what the arity of an expression is judged with.
type seqScope struct {
	names   seqNames
	types   map[string]ast.Expr      // type declarations of the cell
	funcs   map[string]*ast.FuncType // funcs of the cell and earlier cells
	methods map[string]*ast.FuncType // method name → type, when unambiguous
	imports map[string]bool          // package names imported by the cell
	fields  map[string]int           // struct field name → iterator arity
	// fieldTypes are those fields' type expressions: yaegi cannot infer
	// __gl_next1's type argument from a value read out of a struct.
	fieldTypes map[string]ast.Expr
}

// exprArity returns the iterator arity of x, or 0 when x is not known to
// be an iterator.
func (e *Evaluator) exprArity(x ast.Expr, sc *seqScope) int {
	switch v := x.(type) {
	case *ast.ParenExpr:
		return e.exprArity(v.X, sc)
	case *ast.FuncLit:
		return e.typeArity(v.Type, sc.types)
	case *ast.SelectorExpr: // a struct field holding an iterator
		if id, ok := v.X.(*ast.Ident); ok && sc.imports[id.Name] {
			return 0
		}
		return sc.fields[v.Sel.Name]
	case *ast.Ident:
		if a := sc.names[v.Name]; a > 0 {
			return a
		}
		if ft := sc.funcs[v.Name]; ft != nil && ft.TypeParams == nil { // func f(yield func(T) bool)
			return e.typeArity(ft, sc.types)
		}
	case *ast.CallExpr:
		var ft *ast.FuncType
		switch f := v.Fun.(type) {
		case *ast.Ident:
			ft = sc.funcs[f.Name]
			if ft == nil && len(v.Args) == 1 { // a conversion T(f)
				return e.typeArity(f, sc.types)
			}
		case *ast.SelectorExpr:
			if id, ok := f.X.(*ast.Ident); ok {
				if en := e.decls.entries[id.Name]; (en != nil && en.sym.Kind == symtab.KindImport) || sc.imports[id.Name] {
					return 0 // a package's function
				}
			}
			ft = sc.methods[f.Sel.Name]
		case *ast.FuncLit:
			ft = f.Type
		case *ast.IndexExpr, *ast.IndexListExpr: // iter.Seq[int](f)
			return e.typeArity(f, sc.types)
		}
		if ft != nil && ft.Results != nil && len(ft.Results.List) == 1 && len(ft.Results.List[0].Names) <= 1 {
			return e.typeArity(ft.Results.List[0].Type, sc.types)
		}
	}
	return 0
}

// collectSeqs records the names below n declared or assigned with an
// iterator: parameters, var declarations and := / = assignments. Scopes
// are not told apart; local holds the names bound so far in this pass,
// where a binding to something else hides an earlier pass's iterator
// (a cell's `s := []int{}` after an earlier cell's `s := count(3)`),
// while within one pass an iterator binding wins.
func (e *Evaluator) collectSeqs(n ast.Node, sc *seqScope, local map[string]bool) {
	if n == nil {
		return
	}
	bind := func(id *ast.Ident, a int) {
		if id.Name == "_" {
			return
		}
		if a > 0 || !local[id.Name] {
			sc.names[id.Name] = a
		}
		local[id.Name] = true
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch d := x.(type) {
		case *ast.Field:
			a := e.typeArity(d.Type, sc.types)
			for _, id := range d.Names {
				bind(id, a)
			}
		case *ast.ValueSpec:
			for i, id := range d.Names {
				a := 0
				if d.Type != nil {
					a = e.typeArity(d.Type, sc.types)
				} else if i < len(d.Values) && len(d.Values) == len(d.Names) {
					a = e.exprArity(d.Values[i], sc)
				}
				bind(id, a)
			}
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				a := 0
				if len(d.Lhs) == len(d.Rhs) {
					a = e.exprArity(d.Rhs[i], sc)
				}
				if d.Tok == token.DEFINE || a > 0 {
					bind(id, a)
				}
			}
		}
		return true
	})
}

// newSeqScope gathers the funcs, methods, types and iterator variables of
// earlier cells and of the units about to run.
func (e *Evaluator) newSeqScope(units []*unit) *seqScope {
	sc := &seqScope{names: seqNames{}, types: map[string]ast.Expr{}, funcs: map[string]*ast.FuncType{}, methods: map[string]*ast.FuncType{}, imports: map[string]bool{}, fields: map[string]int{}, fieldTypes: map[string]ast.Expr{}}
	ambiguous := map[string]bool{}
	addMethod := func(fd *ast.FuncDecl) {
		name := fd.Name.Name
		if old, ok := sc.methods[name]; ok && exprString(old.Results) != exprString(fd.Type.Results) {
			ambiguous[name] = true
		}
		sc.methods[name] = fd.Type
	}
	for _, en := range e.decls.entries {
		if en.sym.Kind == symtab.KindFunc {
			if t, err := parser.ParseExpr(en.sym.Type); err == nil {
				if ft, ok := t.(*ast.FuncType); ok {
					sc.funcs[en.sym.Name] = ft
				}
			}
		}
	}
	for _, m := range e.decls.methods {
		if f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+m.text, parser.SkipObjectResolution); err == nil && len(f.Decls) == 1 {
			if fd, ok := f.Decls[0].(*ast.FuncDecl); ok {
				addMethod(fd)
			}
		}
	}
	var files []*ast.File
	for _, u := range units {
		if u.file != nil {
			files = append(files, u.file)
		}
	}
	for _, f := range files {
		for _, is := range f.Imports {
			sc.imports[importEntry(is).sym.Name] = true
		}
		for _, d := range f.Decls {
			switch x := d.(type) {
			case *ast.FuncDecl:
				if x.Recv != nil {
					addMethod(x)
				} else {
					sc.funcs[x.Name.Name] = x.Type
				}
			case *ast.GenDecl:
				for _, s := range x.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						sc.types[ts.Name.Name] = ts.Type
					}
				}
			}
		}
	}
	for name := range ambiguous {
		delete(sc.methods, name)
	}
	e.collectFieldSeqs(sc)
	for _, en := range e.decls.entries {
		if en.sym.Kind == symtab.KindVar {
			if list, err := parseStmt(en.sym.Decl); err == nil {
				for _, s := range list {
					e.collectSeqs(s, sc, map[string]bool{})
				}
			}
		}
	}
	local := map[string]bool{}
	for _, u := range units {
		e.collectSeqs(u.node(), sc, local)
	}
	return sc
}

// pkgCall returns the function name of a call pkg.F(arg) when pkg names
// the imported package (not a user variable), else "".
func (e *Evaluator) pkgCall(x ast.Expr, pkg string) (string, ast.Expr) {
	call, ok := x.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return "", nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !rewrite.IsIdent(sel.X, pkg) {
		return "", nil
	}
	if en := e.decls.entries[pkg]; en != nil && en.sym.Kind != symtab.KindImport {
		return "", nil
	}
	return sel.Sel.Name, call.Args[0]
}

// rangeOverStdSeqs turns ranges over the standard iterators of a slice or
// map into the plain ranges they are equivalent to: slices.All(s) and
// maps.All(m) yield what ranging over s and m yields, slices.Values(s)
// the elements (slices.Backward: rewrite.RangeBackward). (yaegi cannot keep the
// func a generic call returns.)
func (e *Evaluator) rangeOverStdSeqs(r *ast.RangeStmt) {
	if f, arg := e.pkgCall(r.X, "slices"); f == "All" || f == "Values" {
		r.X = arg
		if f == "Values" && r.Key != nil {
			r.Key, r.Value = rewrite.Ident("_", r.Key.Pos()), r.Key
		}
	} else if f, arg := e.pkgCall(r.X, "maps"); f == "All" {
		r.X = arg
	}
}

// seqCalls makes slices.Collect and slices.Sorted of a cell's own
// iterator call the prelude's iterator versions, when the type checker's
// facts did not give the calls concrete versions (rewrite.Seqs): yaegi
// infers the generic shims' type argument wrongly.
func (e *Evaluator) seqCalls(n ast.Node) {
	if e.seqs == nil || n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok {
			return true
		}
		f, arg := e.pkgCall(call, "slices")
		if (f == "Collect" || f == "Sorted") && e.exprArity(arg, e.seqs) == 1 {
			call.Fun = rewrite.Ident("__gl_"+f, call.Fun.Pos())
		}
		return true
	})
}

// hasRange reports whether n holds a range loop, for explaining yaegi's
// "nil type" on a range over an iterator the rewrite did not recognise.
func hasRange(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if _, ok := x.(*ast.RangeStmt); ok {
			found = true
		}
		return !found
	})
	return found
}

// needsSeqScope reports whether the units' source has anything the scope
// is consulted for (range loops, slices.Collect/Sorted, new), so that
// other cells skip building it.
func needsSeqScope(units []*unit) bool {
	for _, u := range units {
		for _, w := range []string{"range", "Collect", "Sorted", "new("} {
			if strings.Contains(u.src, w) {
				return true
			}
		}
	}
	return false
}

// collectFieldSeqs records the struct fields, of earlier cells' types and
// of this cell's, whose type is an iterator. A field name used with two
// arities is left out.
func (e *Evaluator) collectFieldSeqs(sc *seqScope) {
	seen := map[string]int{}
	note := func(name string, a int, t ast.Expr) {
		if old, ok := seen[name]; ok && (old != a || exprString(t) != exprString(sc.fieldTypes[name])) {
			a = -1
		}
		seen[name], sc.fieldTypes[name] = a, t
	}
	for _, en := range e.decls.entries {
		for _, f := range en.fields {
			if t, err := parser.ParseExpr(f.Signature); err == nil {
				note(f.Name, e.typeArity(t, sc.types), t)
			}
		}
	}
	for _, t := range sc.types {
		if st, ok := t.(*ast.StructType); ok {
			for _, f := range st.Fields.List {
				for _, id := range f.Names {
					note(id.Name, e.typeArity(f.Type, sc.types), f.Type)
				}
			}
		}
	}
	for name, a := range seen {
		if a > 0 {
			sc.fields[name] = a
		} else {
			delete(sc.fieldTypes, name)
		}
	}
}
