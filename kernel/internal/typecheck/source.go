package typecheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// cellSource is the file checked for the cell: the earlier cells'
// imports the cell does not redo, the cell's imports, declarations and
// vars at package level, its statements in a function, each segment
// preceded by a //line directive giving its cell position. hoisted
// declares package-level vars (name → type) for the variables the
// statements define that the cell's funcs use (see hoistable).
func cellSource(cell []Segment, prior []Prior, hoisted map[string]string) string {
	var b strings.Builder
	b.WriteString("package main\n")
	writeImports(&b, prior)
	seg := func(s Segment) {
		fmt.Fprintf(&b, "//line %s:%d:%d\n%s\n", cellFile, s.Line, s.Col, s.Text)
	}
	for _, s := range cell {
		if s.Kind == Import {
			seg(s)
		}
	}
	for _, s := range cell {
		if s.Kind == Decl || s.Kind == Var {
			seg(s)
		}
	}
	if len(hoisted) > 0 {
		b.WriteString("//line hoisted.go:1:1\n") // not the cell's positions
		for _, name := range slices.Sorted(maps.Keys(hoisted)) {
			fmt.Fprintf(&b, "var %s %s\n", name, hoisted[name])
		}
	}
	fmt.Fprintf(&b, "func %s() {\n", wrapper)
	for _, s := range cell {
		if s.Kind == Stmt {
			seg(s)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func writeImports(b *strings.Builder, prior []Prior) {
	for _, p := range prior {
		if p.Kind == "import" && p.Name != "_" && p.Name != "." {
			fmt.Fprintf(b, "import %s %s\n", p.Name, strconv.Quote(p.Text))
		}
	}
}

// varsAfterStatements moves into the statements the var declarations
// that use a variable the cell's statements define (x := f(); var y = x):
// the evaluator runs them in order, not at package level.
func varsAfterStatements(cell []Segment, f *ast.File) []Segment {
	stmtDefs := map[string]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == wrapper {
			for _, s := range fd.Body.List {
				stmtNames(s, stmtDefs)
			}
		}
	}
	if len(stmtDefs) == 0 {
		return cell
	}
	out := make([]Segment, len(cell))
	for i, s := range cell {
		out[i] = s
		if s.Kind != Var {
			continue
		}
		vf, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+s.Text, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for id := range identsOf(vf) {
			if stmtDefs[id] {
				out[i].Kind = Stmt
				break
			}
		}
	}
	return out
}

// cellNames are the names the cell (re)defines, as Prior names: earlier
// definitions of them are left out, the cell's own are what it sees.
func cellNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch x := d.(type) {
		case *ast.FuncDecl:
			switch {
			case x.Name.Name == wrapper:
				for _, s := range x.Body.List {
					stmtNames(s, names)
				}
			case x.Recv != nil && len(x.Recv.List) == 1:
				names[recvName(x.Recv.List[0].Type)+"."+x.Name.Name] = true
			default:
				names[x.Name.Name] = true
			}
		case *ast.GenDecl:
			genNames(x, names)
		}
	}
	return names
}

func stmtNames(s ast.Stmt, names map[string]bool) {
	switch x := s.(type) {
	case *ast.AssignStmt:
		if x.Tok == token.DEFINE {
			for _, l := range x.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					names[id.Name] = true
				}
			}
		}
	case *ast.DeclStmt:
		if g, ok := x.Decl.(*ast.GenDecl); ok {
			genNames(g, names)
		}
	}
}

func genNames(g *ast.GenDecl, names map[string]bool) {
	for _, s := range g.Specs {
		switch sp := s.(type) {
		case *ast.TypeSpec:
			names[sp.Name.Name] = true
		case *ast.ValueSpec:
			for _, id := range sp.Names {
				names[id.Name] = true
			}
		case *ast.ImportSpec:
			p, _ := strconv.Unquote(sp.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if sp.Name != nil {
				name = sp.Name.Name
			}
			names[name] = true
		}
	}
}

// recvName is T for the receivers T, *T, T[P] and *T[P].
func recvName(t ast.Expr) string {
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// priorDecl is the package-level declaration of one earlier name.
func priorDecl(p Prior) string {
	switch p.Kind {
	case "type", "func", "method":
		if declParses(p.Text) {
			return p.Text
		}
	case "var", "const":
		return valueDecl(p)
	}
	return ""
}

func declParses(text string) bool {
	_, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.SkipObjectResolution)
	return err == nil
}

// valueDecl declares the variable or constant p.Name alone, from the
// statement or spec that made it (which may declare others too).
func valueDecl(p Prior) string {
	const head = "package p\nfunc _() {\n"
	src := head + p.Text + "\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return ""
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	if len(body.List) != 1 {
		return ""
	}
	text := func(n ast.Node) string {
		if n == nil {
			return ""
		}
		return src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset]
	}
	var names []*ast.Ident
	var typ ast.Expr
	var values []ast.Expr
	tok := "var"
	switch s := body.List[0].(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return ""
		}
		for _, l := range s.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				return ""
			}
			names = append(names, id)
		}
		values = s.Rhs
	case *ast.DeclStmt:
		g, ok := s.Decl.(*ast.GenDecl)
		if !ok || len(g.Specs) != 1 {
			return ""
		}
		vs, ok := g.Specs[0].(*ast.ValueSpec)
		if !ok {
			return ""
		}
		names, typ, values, tok = vs.Names, vs.Type, vs.Values, g.Tok.String()
	default:
		return ""
	}
	idx := -1
	for i, id := range names {
		if id.Name == p.Name {
			idx = i
		}
	}
	if idx < 0 || tok == "const" && len(values) != len(names) {
		return "" // an implicit repetition in a const group: its iota is lost
	}
	decl := tok + " " + p.Name
	if typ != nil {
		decl += " " + text(typ)
	}
	switch {
	case len(values) == len(names):
		return decl + " = " + text(values[idx])
	case len(values) == 0:
		return decl
	case len(values) == 1:
		lhs := make([]string, len(names))
		for i := range lhs {
			lhs[i] = "_"
		}
		lhs[idx] = p.Name
		return tok + " " + strings.Join(lhs, ", ") + " = " + text(values[0])
	}
	return ""
}
