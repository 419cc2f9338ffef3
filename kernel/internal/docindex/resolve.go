package docindex

import (
	"sort"
	"strings"
)

// PackageNames returns the distinct names of the importable packages
// ("fmt", "http", "rand", ...), sorted.
func (ix *Index) PackageNames() []string {
	names := make([]string, 0, len(ix.byName))
	for n := range ix.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// PackagePath returns the import path a cell means by the identifier name
// in pkg.X: the path imported under that name if imports (name → path) has
// it, else the preferred importable package with that name, so `strings.`
// resolves before the cell imports strings.
func (ix *Index) PackagePath(name string, imports map[string]string) (string, bool) {
	if p, ok := imports[name]; ok {
		_, known := ix.pkgs[p]
		return p, known
	}
	if ps := ix.byName[name]; len(ps) > 0 {
		return ps[0], true
	}
	return "", false
}

// NamedType resolves a type as the interpreter prints it ("strings.Builder",
// "*http.Request") to its documentation, for values whose members the
// evaluator did not list. Unnamed types ([]int, map[..]..) are not found.
func (ix *Index) NamedType(typ string, imports map[string]string) (path string, m Member, ok bool) {
	typ = strings.TrimLeft(typ, "*")
	qual, name, found := strings.Cut(typ, ".")
	if !found || strings.ContainsAny(name, ".[]{}() ") {
		return "", Member{}, false
	}
	path, ok = ix.PackagePath(qual, imports)
	if !ok {
		return "", Member{}, false
	}
	m, ok = ix.Lookup(path, name)
	if !ok || m.Kind != KindType {
		return "", Member{}, false
	}
	return path, m, true
}
