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

// members lists what may follow `x.`: a user value's fields and methods
// (the user's name shadows a package), else a package's exported names.
func (c completer) members(x string) []Match {
	ix := c.env.Index
	if s, ok := c.userSymbol(x); ok {
		var out []Match
		for _, m := range s.Members {
			out = append(out, Match{Text: m.Name, Type: jupyterType[m.Kind], Signature: m.Signature})
		}
		if len(out) == 0 {
			if _, t, ok := ix.NamedType(s.Type, c.imports); ok {
				out = typeMembers(t)
			}
		}
		sortGroup(out)
		return out
	}
	path, ok := ix.PackagePath(x, c.imports)
	if !ok {
		return nil
	}
	p, _ := ix.Package(path)
	out := make([]Match, 0, len(p.Members))
	for _, m := range p.Members {
		out = append(out, Match{Text: m.Name, Type: jupyterType[m.Kind], Signature: m.Signature})
	}
	return out // already sorted by name
}

// typeMembers lists a documented type's fields then methods.
func typeMembers(t docindex.Member) []Match {
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
// the user's names, imported packages, importable packages, builtins,
// keywords. A name listed in an earlier group is not repeated.
func (c completer) bare() []Match {
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
	for _, g := range [][]Match{user, imported, pkgs, builtins, keywords} {
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
