// Command gen writes the embedded documentation index of package docindex.
// It documents, from GOROOT's sources, the standard-library names that
// yaegi's stdlib.Symbols exports (Go 1.22 API) or package stdsyms adds
// (the later releases' non-generic API), and the builtin
// pseudo-package; from the repository, demos, display and the kernel's
// interpreted sources for slices, maps and cmp (when absent: GOROOT's,
// limited to the Go 1.22 API).
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
	"log"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/stdlib"

	"golessons/kernel/internal/docindex"
	"golessons/kernel/internal/docindex/internal/extract"
	"golessons/kernel/internal/stdsyms"
)

// apiVersion is the Go release yaegi v0.16.1's symbols describe.
const apiVersion = 22

func main() {
	root := flag.String("root", ".", "module root (holds demos/ and display/)")
	out := flag.String("out", "index.gob.gz", "output file")
	flag.Parse()
	if err := run(*root, *out); err != nil {
		log.Fatal(err)
	}
}

func run(root, out string) error {
	goroot := build.Default.GOROOT
	src := filepath.Join(goroot, "src")
	var pkgs []docindex.Package
	// yaegi's tables, and what stdsyms adds of later Go releases.
	known := map[string]map[string]bool{}
	for _, table := range []map[string]map[string]reflect.Value{stdlib.Symbols, stdsyms.Symbols} {
		for key, syms := range table {
			if known[key] == nil {
				known[key] = map[string]bool{}
			}
			for name := range syms {
				if !strings.HasPrefix(name, "_") {
					known[key][name] = true
				}
			}
		}
	}
	for key, names := range known {
		path := key[:max(strings.LastIndex(key, "/"), 0)]
		if path == "" || strings.HasPrefix(path, "github.com/") || slices.Contains(extract.GenericPackages, path) {
			continue
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
	api, err := goAPI(filepath.Join(goroot, "api"), extract.GenericPackages)
	if err != nil {
		return err
	}
	repo, err := extract.Repo(root)
	if err != nil {
		return err
	}
	for _, path := range extract.GenericPackages {
		if slices.ContainsFunc(repo, func(p docindex.Package) bool { return p.Path == path }) {
			continue // the kernel's own sources, documented by Repo
		}
		// No sources in the repository: Go's, limited to the Go 1.22 API.
		p, err := extract.Dir(filepath.Join(src, path), path, extract.Options{Keep: func(n string) bool { return api[path][n] }})
		if err != nil {
			return err
		}
		pkgs = append(pkgs, p)
	}
	builtin, err := extract.Dir(filepath.Join(src, "builtin"), docindex.BuiltinPath, extract.Options{AllDecls: true, Keep: func(n string) bool { return !ast.IsExported(n) }})
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
