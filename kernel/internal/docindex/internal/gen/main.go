// Command gen writes the embedded documentation index of package docindex.
// It documents, from GOROOT's sources, the standard-library names that
// yaegi's stdlib.Symbols exports (Go 1.22 API), the generic packages slices,
// maps and cmp as of Go 1.22, the builtin pseudo-package, and the
// repository's demos and display packages.
//
// Run it with `go generate ./kernel/internal/docindex`.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/stdlib"

	"golessons/kernel/internal/docindex"
	"golessons/kernel/internal/docindex/internal/extract"
)

// genericPkgs have empty yaegi symbol tables (generic functions cannot be
// extracted); the kernel makes them importable from source, so their names
// come from Go's API files instead.
var genericPkgs = []string{"slices", "maps", "cmp"}

// apiVersion is the Go release yaegi v0.16.1's symbols describe.
const apiVersion = 22

func main() {
	root := flag.String("root", ".", "module root (holds demos/ and display/)")
	out := flag.String("out", "index.gob.gz", "output file")
	generic := flag.String("generic", "", "directory holding the interpreted sources of slices, maps and cmp (default: found under -root, else GOROOT)")
	flag.Parse()
	if err := run(*root, *out, *generic); err != nil {
		log.Fatal(err)
	}
}

func run(root, out, genericDir string) error {
	goroot := build.Default.GOROOT
	src := filepath.Join(goroot, "src")
	var pkgs []docindex.Package
	for key, syms := range stdlib.Symbols {
		path := key[:max(strings.LastIndex(key, "/"), 0)]
		if path == "" || strings.HasPrefix(path, "github.com/") || slices.Contains(genericPkgs, path) {
			continue
		}
		names := make(map[string]bool, len(syms))
		for name := range syms {
			if !strings.HasPrefix(name, "_") {
				names[name] = true
			}
		}
		p, err := extract.Dir(filepath.Join(src, path), path, extract.Options{Keep: func(n string) bool { return names[n] }})
		if errors.Is(err, extract.ErrNoGo) {
			log.Printf("skip %s: %v", path, err)
			continue
		}
		if err != nil {
			return err
		}
		pkgs = append(pkgs, p)
	}
	api, err := goAPI(filepath.Join(goroot, "api"), genericPkgs)
	if err != nil {
		return err
	}
	found := findGeneric(root, genericDir)
	for _, path := range genericPkgs {
		dir, opts := filepath.Join(src, path), extract.Options{Keep: func(n string) bool { return api[path][n] }}
		if d, ok := found[path]; ok {
			// The kernel interprets these sources: document exactly them.
			dir, opts = d, extract.Options{AnyBuildTags: true}
			log.Printf("%s: documenting %s", path, d)
		}
		p, err := extract.Dir(dir, path, opts)
		if err != nil {
			return err
		}
		pkgs = append(pkgs, p)
	}
	builtin, err := extract.Dir(filepath.Join(src, "builtin"), docindex.BuiltinPath, extract.Options{AllDecls: true, Keep: func(n string) bool { return !ast.IsExported(n) }})
	if err != nil {
		return err
	}
	repo, err := extract.Repo(root)
	if err != nil {
		return err
	}
	pkgs = append(append(pkgs, builtin), repo...)
	var buf bytes.Buffer
	if err := docindex.Encode(&buf, pkgs); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// findGeneric looks for the sources the kernel embeds for slices, maps
// and cmp: directories named after them holding .go files of that package,
// in dir if given, else anywhere under root.
func findGeneric(root, dir string) map[string]string {
	found := map[string]string{}
	if dir != "" {
		root = dir
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		switch d.Name() {
		case ".git", "node_modules", "build", "notebooks", "docindex":
			return filepath.SkipDir
		}
		if slices.Contains(genericPkgs, d.Name()) && declaresPackage(p, d.Name()) {
			found[d.Name()] = p
		}
		return nil
	})
	return found
}

// declaresPackage reports whether a .go file in dir starts package name.
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

var apiLine = regexp.MustCompile(`^pkg ([^,]+), (?:func|type|const|var) ([A-Za-z0-9_]+)`)

// goAPI reads GOROOT/api/go1.N.txt for N ≤ apiVersion and returns, for
// each of pkgs, the names that existed by then.
func goAPI(dir string, pkgs []string) (map[string]map[string]bool, error) {
	out := make(map[string]map[string]bool)
	for _, p := range pkgs {
		out[p] = make(map[string]bool)
	}
	files, err := filepath.Glob(filepath.Join(dir, "go1*.txt"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".txt")
		minor := 0
		if v, ok := strings.CutPrefix(base, "go1."); ok {
			if minor, err = strconv.Atoi(v); err != nil {
				continue
			}
		}
		if minor > apiVersion {
			continue
		}
		if err := readAPI(f, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readAPI(file string, out map[string]map[string]bool) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := apiLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		if names, ok := out[m[1]]; ok {
			names[m[2]] = true
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	return nil
}
