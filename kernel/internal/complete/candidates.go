package complete

import (
	"go/token"
	"strings"

	"golessons/kernel/internal/docindex"
	"golessons/kernel/internal/symtab"
)

// jupyterType maps docindex kinds, and the symtab kinds that share their
// spelling ("func", "var", "field", ...), to the type names JupyterLab shows
// next to a completion.
var jupyterType = map[string]string{
	docindex.KindFunc:   "function",
	docindex.KindVar:    "variable",
	docindex.KindConst:  "constant",
	docindex.KindType:   "type",
	docindex.KindMethod: "method",
	docindex.KindField:  "field",
	symtab.KindImport:   "module",
}

// userSymbol returns the user's non-import symbol called name.
func (c completer) userSymbol(name string) (symtab.Symbol, bool) {
	for i := len(c.env.Symbols) - 1; i >= 0; i-- { // the latest declaration wins
		if s := c.env.Symbols[i]; s.Name == name && s.Kind != symtab.KindImport {
			return s, true
		}
	}
	return symtab.Symbol{}, false
}

// members lists what may follow `a.b.`: for a user value its fields and
// methods (the user's names shadow packages, as in Go), for a package its
// exported names, for pkg.Type the type's methods, and for v.Field the
// members of the field's type when that type is known.
func (c completer) members(chain []string) []Match {
	ix := c.env.Index
	s, isUser := c.userSymbol(chain[0])
	switch {
	case isUser && len(chain) == 1:
		out := symbolMembers(s.Members)
		if len(out) == 0 {
			out = c.typeMembers(s.Type)
		}
		return out
	case isUser && len(chain) == 2:
		for _, m := range s.Members {
			if m.Name == chain[1] && m.Kind == symtab.MemberField {
				return c.typeMembers(m.Signature)
			}
		}
		if _, t, ok := ix.NamedType(s.Type, c.imports); ok {
			if f, ok := t.Child(chain[1]); ok && f.Kind == docindex.KindField {
				return c.typeMembers(fieldType(f))
			}
		}
		return nil
	case isUser || len(chain) > 2:
		return nil
	}
	path, ok := ix.PackagePath(chain[0], c.imports)
	if !ok {
		return nil
	}
	if len(chain) == 2 { // pkg.Type. lists method expressions
		if t, ok := ix.Lookup(path, chain[1]); ok && t.Kind == docindex.KindType {
			return docMembers(t.Methods)
		}
		return nil
	}
	p, _ := ix.Package(path)
	return docMembers(p.Members) // already sorted by name
}

func symbolMembers(ms []symtab.Member) []Match {
	var out []Match
	for _, m := range ms {
		out = append(out, Match{Text: m.Name, Type: jupyterType[m.Kind], Signature: m.Signature})
	}
	sortGroup(out)
	return out
}

func docMembers(ms []docindex.Member) []Match {
	out := make([]Match, 0, len(ms))
	for _, m := range ms {
		out = append(out, Match{Text: m.Name, Type: jupyterType[m.Kind], Signature: m.Signature})
	}
	return out
}

// fieldType returns the type of a documented field from its signature
// "Name Type" (embedded fields are spelled as just the type).
func fieldType(f docindex.Member) string {
	if rest, ok := strings.CutPrefix(f.Signature, f.Name+" "); ok {
		return rest
	}
	return f.Signature
}

// typeMembers lists the fields and methods of a type written as Go, such
// as "*strings.Builder", "*url.URL" or "main.Point": library types from the
// index, the user's own types from their symbols.
func (c completer) typeMembers(typ string) []Match {
	if _, t, ok := c.env.Index.NamedType(typ, c.imports); ok {
		out := libraryTypeMembers(t)
		sortGroup(out)
		return out
	}
	name := strings.TrimPrefix(strings.TrimLeft(typ, "*"), "main.")
	if s, ok := c.userSymbol(name); ok && s.Kind == symtab.KindType {
		return symbolMembers(s.Members)
	}
	return nil
}

// libraryTypeMembers lists a documented type's fields and methods.
func libraryTypeMembers(t docindex.Member) []Match {
	var out []Match
	for _, f := range t.Fields {
		out = append(out, Match{Text: f.Name, Type: "field", Signature: f.Signature})
	}
	for _, m := range t.Methods {
		out = append(out, Match{Text: m.Name, Type: "method", Signature: m.Signature})
	}
	return out
}

// bare lists every name a bare identifier may start, in the order shown:
// the user's names (from earlier cells, then from this one), imported
// packages, importable packages, builtins, keywords. A name listed in an
// earlier group is not repeated.
func (c completer) bare(local []Match) []Match {
	ix := c.env.Index
	seen := map[string]bool{}
	var out []Match
	add := func(group []Match) {
		sortGroup(group)
		for _, m := range group {
			if !seen[m.Text] {
				seen[m.Text] = true
				out = append(out, m)
			}
		}
	}
	var user, imported, pkgs, builtins, keywords []Match
	for _, s := range c.env.Symbols {
		if s.Kind == symtab.KindImport {
			continue
		}
		sig := s.Decl
		if s.Kind == symtab.KindVar || sig == "" {
			sig = s.Type
		}
		user = append(user, Match{Text: s.Name, Type: jupyterType[s.Kind], Signature: sig})
	}
	for name, path := range c.imports {
		imported = append(imported, Match{Text: name, Type: "module", Signature: `import "` + path + `"`})
	}
	for _, name := range ix.PackageNames() {
		pkgs = append(pkgs, Match{Text: name, Type: "module", Signature: `import "` + ix.PathsByName(name)[0] + `"`})
	}
	if b, ok := ix.Package(docindex.BuiltinPath); ok {
		for _, m := range b.Members {
			builtins = append(builtins, Match{Text: m.Name, Type: jupyterType[m.Kind], Signature: m.Signature})
		}
	}
	for tok := token.BREAK; tok <= token.VAR; tok++ {
		if tok.IsKeyword() {
			keywords = append(keywords, Match{Text: tok.String(), Type: "keyword"})
		}
	}
	for _, g := range [][]Match{user, local, imported, pkgs, builtins, keywords} {
		add(g)
	}
	return out
}

// paths lists the importable package paths starting with prefix, for
// completion inside `import "...`.
func (c completer) paths(prefix string) []Match {
	var out []Match
	for _, p := range c.env.Index.Packages() {
		if strings.HasPrefix(p, prefix) {
			out = append(out, Match{Text: p, Type: "module"})
		}
	}
	return out
}
