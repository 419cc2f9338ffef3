package inspect

import (
	"fmt"
	"strings"

	"golessons/kernel/internal/docindex"
	"golessons/kernel/internal/docindex/srcdoc"
	"golessons/kernel/internal/symtab"
)

// description is what Inspect shows, before rendering as text or Markdown.
type description struct {
	code    string   // Go source: a signature, declaration or import line
	facts   []string // "type: main.Point", "value: {1 2}"
	doc     string   // doc comment as plain text
	heading string   // what listing lists, e.g. "Methods"
	listing []string // Go source lines
}

type resolver struct {
	env     srcdoc.Env
	imports map[string]string
	detail  int
	code    string // the whole cell, for names it declares before running
}

// resolve describes a dotted name such as ["p"], ["fmt", "Println"] or
// ["strings", "Builder", "Len"]. The user's names shadow packages and
// builtins, as they do in Go.
func (r resolver) resolve(chain []string) (description, bool) {
	ix := r.env.Index
	if len(chain) > 3 {
		chain = chain[len(chain)-3:]
	}
	first, last := chain[0], chain[len(chain)-1]
	sym, isUser := r.userSymbol(first)
	switch {
	case len(chain) == 1 && isUser:
		return r.user(sym), true
	case len(chain) == 1:
		if line, ok := localDecl(r.code, first); ok {
			return description{code: line, facts: []string{"note: declared in this cell, which has not run yet"}}, true
		}
		if path, ok := ix.PackagePath(first, r.imports); ok {
			return r.pkg(path), true
		}
		if m, ok := ix.Lookup(docindex.BuiltinPath, first); ok {
			return r.member(m), true
		}
	case isUser && len(chain) == 2:
		return r.userMember(sym, last)
	case isUser:
		return r.fieldMember(sym, chain[1], last)
	default:
		path, ok := ix.PackagePath(first, r.imports)
		if !ok {
			return description{}, false
		}
		if m, ok := ix.Lookup(path, strings.Join(chain[1:], ".")); ok {
			return r.member(m), true
		}
	}
	return description{}, false
}

func (r resolver) userSymbol(name string) (symtab.Symbol, bool) {
	for i := len(r.env.Symbols) - 1; i >= 0; i-- { // the latest declaration wins
		if s := r.env.Symbols[i]; s.Name == name && s.Kind != symtab.KindImport {
			return s, true
		}
	}
	return symtab.Symbol{}, false
}

// user describes a name the user declared: its declaration, type, current
// value and members, plus the library docs of its type when it has one.
func (r resolver) user(s symtab.Symbol) description {
	d := description{code: s.Decl}
	if d.code == "" {
		d.code = strings.TrimSpace(s.Kind + " " + s.Name + " " + s.Type)
	}
	if s.Type != "" && !strings.Contains(d.code, s.Type) {
		d.facts = append(d.facts, "type: "+s.Type)
	}
	if s.Value != "" {
		d.facts = append(d.facts, "value: "+s.Value)
	}
	for _, m := range s.Members {
		d.listing = append(d.listing, memberLine(m))
	}
	if len(d.listing) > 0 {
		d.heading = "Fields and methods"
	}
	if _, t, ok := r.env.Index.NamedType(s.Type, r.imports); ok && s.Kind != symtab.KindFunc {
		d.doc = t.Doc
		if len(d.listing) == 0 {
			d.heading, d.listing = typeListing(t, r.detail)
		}
	}
	return d
}

// memberLine spells a symtab member as Go: "X int", "Dist() float64".
func memberLine(m symtab.Member) string {
	if m.Kind == symtab.MemberMethod {
		return m.Name + strings.TrimPrefix(m.Signature, "func")
	}
	return m.Name + " " + m.Signature
}

// userMember describes v.name for a user value v.
func (r resolver) userMember(s symtab.Symbol, name string) (description, bool) {
	_, t, typed := r.env.Index.NamedType(s.Type, r.imports)
	if typed {
		if m, ok := t.Child(name); ok {
			return r.member(m), true
		}
	}
	members := s.Members
	if t, ok := r.userSymbol(strings.TrimPrefix(strings.TrimLeft(s.Type, "*"), "main.")); ok && len(members) == 0 && t.Kind == symtab.KindType {
		members = t.Members // a var of the user's type: the type lists them
	}
	for _, m := range members {
		if m.Name == name {
			return description{code: memberLine(m), facts: []string{m.Kind + " of " + s.Name}}, true
		}
	}
	return description{}, false
}

// fieldMember describes v.field.name when the field's type is a
// documented library type, as in req.URL.Host.
func (r resolver) fieldMember(s symtab.Symbol, field, name string) (description, bool) {
	ix := r.env.Index
	typ := ""
	for _, m := range s.Members {
		if m.Name == field && m.Kind == symtab.MemberField {
			typ = m.Signature
		}
	}
	if _, t, ok := ix.NamedType(s.Type, r.imports); ok && typ == "" {
		if f, ok := t.Child(field); ok && f.Kind == docindex.KindField {
			typ = strings.TrimPrefix(f.Signature, f.Name+" ")
		}
	}
	if _, t, ok := ix.NamedType(typ, r.imports); ok {
		if m, ok := t.Child(name); ok {
			return r.member(m), true
		}
	}
	return description{}, false
}

// member describes a documented package member, method or field.
func (r resolver) member(m docindex.Member) description {
	d := description{code: m.Signature, doc: m.Doc}
	if m.Kind == docindex.KindType {
		d.heading, d.listing = typeListing(m, r.detail)
	}
	return d
}

// typeListing lists a type's methods: signatures, plus their doc's first
// sentence when detail > 0. Struct fields are already in the declaration.
func typeListing(t docindex.Member, detail int) (string, []string) {
	var lines []string
	for _, m := range t.Methods {
		line := m.Signature
		if detail > 0 && m.Doc != "" {
			line += "\n    " + firstSentence(m.Doc)
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return "", nil
	}
	return "Methods", lines
}

// pkg describes a package: its import line and synopsis, and its names
// (with signatures when detail > 0).
func (r resolver) pkg(path string) description {
	p, _ := r.env.Index.Package(path)
	d := description{code: fmt.Sprintf("package %s // import %q", p.Name, p.Path), doc: p.Doc}
	if r.detail > 0 {
		d.heading = "Names"
		for _, m := range p.Members {
			d.listing = append(d.listing, firstLine(m.Signature))
		}
		return d
	}
	names := make([]string, 0, len(p.Members))
	for _, m := range p.Members {
		names = append(names, m.Name)
	}
	if len(names) > 0 {
		d.heading = "Names"
		d.listing = []string{strings.Join(names, ", ")}
	}
	return d
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func firstSentence(s string) string {
	s = firstLine(s)
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// text renders d as text/plain.
func (d description) text() string {
	parts := []string{d.code}
	if len(d.facts) > 0 {
		parts = append(parts, strings.Join(d.facts, "\n"))
	}
	if d.doc != "" {
		parts = append(parts, d.doc)
	}
	if len(d.listing) > 0 {
		parts = append(parts, d.heading+":\n"+strings.Join(d.listing, "\n"))
	}
	return strings.Join(parts, "\n\n")
}

// markdown renders d as text/markdown: code in Go-highlighted blocks.
func (d description) markdown() string {
	parts := []string{"```go\n" + d.code + "\n```"}
	for _, f := range d.facts {
		k, v, ok := strings.Cut(f, ": ")
		if !ok || k == "note" { // prose, not a Go value
			parts = append(parts, "*"+strings.TrimPrefix(f, "note: ")+"*")
			continue
		}
		parts = append(parts, "**"+k+"**: `"+strings.ReplaceAll(v, "`", "'")+"`")
	}
	if d.doc != "" {
		parts = append(parts, d.doc)
	}
	if len(d.listing) > 0 {
		parts = append(parts, "**"+d.heading+"**\n\n```go\n"+strings.Join(d.listing, "\n")+"\n```")
	}
	return strings.Join(parts, "\n\n")
}
