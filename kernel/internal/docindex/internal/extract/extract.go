// Package extract turns the Go source of one package into a
// [docindex.Package] with go/doc and go/printer. It is used by the index
// generator, by the test that checks the committed index is current, and
// in the kernel by docindex/srcdoc for the modules cells import.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golessons/kernel/internal/docindex"
)

// Size limits keep the embedded index small: functions keep their whole
// doc up to maxFuncDoc (a signature alone rarely says enough), everything
// else its first paragraph.
const (
	maxFuncDoc  = 2048
	maxOtherDoc = 500
	maxTypeDecl = 1200
)

// Options selects what Dir keeps.
type Options struct {
	// Keep reports whether a package-level name is exported by the
	// interpreter; nil keeps every exported name.
	Keep func(name string) bool
	// AnyBuildTags reads every non-test .go file, even one excluded by
	// build constraints (sources embedded for interpretation are often kept
	// out of the build with //go:build ignore).
	AnyBuildTags bool
	// AllDecls keeps unexported names too (for the builtin pseudo-package,
	// whose real names are all lower case).
	AllDecls bool
}

// ErrNoGo reports a directory without Go files for linux/amd64.
var ErrNoGo = errors.New("no Go files")

// Dir documents the package in dir, whose import path is importPath.
func Dir(dir, importPath string, opts Options) (docindex.Package, error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return docindex.Package{}, fmt.Errorf("document %s: %w", importPath, ErrNoGo)
	}
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "linux", "amd64", true
	bp, err := ctx.ImportDir(dir, 0)
	var noGo *build.NoGoError
	if errors.As(err, &noGo) && opts.AnyBuildTags {
		err = nil
	}
	if errors.As(err, &noGo) || errors.Is(err, fs.ErrNotExist) {
		return docindex.Package{}, fmt.Errorf("document %s: %w", importPath, ErrNoGo)
	}
	if err != nil {
		return docindex.Package{}, fmt.Errorf("document %s: %w", importPath, err)
	}
	names := append(bp.GoFiles, bp.CgoFiles...)
	if opts.AnyBuildTags {
		names = append(names, bp.IgnoredGoFiles...)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return docindex.Package{}, fmt.Errorf("document %s: %w", importPath, err)
		}
		files = append(files, f)
	}
	mode := doc.Mode(0)
	if opts.AllDecls {
		mode = doc.AllDecls
	}
	dp, err := doc.NewFromFiles(fset, files, importPath, mode)
	if err != nil {
		return docindex.Package{}, fmt.Errorf("document %s: %w", importPath, err)
	}
	x := extractor{fset: fset, pkg: dp, keep: opts.Keep}
	if x.keep == nil {
		x.keep = func(string) bool { return true }
	}
	out := docindex.Package{Path: importPath, Name: dp.Name, Doc: dp.Synopsis(dp.Doc)}
	out.Members = x.members()
	return out, nil
}

type extractor struct {
	fset *token.FileSet
	pkg  *doc.Package
	keep func(string) bool
}

func (x *extractor) members() []docindex.Member {
	var ms []docindex.Member
	addValues := func(vs []*doc.Value, kind string) {
		for _, v := range vs {
			ms = append(ms, x.values(v, kind)...)
		}
	}
	addFuncs := func(fs []*doc.Func) {
		for _, f := range fs {
			if x.keep(f.Name) {
				ms = append(ms, x.fn(f, docindex.KindFunc))
			}
		}
	}
	addValues(x.pkg.Consts, docindex.KindConst)
	addValues(x.pkg.Vars, docindex.KindVar)
	addFuncs(x.pkg.Funcs)
	for _, t := range x.pkg.Types {
		// Constructors and typed constants are grouped under their type by
		// go/doc, but a cell reaches them as pkg.Name.
		addValues(t.Consts, docindex.KindConst)
		addValues(t.Vars, docindex.KindVar)
		addFuncs(t.Funcs)
		if x.keep(t.Name) {
			ms = append(ms, x.typ(t))
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Name < ms[j].Name })
	return ms
}

func (x *extractor) fn(f *doc.Func, kind string) docindex.Member {
	decl := *f.Decl
	decl.Doc, decl.Body = nil, nil
	return docindex.Member{Name: f.Name, Kind: kind, Signature: x.print(&decl), Doc: x.text(f.Doc, maxFuncDoc)}
}

func (x *extractor) typ(t *doc.Type) docindex.Member {
	m := docindex.Member{Name: t.Name, Kind: docindex.KindType, Doc: x.text(t.Doc, maxOtherDoc)}
	for _, spec := range t.Decl.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok || ts.Name.Name != t.Name {
			continue
		}
		c := *ts
		c.Doc, c.Comment = nil, nil
		m.Signature = truncateDecl("type " + x.print(&c))
		if st, ok := ts.Type.(*ast.StructType); ok {
			m.Fields = x.fields(st)
			m.Signature = truncateDecl(structDecl(t.Name, c.TypeParams, x, m.Fields, st.Incomplete))
		}
	}
	for _, f := range t.Methods {
		m.Methods = append(m.Methods, x.fn(f, docindex.KindMethod))
	}
	sort.Slice(m.Methods, func(i, j int) bool { return m.Methods[i].Name < m.Methods[j].Name })
	return m
}

func (x *extractor) fields(st *ast.StructType) []docindex.Member {
	var out []docindex.Member
	for _, f := range st.Fields.List {
		typ := x.print(f.Type)
		comment := f.Doc
		if comment == nil {
			comment = f.Comment
		}
		d := x.text(comment.Text(), maxOtherDoc)
		if len(f.Names) == 0 { // embedded: the field is named after its type
			name := strings.TrimPrefix(typ, "*")
			if i := strings.LastIndex(name, "."); i >= 0 {
				name = name[i+1:]
			}
			out = append(out, docindex.Member{Name: name, Kind: docindex.KindField, Signature: typ, Doc: d})
			continue
		}
		for _, n := range f.Names {
			out = append(out, docindex.Member{Name: n.Name, Kind: docindex.KindField, Signature: n.Name + " " + typ, Doc: d})
		}
	}
	return out
}

// values documents each kept name of a const or var group. Specs that
// repeat the previous one implicitly (iota) get the type from the spec that
// last spelled one out, so `const ModeDir FileMode` reads as it means.
func (x *extractor) values(v *doc.Value, kind string) []docindex.Member {
	var out []docindex.Member
	var lastType ast.Expr
	for _, spec := range v.Decl.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		if vs.Type != nil || len(vs.Values) > 0 {
			lastType = vs.Type
		}
		for i, n := range vs.Names {
			if !x.keep(n.Name) || n.Name == "_" {
				continue
			}
			sig := kind + " " + n.Name
			if lastType != nil {
				sig += " " + x.print(lastType)
			}
			if i < len(vs.Values) {
				if val := x.print(vs.Values[i]); len(val) <= 80 && !strings.Contains(val, "\n") {
					sig += " = " + val
				}
			}
			d := vs.Doc.Text()
			if d == "" {
				d = vs.Comment.Text()
			}
			if d == "" {
				d = v.Doc
			}
			out = append(out, docindex.Member{Name: n.Name, Kind: kind, Signature: sig, Doc: x.text(d, maxOtherDoc)})
		}
	}
	return out
}

func (x *extractor) print(node any) string {
	var buf bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&buf, x.fset, node); err != nil {
		return ""
	}
	return buf.String()
}

// text renders a doc comment as plain text (links and [Name] brackets
// resolved by go/doc), keeping whole paragraphs up to max bytes; for
// anything but functions only the first paragraph.
func (x *extractor) text(comment string, max int) string {
	if comment == "" {
		return ""
	}
	p := x.pkg.Printer()
	p.TextWidth = -1 // one line per paragraph: the frontend wraps
	out := strings.TrimSpace(string(p.Text(x.pkg.Parser().Parse(comment))))
	paras := strings.Split(out, "\n\n")
	if max < maxFuncDoc { // not a function: the first paragraph is enough
		paras = paras[:1]
	}
	kept := paras[0]
	for _, para := range paras[1:] {
		if len(kept)+2+len(para) > max {
			break
		}
		kept += "\n\n" + para
	}
	if len(kept) > max {
		cut := strings.LastIndex(kept[:max], " ")
		if cut < 0 {
			cut = max
		}
		kept = kept[:cut] + " …"
	}
	return kept
}

// structDecl spells a struct type one field per line, without the field
// comments (each field carries its own doc), so the declaration stays short.
func structDecl(name string, tparams *ast.FieldList, x *extractor, fields []docindex.Member, incomplete bool) string {
	var b strings.Builder
	b.WriteString("type " + name)
	if tparams != nil {
		var ps []string
		for _, f := range tparams.List {
			for _, n := range f.Names {
				ps = append(ps, n.Name+" "+x.print(f.Type))
			}
		}
		b.WriteString("[" + strings.Join(ps, ", ") + "]")
	}
	b.WriteString(" struct {")
	for _, f := range fields {
		b.WriteString("\n\t" + f.Signature)
	}
	if incomplete {
		b.WriteString("\n\t// contains filtered or unexported fields")
	}
	if len(fields) > 0 || incomplete {
		b.WriteString("\n")
	}
	b.WriteString("}")
	return b.String()
}

// truncateDecl shortens huge struct or interface declarations to their
// first lines; the fields and methods are listed separately anyway.
func truncateDecl(s string) string {
	if len(s) <= maxTypeDecl {
		return s
	}
	cut := strings.LastIndex(s[:maxTypeDecl], "\n")
	if cut < 0 {
		return s[:maxTypeDecl]
	}
	return s[:cut] + "\n\t// ...\n}"
}
