package typecheck

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"sort"
	"strings"
)

// Table is a yaegi symbol table: "import/path/name" → symbol → value
// (the shape of interp.Exports, without importing yaegi).
type Table = map[string]map[string]reflect.Value

// Importer provides packages to the checker without a Go toolchain:
// compiled packages from the interpreter's symbol tables, converted from
// reflect, and source packages (the slices/maps/cmp shims, a teacher's
// folder) type-checked from their files. Each package is built on its
// first import and kept. An Importer is not safe for concurrent use.
type Importer struct {
	tables map[string][]map[string]reflect.Value // import path → its symbol tables, later ones win
	src    fs.FS                                 // GOPATH-like: src/<path>/*.go; may be nil
	conv   *converter
	done   map[string]*types.Package
	failed map[string]error
	active map[string]bool // source packages being checked (import cycles)
}

// NewImporter builds an importer over the given tables (later tables win
// for a symbol present in several) and a source tree laid out as a
// GOPATH (src/<import path>/*.go), which may be nil. It only indexes the
// tables: packages are converted when first imported.
func NewImporter(src fs.FS, tables ...Table) *Importer {
	im := &Importer{tables: map[string][]map[string]reflect.Value{}, src: src,
		done: map[string]*types.Package{"unsafe": types.Unsafe}, failed: map[string]error{}, active: map[string]bool{}}
	names := map[string]string{}
	for _, t := range tables {
		for key, syms := range t {
			if len(syms) == 0 {
				continue // yaegi's empty tables for packages it serves from source
			}
			p := path.Clean(path.Dir(key)) // "fmt/./fmt" names package fmt
			im.tables[p] = append(im.tables[p], syms)
			names[p] = path.Base(key)
		}
	}
	im.conv = newConverter(names)
	im.conv.source = func(p string) *types.Package {
		if im.tables[p] != nil {
			return nil // compiled: its generic types are not in the table
		}
		pkg, err := im.Import(p)
		if err != nil {
			return nil
		}
		return pkg
	}
	return im
}

// errNoPackage says the importer cannot provide a package; the checker
// then stays silent about the whole cell.
var errNoPackage = errors.New("package not available to the checker")

// Import implements types.Importer.
func (im *Importer) Import(p string) (pkg *types.Package, err error) {
	if pkg := im.done[p]; pkg != nil {
		return pkg, nil
	}
	if err := im.failed[p]; err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil { // a reflect shape the converter did not expect
			pkg, err = nil, fmt.Errorf("%s: %v", p, r)
		}
		if err != nil {
			im.failed[p] = err
		} else {
			im.done[p] = pkg
		}
	}()
	// The interpreter's order: compiled packages first, then sources.
	if t := im.tables[p]; t != nil {
		merged := map[string]reflect.Value{}
		for _, syms := range t {
			for k, v := range syms {
				merged[k] = v
			}
		}
		pkg := im.conv.fill(p, merged)
		if src := genericDecls[p]; src != "" {
			declareGenerics(pkg, src, im)
		}
		return pkg, nil
	}
	if im.hasSource(p) {
		return im.fromSource(p)
	}
	return nil, fmt.Errorf("%s: %w", p, errNoPackage)
}

func (im *Importer) hasSource(p string) bool {
	if im.src == nil {
		return false
	}
	fi, err := fs.Stat(im.src, "src/"+p)
	return err == nil && fi.IsDir()
}

// fromSource type-checks a source package. Any error makes the package
// unavailable: its types would be incomplete.
func (im *Importer) fromSource(p string) (*types.Package, error) {
	if im.active[p] {
		return nil, fmt.Errorf("import cycle through %s", p)
	}
	im.active[p] = true
	defer delete(im.active, p)
	dir := "src/" + p
	entries, err := fs.ReadDir(im.src, dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(im.src, dir+"/"+n)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, n, b, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if err := checkSignatures(f); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", p, n, err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no Go files", p)
	}
	conf := types.Config{Importer: im, Sizes: sizes, Error: func(error) {}}
	return conf.Check(p, fset, files, nil)
}

// checkDirective marks, in a source package, the signature the checker
// is to give the func below it instead of its own: the slices shims are
// written with []E, which yaegi can run, where Go has [S ~[]E, E any],
// and a cell is checked against Go's (slices.Clone(tags) is a Tags).
const checkDirective = "//golessons:check "

// checkSignatures gives the funcs of f marked with checkDirective the
// signature it writes, and a body that panics: theirs needs their own.
func checkSignatures(f *ast.File) error {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Doc == nil {
			continue
		}
		for _, c := range fd.Doc.List {
			sig, ok := strings.CutPrefix(c.Text, checkDirective)
			if !ok {
				continue
			}
			g, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+sig, parser.SkipObjectResolution)
			if err != nil || len(g.Decls) != 1 {
				return fmt.Errorf("%s: bad signature %q: %v", fd.Name.Name, sig, err)
			}
			gd, ok := g.Decls[0].(*ast.FuncDecl)
			if !ok || gd.Name.Name != fd.Name.Name || gd.Recv != nil {
				return fmt.Errorf("%s: bad signature %q", fd.Name.Name, sig)
			}
			// go/types wants a generic func's body: one that fits any
			// signature.
			panicCall := &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "0"}}}
			fd.Type, fd.Body = gd.Type, &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: panicCall}}}
		}
	}
	return nil
}

// sizes are the running program's: unsafe.Sizeof in a cell is the size
// the interpreter will see.
var sizes = types.SizesFor("gc", runtime.GOARCH)

// interpreted reports a package the interpreter runs from source (its
// types are built by the interpreter, as a cell's are).
func (im *Importer) interpreted(path string) bool {
	return im.tables[path] == nil
}

// genericDecls declare, by import path, generic funcs of compiled
// standard packages that the evaluator runs through concrete copies
// (rewrite.Seqs) or rewrites (errors.AsType: rewrite.AsType;
// reflect.TypeFor: rewrite.TypeFor): no table can hold a generic, so the
// checker learns their signatures here.
var genericDecls = map[string]string{
	"errors": `package errors
func AsType[E error](err error) (E, bool)
`,
	"reflect": `package reflect
func TypeFor[T any]() Type
`,
	"sync": `package sync
func OnceValue[T any](f func() T) func() T
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2)
`,
	"math/rand/v2": `package rand
type intType interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}
func N[Int intType](n Int) Int
`,
	"sync/atomic": `package atomic
type Pointer[T any] struct{ _ [0]*T; v *T }
func (x *Pointer[T]) Load() *T
func (x *Pointer[T]) Store(val *T)
func (x *Pointer[T]) Swap(new *T) (old *T)
func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool)
`,
}

// stdGenericTypes are the generic types of genericDecls the evaluator
// replaces (see Facts.StdTypes).
var stdGenericTypes = map[string]bool{"sync/atomic.Pointer": true}

// declareGenerics adds the declarations of src (bodiless funcs) to pkg,
// a compiled package filled from its table.
func declareGenerics(pkg *types.Package, src string, im *Importer) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, pkg.Path()+"/generics.go", src, parser.SkipObjectResolution)
	if err != nil {
		return
	}
	conf := types.Config{Importer: im, Sizes: sizes, Error: func(error) {}}
	_ = types.NewChecker(&conf, fset, pkg, nil).Files([]*ast.File{f})
}
