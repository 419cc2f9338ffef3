package extract

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"golessons/kernel/internal/docindex"
)

// RepoPackages are the repository's own packages importable in cells, by
// import path → directory relative to the module root.
var RepoPackages = map[string]string{
	"golessons/demos":      "demos",
	"golessons/display":    "display",
	"golessons/goroutines": "goroutines",
	"golessons/widgets":    "widgets",
}

// GenericPackages have empty yaegi symbol tables (generic functions cannot
// be extracted); the kernel interprets sources of its own for them.
var GenericPackages = []string{"slices", "maps", "cmp"}

// Repo documents the packages of [RepoPackages] and the kernel's sources
// for [GenericPackages] found under the module root; a package that does
// not exist (yet) is skipped.
func Repo(root string) ([]docindex.Package, error) {
	var out []docindex.Package
	for path, dir := range RepoPackages {
		p, err := Dir(filepath.Join(root, dir), path, Options{})
		if errors.Is(err, ErrNoGo) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	for path, dir := range findGeneric(root) {
		p, err := Dir(dir, path, Options{AnyBuildTags: true})
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// findGeneric looks under root for the sources the kernel embeds for
// slices, maps and cmp: directories named after them holding .go files of
// that package.
func findGeneric(root string) map[string]string {
	found := map[string]string{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil // unreadable corners cannot hold what we look for
		}
		switch d.Name() {
		case ".git", "node_modules", "build", "notebooks", "docindex":
			return filepath.SkipDir
		}
		if slices.Contains(GenericPackages, d.Name()) && declaresPackage(p, d.Name()) {
			found[d.Name()] = p
		}
		return nil
	})
	return found
}

// declaresPackage reports whether a non-test .go file in dir is in package
// name.
func declaresPackage(dir, name string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		pf, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.PackageClauseOnly)
		if err == nil && pf.Name.Name == name {
			return true
		}
	}
	return false
}
