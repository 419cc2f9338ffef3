package typecheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// priorCache keeps the earlier cells' declarations parsed, each once, in
// a file set of their own, with the names each one uses: a cell is
// checked against only the declarations it reaches, so a trivial cell
// costs little however long the notebook.
type priorCache struct {
	fset   *token.FileSet
	decls  map[string]*priorEntry // by Prior.Name
	header struct {
		src  string
		file *ast.File
	}
}

// priorEntry is one earlier name's declaration, function bodies dropped
// (the cell sees only signatures; checking bodies again at every cell
// would cost the most).
type priorEntry struct {
	kind, text string          // what it was made from
	decls      []ast.Decl      // nil when the declaration is unusable
	uses       map[string]bool // identifiers it mentions
}

// maxPriorBase bounds the cache's file set, which grows with every new
// declaration text; past it the cache starts over.
const maxPriorBase = 64 << 20

// priorFile returns the file of the earlier declarations the cell
// reaches from its identifiers (methods come with their type) and the
// end of their positions; nil when there is none.
func (c *Checker) priorFile(prior []Prior, used map[string]bool) (*ast.File, int) {
	pc := &c.cache
	if pc.fset == nil || pc.fset.Base() > maxPriorBase {
		*pc = priorCache{fset: token.NewFileSet(), decls: map[string]*priorEntry{}}
	}
	byName := make(map[string]int, len(prior))
	methods := map[string][]int{} // by receiver type name
	for i, p := range prior {
		switch p.Kind {
		case "import":
		case "method":
			recv, _, _ := strings.Cut(p.Name, ".")
			methods[recv] = append(methods[recv], i)
		default:
			byName[p.Name] = i
		}
	}
	// A declaration is parsed when first reached, again when its text changed.
	entry := func(i int) *priorEntry {
		p := prior[i]
		en := pc.decls[p.Name]
		if en == nil || en.kind != p.Kind || en.text != p.Text {
			en = pc.parse(p)
			pc.decls[p.Name] = en
		}
		return en
	}

	// Walk from the cell's identifiers to the declarations they reach.
	var decls []ast.Decl
	seen := map[string]bool{}
	var visit func(name string)
	add := func(i int) {
		en := entry(i)
		decls = append(decls, en.decls...)
		if prior[i].Kind == "var" {
			c.vars = append(c.vars, prior[i].Name)
		}
		for u := range en.uses {
			visit(u)
		}
	}
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		if i, ok := byName[name]; ok {
			add(i)
		}
		for _, i := range methods[name] {
			add(i)
		}
	}
	for name := range used {
		visit(name)
	}
	if len(decls) == 0 {
		return nil, 0
	}
	h := pc.importHeader(prior)
	if h == nil {
		return nil, 0
	}
	f := *h
	f.Decls = append(append([]ast.Decl(nil), h.Decls...), decls...)
	return &f, pc.fset.Base()
}

// importHeader is the prior file's package clause and imports.
func (pc *priorCache) importHeader(prior []Prior) *ast.File {
	var b strings.Builder
	b.WriteString("package main\n")
	writeImports(&b, prior)
	if src := b.String(); src != pc.header.src || pc.header.file == nil {
		f, err := parser.ParseFile(pc.fset, priorName, src, parser.SkipObjectResolution)
		if err != nil {
			f = nil
		}
		pc.header.src, pc.header.file = src, f
	}
	return pc.header.file
}

// parse makes the declaration of p, drops function bodies and records
// the identifiers left.
func (pc *priorCache) parse(p Prior) *priorEntry {
	en := &priorEntry{kind: p.Kind, text: p.Text}
	d := priorDecl(p)
	if d == "" {
		return en
	}
	f, err := parser.ParseFile(pc.fset, priorName, "package main\n"+d, parser.SkipObjectResolution)
	if err != nil {
		return en
	}
	dropBodies(f)
	en.uses = identsOf(f)
	en.decls = f.Decls
	return en
}

// dropBodies empties the bodies of functions and function literals,
// but generic funcs': the evaluator copies those, with the names their
// bodies use checked at each call (see genericCall).
func dropBodies(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncDecl:
			if x.Recv == nil && x.Type.TypeParams != nil {
				return false
			}
			x.Body = nil
		case *ast.FuncLit:
			x.Body = &ast.BlockStmt{Lbrace: x.Body.Lbrace, Rbrace: x.Body.Rbrace}
		}
		return true
	})
}

// identsOf is the set of identifiers in f.
func identsOf(f *ast.File) map[string]bool {
	ids := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			ids[id.Name] = true
		}
		return true
	})
	return ids
}
