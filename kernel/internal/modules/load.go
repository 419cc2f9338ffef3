package modules

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// Loader turns import paths into checked packages of cached modules, for
// one interpreter. It is not safe for concurrent use.
type Loader struct {
	f *Fetcher
	// known reports the packages the interpreter has without source
	// (standard library, compiled-in packages).
	known func(importPath string) bool
	mods  map[string]Module // module path → the version in use
	order []string          // module paths in load order
	// required is the highest version each loaded go.mod requires, the
	// version a dependency is loaded at (minimal version selection).
	required map[string]string
	pkgs     map[string]string // import path checked (or being checked) → its module path
	ctx      build.Context
}

// NewLoader returns a Loader fetching with f; known reports the import
// paths the interpreter provides itself.
func NewLoader(f *Fetcher, known func(string) bool) *Loader {
	ctx := build.Default
	ctx.CgoEnabled = false
	// purego selects the pure-Go fallback of packages that also have
	// assembly (golang.org/x/crypto and others follow this convention).
	ctx.BuildTags = []string{"purego"}
	return &Loader{f: f, known: known, mods: map[string]Module{}, required: map[string]string{},
		pkgs: map[string]string{}, ctx: ctx}
}

// IsModulePath reports whether an import path belongs to a module (its
// first element has a dot, as "golang.org/x/sync/errgroup").
func IsModulePath(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return strings.Contains(first, ".")
}

// Modules lists the modules in use, in load order.
func (l *Loader) Modules() []Module {
	out := make([]Module, 0, len(l.order))
	for _, p := range l.order {
		out = append(out, l.mods[p])
	}
	return out
}

// Import makes importPath and the module packages it imports available,
// returning the modules it started using (so the caller can say which
// were fetched). The error names the package and why it cannot be used.
func (l *Loader) Import(ctx context.Context, importPath string) ([]Module, error) {
	n := len(l.order)
	err := l.load(ctx, importPath, nil)
	var added []Module
	for _, p := range l.order[n:] {
		added = append(added, l.mods[p])
	}
	return added, err
}

func (l *Loader) load(ctx context.Context, importPath string, stack []string) error {
	if mp, ok := l.pkgs[importPath]; ok {
		return l.outdated(mp)
	}
	l.pkgs[importPath] = "" // an import cycle is the interpreter's to report
	m, dir, err := l.find(ctx, importPath)
	if err == nil {
		l.pkgs[importPath] = m.Path
		err = l.check(ctx, importPath, m, dir, append(stack, importPath))
	}
	if err != nil {
		// Not remembered: the network may be back at the next try.
		delete(l.pkgs, importPath)
	}
	return err
}

// find returns the module providing importPath and the package's folder,
// looking, longest module path first, at: the modules in use; the
// versions a loaded go.mod or the pins require; the caches; the proxy.
func (l *Loader) find(ctx context.Context, importPath string) (Module, string, error) {
	prefixes := modulePrefixes(importPath)
	for _, p := range prefixes {
		if m, ok := l.mods[p]; ok {
			if err := l.outdated(p); err != nil {
				return Module{}, "", err
			}
			if dir, ok := pkgDir(m, importPath); ok {
				return m, dir, nil
			}
		}
	}
	for _, p := range prefixes {
		version := l.required[p]
		if v, ok := l.f.cfg.Pins[p]; ok && version == "" {
			version = v
		}
		if version == "" || l.mods[p].Path != "" {
			continue
		}
		m, err := l.f.Get(ctx, p, version)
		if err != nil {
			return Module{}, "", err
		}
		if l.f.cfg.Pins[p] == version {
			m.Pinned = l.f.cfg.PinFile
		}
		if dir, ok := pkgDir(m, importPath); ok {
			l.use(m)
			return m, dir, nil
		}
	}
	for _, p := range prefixes {
		if m, ok := l.f.newestCached(p); ok && l.mods[p].Path == "" {
			if dir, ok := pkgDir(m, importPath); ok {
				l.use(m)
				return m, dir, nil
			}
		}
	}
	var missing []string // module paths that exist but lack the folder
	for _, p := range prefixes {
		if l.mods[p].Path != "" {
			missing = append(missing, fmt.Sprintf("module %s %s (in use) has no folder %s", p, l.mods[p].Version, strings.TrimPrefix(importPath, p+"/")))
			continue
		}
		m, err := l.f.Get(ctx, p, "latest")
		var se *statusError
		if errors.Is(err, errNotFound) || errors.As(err, &se) {
			continue // not a module path: a shorter prefix may be
		}
		if err != nil {
			return Module{}, "", err
		}
		dir, ok := pkgDir(m, importPath)
		if !ok {
			missing = append(missing, fmt.Sprintf("module %s %s has no folder %s", m.Path, m.Version, strings.TrimPrefix(importPath, p+"/")))
			continue
		}
		l.use(m)
		return m, dir, nil
	}
	msg := fmt.Sprintf("no module provides package %s (GOPROXY=%s)", importPath, l.f.cfg.ProxySetting)
	if len(missing) > 0 {
		msg += ": " + strings.Join(missing, "; ")
	}
	return Module{}, "", &NoModuleError{msg}
}

// NoModuleError says that no module version provides a package.
type NoModuleError struct{ msg string }

func (e *NoModuleError) Error() string { return e.msg }

// outdated reports a module in use at a lower version than a module
// loaded since requires. yaegi cannot unload a package: say so rather than
// run code against an older API than it was written for.
func (l *Loader) outdated(modPath string) error {
	m, ok := l.mods[modPath]
	if need := l.required[modPath]; ok && need != "" && semver.Compare(need, m.Version) > 0 {
		return fmt.Errorf("module %s %s is already loaded in this kernel, but a module loaded since requires %s: restart the kernel to load %s (or pin it in go.mod)", modPath, m.Version, need, need)
	}
	return nil
}

// use records m as in use and raises the requirements by its go.mod.
func (l *Loader) use(m Module) {
	l.mods[m.Path] = m
	l.order = append(l.order, m.Path)
	data, err := os.ReadFile(filepath.Join(m.Dir, "go.mod"))
	if err != nil {
		return // a module without go.mod requires nothing
	}
	f, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return
	}
	for _, r := range f.Require {
		if cur := l.required[r.Mod.Path]; cur == "" || semver.Compare(r.Mod.Version, cur) > 0 {
			l.required[r.Mod.Path] = r.Mod.Version
		}
	}
	for p, v := range l.f.cfg.Pins {
		if cur := l.required[p]; cur == "" || semver.Compare(v, cur) > 0 {
			l.required[p] = v
		}
	}
}

// modulePrefixes lists the candidate module paths of importPath, longest first.
func modulePrefixes(importPath string) []string {
	var out []string
	for p := importPath; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if module.CheckPath(p) == nil {
			out = append(out, p)
		}
	}
	return out
}

// pkgDir is importPath's folder inside m.
func pkgDir(m Module, importPath string) (string, bool) {
	rel := strings.TrimPrefix(strings.TrimPrefix(importPath, m.Path), "/")
	dir := filepath.Join(m.Dir, filepath.FromSlash(rel))
	fi, err := os.Stat(dir)
	return dir, err == nil && fi.IsDir()
}

// check refuses what the interpreter cannot run, naming the package and
// the reason, and loads the module packages it imports.
func (l *Loader) check(ctx context.Context, importPath string, m Module, dir string, stack []string) error {
	where := fmt.Sprintf("package %s (module %s)", importPath, m)
	files, err := l.goFiles(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if len(files) == 0 {
		if bp, _ := l.ctx.ImportDir(dir, 0); bp != nil && len(bp.CgoFiles)+len(bp.IgnoredGoFiles) > 0 {
			return fmt.Errorf("%s cannot be interpreted: it needs cgo (C code), which the interpreter does not have", where)
		}
		return fmt.Errorf("%s has no Go files for %s/%s", where, l.ctx.GOOS, l.ctx.GOARCH)
	}
	imports := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body == nil {
				how := "it is written in assembly and the package has no pure-Go version of it"
				if hasLinkname(f, fd.Name.Name) {
					how = "it is linked to the Go runtime's internals with //go:linkname"
				}
				return fmt.Errorf("%s cannot be interpreted: func %s in %s has no Go body (%s)", where, fd.Name.Name, name, how)
			}
		}
		for _, s := range f.Imports {
			p, _ := strconv.Unquote(s.Path.Value)
			imports[p] = true
		}
	}
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		switch {
		case p == "C":
			return fmt.Errorf("%s cannot be interpreted: it needs cgo (import \"C\")", where)
		case p == "unsafe" && !l.known(p):
			return fmt.Errorf("%s cannot be interpreted: it uses package unsafe (pointer arithmetic and memory layout tricks), which the interpreter does not run", where)
		case l.known(p):
		case IsModulePath(p):
			if err := l.load(ctx, p, stack); err != nil {
				return fmt.Errorf("%s imports %s: %w", where, p, err)
			}
		default:
			return fmt.Errorf("%s cannot be interpreted: it imports %q, a package the interpreter does not provide", where, p)
		}
	}
	return nil
}

// goFiles lists the package's non-test Go files that match the build
// constraints (//go:build lines, _GOOS/_GOARCH names, purego, no cgo).
func (l *Loader) goFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		if ok, err := l.ctx.MatchFile(dir, n); err == nil && ok {
			out = append(out, n)
		}
	}
	return out, nil
}

// hasLinkname reports whether f has a //go:linkname directive for name.
func hasLinkname(f *ast.File, name string) bool {
	for _, g := range f.Comments {
		for _, c := range g.List {
			if fields := strings.Fields(c.Text); len(fields) >= 2 && fields[0] == "//go:linkname" && fields[1] == name {
				return true
			}
		}
	}
	return false
}
