package eval

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"sort"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
)

// declTable remembers what the user's cells declared: for Symbols, for
// telling a redefinition from a first definition, and for recompiling the
// callers of a redefined name.
type declTable struct {
	order   []string
	entries map[string]*entry
	methods map[string]*methodEntry // key "T.M"
}

// entry is one top-level name.
type entry struct {
	sym      symtab.Symbol
	text     string // funcs: source text, recompiled when a dependency changes
	line     int
	col      int
	refs     map[string]bool   // identifiers used by a func body
	typeName string            // vars: the user type of the value, when visible in the source
	generic  bool              // funcs: has type parameters
	closure  string            // vars initialised with a func literal: its text, reassigned on refresh
	fields   []symtab.Member   // types: struct fields
	consts   map[string]string // types: the declarations of the cells' consts the type names (an array length)
}

// methodEntry is one method of a user type.
type methodEntry struct {
	recv, name string
	text       string
	line, col  int
	refs       map[string]bool
	generic    bool
	recovers   bool // declared as written (callsRecover)
	sig        string
	// shape is the method's func type with the receiver first and no
	// names (func(main.Sq) float64): the type of its variable, which a
	// redefinition must keep.
	shape string
}

func newDeclTable() *declTable {
	return &declTable{entries: map[string]*entry{}, methods: map[string]*methodEntry{}}
}

// known returns the names among names that are already declared.
func (t *declTable) known(names []string) []string {
	var out []string
	for _, n := range names {
		if _, ok := t.entries[n]; ok {
			out = append(out, n)
		}
	}
	return out
}

func (t *declTable) put(en *entry) {
	if _, ok := t.entries[en.sym.Name]; !ok {
		t.order = append(t.order, en.sym.Name)
	}
	t.entries[en.sym.Name] = en
}

// nodeText returns the source of n as parsed in u.
func (e *Evaluator) nodeText(u *unit, n ast.Node) string {
	if t, ok := u.texts[n]; ok {
		return t
	}
	f := e.i.FileSet().File(n.Pos())
	if f == nil {
		return ""
	}
	start, end := f.Offset(n.Pos()), f.Offset(n.End())
	if start < 0 || end > len(u.src) || start > end {
		return ""
	}
	return u.src[start:end]
}

// keepTexts records the source text of u's declarations, assignments and
// func literals, as the cell wrote them, before the rewrites with the
// type checker's facts: those put literals in place of constant
// expressions (tau/2 == math.Pi becomes true), whose positions no longer
// span the text they replace, so the recorded declaration was cut
// ("const tau = "), and a func recompiled from its text failed.
func (e *Evaluator) keepTexts(u *unit) {
	n := u.node()
	if n == nil {
		return
	}
	u.texts = map[ast.Node]string{}
	ast.Inspect(n, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.FuncDecl, *ast.TypeSpec, *ast.ValueSpec, *ast.AssignStmt, *ast.FuncLit:
			u.texts[x] = e.nodeText(u, x)
		}
		return true
	})
}

// constDeclsIn gives, for each name in x that is a const of the cells,
// its declaration as it stands for unit u: u's own when u declares it.
func (e *Evaluator) constDeclsIn(u *unit, x ast.Expr) map[string]string {
	var out map[string]string
	ast.Inspect(x, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		decl := ""
		for _, d := range u.file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, sp := range g.Specs {
					for _, name := range sp.(*ast.ValueSpec).Names {
						if name.Name == id.Name {
							decl = "const " + e.nodeText(u, sp)
						}
					}
				}
			}
		}
		if en, ok := e.decls.entries[id.Name]; decl == "" && ok && en.sym.Kind == symtab.KindConst {
			decl = en.sym.Decl
		}
		if decl != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[id.Name] = decl
		}
		return true
	})
	return out
}

// collectDecls builds the table entries of a declaration unit before the
// rewrites change its AST; record commits them once the unit has run.
func (e *Evaluator) collectDecls(u *unit) []*entry {
	var out []*entry
	fset := e.i.FileSet()
	for _, d := range u.file.Decls {
		switch x := d.(type) {
		case *ast.FuncDecl:
			if x.Recv != nil {
				continue
			}
			p := fset.Position(x.Pos())
			out = append(out, &entry{
				sym:  symtab.Symbol{Name: x.Name.Name, Kind: symtab.KindFunc, Decl: funcSignature(x), Type: exprString(x.Type)},
				text: e.nodeText(u, x), line: p.Line, col: p.Column, refs: identsIn(x.Body),
				generic: x.Type.TypeParams != nil,
			})
		case *ast.GenDecl:
			out = append(out, e.genDeclEntries(u, x)...)
		}
	}
	return out
}

func (e *Evaluator) genDeclEntries(u *unit, g *ast.GenDecl) []*entry {
	var out []*entry
	for si, s := range g.Specs {
		switch sp := s.(type) {
		case *ast.TypeSpec:
			en := &entry{sym: symtab.Symbol{Name: sp.Name.Name, Kind: symtab.KindType, Decl: "type " + e.nodeText(u, sp), Type: exprString(sp.Type)},
				consts: e.constDeclsIn(u, sp.Type)}
			en.fields = structFields(sp.Type)
			out = append(out, en)
		case *ast.ValueSpec:
			kind := symtab.KindVar
			if g.Tok == token.CONST {
				kind = symtab.KindConst
			}
			for i, id := range sp.Names {
				if id.Name == "_" {
					continue
				}
				decl := g.Tok.String() + " " + e.nodeText(u, sp)
				if rep, ok := rewrite.RepeatedConst(g, si); ok {
					decl = "const " + rep // an implicit repetition (Sub after Add Op = iota): its type and value
				}
				en := &entry{sym: symtab.Symbol{Name: id.Name, Kind: kind, Decl: decl}}
				if sp.Type != nil {
					en.typeName = typeNameOf(sp.Type)
				} else if i < len(sp.Values) {
					en.typeName = typeNameOfValue(sp.Values[i])
				}
				if len(sp.Values) == len(sp.Names) {
					e.noteClosure(u, en, sp.Values[i])
				}
				out = append(out, en)
			}
		case *ast.ImportSpec:
			out = append(out, importEntry(sp))
		}
	}
	return out
}

// stmtEntries are the variables a statement unit declares with :=.
func (e *Evaluator) stmtEntries(u *unit) []*entry {
	var out []*entry
	for _, s := range u.block.List {
		if ds, ok := s.(*ast.DeclStmt); ok {
			if g, ok := ds.Decl.(*ast.GenDecl); ok {
				out = append(out, e.genDeclEntries(u, g)...)
			}
			continue
		}
		as, ok := s.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		for i, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok || id.Name == "_" {
				continue
			}
			en := &entry{sym: symtab.Symbol{Name: id.Name, Kind: symtab.KindVar, Decl: e.nodeText(u, as)}}
			if len(as.Rhs) == len(as.Lhs) {
				en.typeName = typeNameOfValue(as.Rhs[i])
				e.noteClosure(u, en, as.Rhs[i])
			}
			out = append(out, en)
		}
	}
	return out
}

// noteClosure remembers a func literal a variable is initialised with,
// so the variable can be given the literal again when a name it uses is
// redefined (a closure, like a func, binds the definitions of its time).
func (e *Evaluator) noteClosure(u *unit, en *entry, v ast.Expr) {
	lit, ok := v.(*ast.FuncLit)
	if !ok {
		return
	}
	p := e.i.FileSet().Position(lit.Pos())
	en.closure, en.line, en.col, en.refs = e.nodeText(u, lit), p.Line, p.Column, identsIn(lit.Body)
}

// record commits the entries of a unit that ran successfully.
func (t *declTable) record(entries []*entry) {
	for _, en := range entries {
		t.put(en)
	}
}

// funcSignature is the one-line `func name(params) results` of d.
func funcSignature(d *ast.FuncDecl) string {
	return exprString(&ast.FuncDecl{Recv: d.Recv, Name: d.Name, Type: d.Type})
}

func exprString(n ast.Node) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, token.NewFileSet(), n); err != nil {
		return ""
	}
	return b.String()
}

// identsIn is the set of identifiers used below n.
func identsIn(n ast.Node) map[string]bool {
	refs := map[string]bool{}
	if n == nil {
		return refs
	}
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			refs[id.Name] = true
		}
		return true
	})
	return refs
}

func structFields(t ast.Expr) []symtab.Member {
	st, ok := t.(*ast.StructType)
	if !ok {
		return nil
	}
	var out []symtab.Member
	for _, f := range st.Fields.List {
		sig := exprString(f.Type)
		if len(f.Names) == 0 { // embedded field: named after its type
			out = append(out, symtab.Member{Name: typeNameOf(f.Type), Kind: symtab.MemberField, Signature: sig})
		}
		for _, id := range f.Names {
			out = append(out, symtab.Member{Name: id.Name, Kind: symtab.MemberField, Signature: sig})
		}
	}
	return out
}

// typeNameOf returns T for T, *T, T[X] and pkg.T type expressions.
func typeNameOf(t ast.Expr) string {
	switch x := t.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.StarExpr:
		return typeNameOf(x.X)
	case *ast.IndexExpr:
		return typeNameOf(x.X)
	case *ast.IndexListExpr:
		return typeNameOf(x.X)
	}
	return ""
}

// typeNameOfValue guesses the user type of an initialiser: T{...},
// &T{...} or T(x).
func typeNameOfValue(v ast.Expr) string {
	switch x := v.(type) {
	case *ast.CompositeLit:
		if x.Type != nil {
			return typeNameOf(x.Type)
		}
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return typeNameOfValue(x.X)
		}
	case *ast.CallExpr:
		if len(x.Args) == 1 {
			return typeNameOf(x.Fun)
		}
	}
	return ""
}

// sortedMethods returns the methods of type name, sorted.
func (t *declTable) sortedMethods(name string) []symtab.Member {
	var out []symtab.Member
	for _, m := range t.methods {
		if m.recv == name {
			out = append(out, symtab.Member{Name: m.name, Kind: symtab.MemberMethod, Signature: m.sig})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
