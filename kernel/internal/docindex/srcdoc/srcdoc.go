// Package srcdoc adds to the documentation index, at run time, the
// packages cells import from Go modules: their source in the module cache
// is parsed with the same extractor the build-time index uses, so Tab
// completion and Shift-Tab docs cover them. It never downloads anything.
package srcdoc

import (
	"os"
	"sort"
	"strings"
	"sync"

	"golessons/kernel/internal/docindex"
	"golessons/kernel/internal/docindex/internal/extract"
	"golessons/kernel/internal/modules"
)

// ModulesList documents the compiled golessons/modules package the
// evaluator gives cells (see eval/modules.go).
var ModulesList = docindex.Package{
	Path: "golessons/modules",
	Name: "modules",
	Doc:  "Package modules lists the Go modules this kernel's cells imported.",
	Members: []docindex.Member{
		{Name: "List", Kind: docindex.KindFunc, Signature: "func List() List",
			Doc: "List returns the modules in use, one \"path version\" line each, with the go.mod that pinned a version."},
		{Name: "Module", Kind: docindex.KindType, Signature: "type Module struct {\n\tPath, Version string\n\tDir string\n\tFrom string\n\tPinned string\n}",
			Doc: "Module is one module version: where its source is, where it came from (a proxy URL or \"cache\"), and the go.mod that pinned it."},
	},
}

// Docs keeps the packages parsed so far; the zero value is not usable,
// use New.
type Docs struct {
	mu      sync.Mutex
	fetcher *modules.Fetcher // nil when the environment has no usable module cache
	parsed  map[string]*docindex.Package
	last    struct {
		key string
		ix  *docindex.Index
	}
}

// New reads the module settings as the runner does: environment, and the
// go.mod of the working folder (the notebook's) or of packagesDir.
func New(packagesDir string) *Docs {
	d := &Docs{parsed: map[string]*docindex.Package{}}
	wd, _ := os.Getwd()
	if cfg, err := modules.FromEnv(wd, packagesDir); err == nil {
		d.fetcher = modules.NewFetcher(cfg)
	}
	return d
}

// Index returns base plus golessons/modules and the module packages among
// imports (name → import path) that the cache holds. The result is reused
// while the set of module imports stays the same.
func (d *Docs) Index(base *docindex.Index, imports map[string]string) *docindex.Index {
	var paths []string
	for _, p := range imports {
		if _, ok := base.Package(p); !ok && modules.IsModulePath(p) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	key := strings.Join(paths, "\n")
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.last.ix != nil && d.last.key == key {
		return d.last.ix
	}
	extra := []docindex.Package{ModulesList}
	for _, p := range paths {
		if pkg := d.parse(p); pkg != nil {
			extra = append(extra, *pkg)
		}
	}
	ix := base.With(extra...)
	d.last.key, d.last.ix = key, ix
	return ix
}

// parse documents importPath from the cache, remembering misses too (a
// module not yet fetched is tried again at the next new import set).
func (d *Docs) parse(importPath string) *docindex.Package {
	if pkg, ok := d.parsed[importPath]; ok && pkg != nil {
		return pkg
	}
	if d.fetcher == nil {
		return nil
	}
	_, dir, ok := d.fetcher.CachedPackage(importPath)
	if !ok {
		return nil
	}
	pkg, err := extract.Dir(dir, importPath, extract.Options{})
	if err != nil {
		return nil
	}
	d.parsed[importPath] = &pkg
	return &pkg
}

// Default is the Docs of this process's environment (GOLESSONS_PACKAGES
// for the teacher's go.mod), made on first use.
var Default = sync.OnceValue(func() *Docs { return New(os.Getenv("GOLESSONS_PACKAGES")) })
