// Command gen writes the symbol tables of package stdsyms: for each
// standard library package of the running toolchain, the exported
// non-generic symbols yaegi's own tables (extracted with Go 1.22) lack.
//
// It asks `go list std` for the packages, compares each one's exported
// names with yaegi's stdlib and unrestricted tables, and has yaegi's
// extractor write a file restricted to the missing names, so the binary
// never carries a symbol twice. Run it through `go generate` in
// kernel/internal/stdsyms; -dir writes elsewhere (the staleness test).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"go/importer"
	"go/token"
	"go/types"
	"log"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/traefik/yaegi/extract"
	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/unrestricted"
)

// elsewhere are packages cells get from elsewhere, never from this
// table. Packages whose exports are all generic drop out on their own:
// extract leaves generics out.
var elsewhere = map[string]bool{
	"unsafe":  true, // the interpreter's own
	"syscall": true, // per platform, from yaegi's unrestricted tables
	"os/exec": true, // yaegi's unrestricted tables, under the runner's overrides
	"embed":   true, // //go:embed is a rewrite; the package is a source shim
	"iter":    true, // source shims, with the generic functions
	"maps":    true,
	"slices":  true,
	"cmp":     true,
}

// refused are packages a cell must not import, with the reason its
// import error gives.
var refused = map[string]string{
	"plugin":              "plugins cannot be loaded into the interpreter's process",
	"runtime/cgo":         "cgo is not available in the interpreter",
	"runtime/race":        "the race detector's internals are not available in the interpreter",
	"runtime/msan":        "sanitizer internals are not available in the interpreter",
	"runtime/asan":        "sanitizer internals are not available in the interpreter",
	"runtime/coverage":    "coverage of compiled tests is not available in the interpreter",
	"testing/synctest":    "its bubbles need goroutines the interpreter does not start as Go does",
	"crypto/tls/fipsonly": "importing it would restrict TLS for the whole runner process",
}

// genericOnly is the import error of a package whose exported API is all
// generic (crypto/hkdf, unique, weak).
const genericOnly = "its functions and types are all generic, and the interpreter can only call compiled functions that are not"

func main() {
	dir := flag.String("dir", ".", "where to write the files")
	flag.Parse()
	if err := run(*dir); err != nil {
		log.Fatal(err)
	}
}

func run(dir string) error {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		return fmt.Errorf("go list std: %w", err)
	}
	version := minorVersion(runtime.Version())
	if version == "" {
		return fmt.Errorf("generate with a released toolchain, not %s", runtime.Version())
	}
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	type job struct {
		path  string
		names []string
		out   bytes.Buffer
		err   error
	}
	var jobs []*job
	unavailable := map[string]string{}
	for _, p := range strings.Fields(string(out)) {
		if why := refused[p]; why != "" {
			unavailable[p] = why
			continue
		}
		if !wanted(p) {
			continue
		}
		pkg, err := imp.Import(p)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		names := missing(pkg)
		if len(names) == 0 {
			continue
		}
		if _, known := stdlib.Symbols[p+"/"+pkg.Name()]; !known && len(names) == exported(pkg) && !hasNonGeneric(pkg) {
			unavailable[p] = genericOnly
			continue
		}
		jobs = append(jobs, &job{path: p, names: names})
	}
	// Each extraction type-checks its package and dependencies from
	// source again: most of the time, so they run side by side.
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for _, j := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			ext := extract.Extractor{Dest: "stdsyms", Include: []string{"^(" + strings.Join(j.names, "|") + ")$"}}
			_, j.err = ext.Extract(j.path, "", &j.out)
		})
	}
	wg.Wait()
	var written []string
	for _, j := range jobs {
		if j.err != nil {
			return fmt.Errorf("extract %s: %w", j.path, j.err)
		}
		if !bytes.Contains(j.out.Bytes(), []byte("reflect.ValueOf")) {
			continue // only generic names were missing: yaegi's table stands
		}
		name := strings.ReplaceAll(version, ".", "_") + "_" + strings.NewReplacer("/", "_", "-", "_").Replace(j.path) + ".go"
		if err := os.WriteFile(filepath.Join(dir, name), j.out.Bytes(), 0o644); err != nil {
			return err
		}
		written = append(written, j.path)
	}
	return os.WriteFile(filepath.Join(dir, "version.go"), versionFile(version, written, unavailable), 0o644)
}

// wanted: public standard library packages cells can use.
func wanted(p string) bool {
	for _, e := range strings.Split(p, "/") {
		if e == "internal" || e == "vendor" {
			return false
		}
	}
	return !elsewhere[p] && !strings.Contains(p, ".")
}

// missing lists pkg's exported names that neither of yaegi's tables for
// it has. Generic ones are kept: extract leaves them out itself.
func missing(pkg *types.Package) []string {
	key := pkg.Path() + "/" + pkg.Name()
	var out []string
	for _, name := range pkg.Scope().Names() {
		if !token.IsExported(name) {
			continue
		}
		if _, ok := stdlib.Symbols[key][name]; ok {
			continue
		}
		if _, ok := unrestricted.Symbols[key][name]; ok {
			continue
		}
		out = append(out, regexp.QuoteMeta(name))
	}
	return out
}

func exported(pkg *types.Package) int {
	n := 0
	for _, name := range pkg.Scope().Names() {
		if token.IsExported(name) {
			n++
		}
	}
	return n
}

// hasNonGeneric reports an exported object a table could hold.
func hasNonGeneric(pkg *types.Package) bool {
	for _, name := range pkg.Scope().Names() {
		o := pkg.Scope().Lookup(name)
		if !o.Exported() {
			continue
		}
		switch x := o.Type().(type) {
		case *types.Signature:
			if x.TypeParams().Len() == 0 {
				return true
			}
		case *types.Named:
			if x.TypeParams().Len() == 0 {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// minorVersion is "go1.26" for go1.26.8, "" for a development toolchain.
func minorVersion(v string) string {
	m := regexp.MustCompile(`^go1\.(\d+)`).FindString(v)
	if strings.HasPrefix(v, "devel") {
		return ""
	}
	return m
}

func versionFile(version string, pkgs []string, unavailable map[string]string) []byte {
	sort.Strings(pkgs)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by stdsyms/internal/gen. DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "//go:build %s\n\npackage stdsyms\n\n", version)
	fmt.Fprintf(&b, "// GoVersion is the toolchain the tables were generated with.\n")
	fmt.Fprintf(&b, "const GoVersion = %q\n\n", version)
	fmt.Fprintf(&b, "// Packages are the import paths with entries in the tables.\n")
	fmt.Fprintf(&b, "var Packages = []string{\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\t%q,\n", path.Clean(p))
	}
	fmt.Fprintf(&b, "}\n\n")
	fmt.Fprintf(&b, "// Unavailable are the toolchain's packages no table provides, with why.\n")
	fmt.Fprintf(&b, "var Unavailable = map[string]string{\n")
	keys := make([]string, 0, len(unavailable))
	for p := range unavailable {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	for _, p := range keys {
		fmt.Fprintf(&b, "\t%q: %q,\n", p, unavailable[p])
	}
	fmt.Fprintf(&b, "}\n")
	out, err := format.Source(b.Bytes())
	if err != nil {
		panic(err) // the generator's own template is wrong
	}
	return out
}
