package docindex

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/gob"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Kinds of [Member].
const (
	KindFunc   = "func"
	KindType   = "type"
	KindVar    = "var"
	KindConst  = "const"
	KindMethod = "method"
	KindField  = "field"
)

// BuiltinPath is the pseudo-package holding Go's predeclared identifiers
// (len, append, int, error, nil...). It is in the index for inspection but is
// not importable, so [Index.Packages] leaves it out.
const BuiltinPath = "builtin"

// Member is one documented name: a package-level func, type, var or const,
// or a method or struct field of a type.
type Member struct {
	Name      string
	Kind      string
	Signature string // Go source, e.g. "func Println(a ...any) (n int, err error)"
	Doc       string
	Methods   []Member // types only, sorted by name
	Fields    []Member // struct types only, in declaration order
}

// Package is the documentation of one importable package.
type Package struct {
	Path    string   // import path, e.g. "net/http"
	Name    string   // package name, e.g. "http"
	Doc     string   // package synopsis
	Members []Member // sorted by name
}

// File is the encoded form of the index (gzipped gob, which decodes about
// four times faster than JSON: the first completion waits for it); the
// generator writes it.
type File struct {
	Packages []Package // sorted by path
}

// Index is a decoded, read-only documentation index.
type Index struct {
	pkgs   map[string]*Package
	paths  []string            // importable paths, sorted
	byName map[string][]string // package name → import paths, preferred first
	// members maps path → name → position in Package.Members.
	members map[string]map[string]int
}

//go:embed index.gob.gz
var embedded []byte

// load decodes the embedded index once; later calls share the result.
var load = sync.OnceValues(func() (*Index, error) { return Decode(bytes.NewReader(embedded)) })

// Load returns the embedded index, decoding it on first use. If the embedded
// data were corrupt (a build mistake) it returns an empty index, so
// completion degrades instead of failing the kernel; [LoadErr] reports why.
func Load() *Index {
	ix, err := load()
	if err != nil {
		return New(nil)
	}
	return ix
}

// LoadErr reports whether the embedded index failed to decode.
func LoadErr() error {
	_, err := load()
	return err
}

// Decode reads a gzipped gob [File].
func Decode(r io.Reader) (*Index, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("open doc index: %w", err)
	}
	var f File
	if err := gob.NewDecoder(zr).Decode(&f); err != nil {
		return nil, fmt.Errorf("decode doc index: %w", err)
	}
	return New(f.Packages), nil
}

// Encode writes pkgs as a gzipped gob [File], sorted so that the output is
// reproducible.
func Encode(w io.Writer, pkgs []Package) error {
	sorted := append([]Package(nil), pkgs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(zw).Encode(File{Packages: sorted}); err != nil {
		return fmt.Errorf("encode doc index: %w", err)
	}
	return zw.Close()
}

// New builds an index from packages (used by Decode and by tests).
func New(pkgs []Package) *Index {
	ix := &Index{
		pkgs:    make(map[string]*Package, len(pkgs)),
		byName:  make(map[string][]string),
		members: make(map[string]map[string]int, len(pkgs)),
	}
	for i := range pkgs {
		p := &pkgs[i]
		ix.pkgs[p.Path] = p
		names := make(map[string]int, len(p.Members))
		for j, m := range p.Members {
			names[m.Name] = j
		}
		ix.members[p.Path] = names
		if p.Path == BuiltinPath {
			continue
		}
		ix.paths = append(ix.paths, p.Path)
		ix.byName[p.Name] = append(ix.byName[p.Name], p.Path)
	}
	sort.Strings(ix.paths)
	for _, paths := range ix.byName {
		sort.Slice(paths, func(i, j int) bool { return preferPath(paths[i], paths[j]) })
	}
	return ix
}

// preferPath orders paths sharing a package name: the shorter path first
// (math/rand before math/rand/v2 and crypto/rand), then text/ before html/
// for template, then alphabetically. A cell that has not imported either
// most likely means the more basic one.
func preferPath(a, b string) bool {
	if strings.Count(a, "/") != strings.Count(b, "/") {
		return strings.Count(a, "/") < strings.Count(b, "/")
	}
	if strings.HasPrefix(a, "text/") != strings.HasPrefix(b, "text/") {
		return strings.HasPrefix(a, "text/")
	}
	if strings.HasPrefix(a, "math/") != strings.HasPrefix(b, "math/") {
		return strings.HasPrefix(a, "math/")
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// Packages returns the importable package paths, sorted.
func (ix *Index) Packages() []string { return ix.paths }

// Package returns the documentation of the package with import path path
// (or [BuiltinPath]).
func (ix *Index) Package(path string) (*Package, bool) {
	p, ok := ix.pkgs[path]
	return p, ok
}

// PathsByName returns the import paths whose package name is name, the one
// a bare name most likely means first (e.g. "rand" → math/rand, ...).
func (ix *Index) PathsByName(name string) []string { return ix.byName[name] }

// Lookup returns member name of package path. name may be "Type.Method" or
// "Type.Field" to reach a method or a struct field.
func (ix *Index) Lookup(path, name string) (Member, bool) {
	names, ok := ix.members[path]
	if !ok {
		return Member{}, false
	}
	typ, sub, hasSub := strings.Cut(name, ".")
	i, ok := names[typ]
	if !ok {
		return Member{}, false
	}
	m := ix.pkgs[path].Members[i]
	if !hasSub {
		return m, true
	}
	return m.Child(sub)
}

// Child returns the method or field name of a type member.
func (m Member) Child(name string) (Member, bool) {
	i := sort.Search(len(m.Methods), func(i int) bool { return m.Methods[i].Name >= name })
	if i < len(m.Methods) && m.Methods[i].Name == name {
		return m.Methods[i], true
	}
	for _, f := range m.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Member{}, false
}

// With returns an index holding ix's packages and pkgs (which replace
// packages of the same path); ix is unchanged.
func (ix *Index) With(pkgs ...Package) *Index {
	if len(pkgs) == 0 {
		return ix
	}
	all := make([]Package, 0, len(ix.pkgs)+len(pkgs))
	extra := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		extra[p.Path] = true
	}
	for path, p := range ix.pkgs {
		if !extra[path] {
			all = append(all, *p)
		}
	}
	return New(append(all, pkgs...))
}
