package eval

import (
	"fmt"
	"go/ast"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/stdlib"

	"golessons/kernel/internal/stdsyms"
	"golessons/kernel/internal/symtab"
	"golessons/kernel/internal/typecheck"
)

// checkImports refuses, with a reason naming the package, every import
// that cannot work, instead of yaegi's bare messages.
func (e *Evaluator) checkImports(f *ast.File) error {
	for _, s := range f.Imports {
		p, err := strconv.Unquote(s.Path.Value)
		if err != nil {
			continue // the parser already checked the literal
		}
		if msg := e.importProblem(p); msg != "" {
			pos := e.i.FileSet().Position(s.Pos())
			return &Error{Name: "ImportError", Value: fmt.Sprintf("%d:%d: %s", pos.Line, pos.Column, msg)}
		}
		// A name an earlier cell gave a variable, constant, func or type
		// would hide the package (undefined selector: ToUpper); Go
		// refuses the two in one scope.
		name := importEntry(s).sym.Name
		if en := e.decls.entries[name]; en != nil && en.sym.Kind != symtab.KindImport && name != "_" && name != "." {
			pos := e.i.FileSet().Position(s.Pos())
			return &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s redeclared: an earlier cell declared %s (a %s); rename it, or import the package under another name (import %s2 %q)",
				pos.Line, pos.Column, name, name, kindWord(en.sym.Kind), name, p)}
		}
	}
	return nil
}

// kindWord is a symbol kind as a sentence says it.
func kindWord(kind string) string {
	switch kind {
	case symtab.KindVar:
		return "variable"
	case symtab.KindConst:
		return "constant"
	}
	return kind
}

// importProblem says why import path p cannot work, or "" if it can.
func (e *Evaluator) importProblem(p string) string {
	if p == "C" {
		return `import "C": cgo is not available in the interpreter`
	}
	if e.hasCompiled(p) || shimPackages[p] {
		return ""
	}
	if e.opts.PackagesDir != "" {
		if fi, err := os.Stat(filepath.Join(e.opts.PackagesDir, filepath.FromSlash(p))); err == nil && fi.IsDir() {
			return ""
		}
	}
	if why, ok := stdsyms.Unavailable[p]; ok {
		return fmt.Sprintf("import %q: this standard library package is not available in cells: %s", p, why)
	}
	if msg, ok := e.moduleImport(p); ok {
		return msg
	}
	where := "no packages folder is set"
	if e.opts.PackagesDir != "" {
		where = "it is not in the packages folder " + e.opts.PackagesDir
	}
	return fmt.Sprintf("import %q: package not found: it is not a standard library package the interpreter has, and %s; to use your own package, put its source in a sub-folder %s of the folder named by GOLESSONS_PACKAGES (kernel option --packages)", p, where, p)
}

// hasCompiled reports whether p is a compiled package the interpreter knows.
func (e *Evaluator) hasCompiled(p string) bool {
	key := p + "/" + pkgName(p)
	if _, ok := stdlib.Symbols[key]; ok {
		return true
	}
	if _, ok := unrestrictedSymbols()[key]; ok {
		return true
	}
	if _, ok := stdsyms.Symbols[key]; ok {
		return true
	}
	if p == rtPath {
		return true
	}
	for _, x := range e.opts.Symbols {
		for k := range x {
			if path.Dir(k) == p {
				return true
			}
		}
	}
	return false
}

// pkgName is the name a package at import path p is declared with, by
// Go's convention: the last element, or the one before a major-version
// suffix ("math/rand/v2" is package rand).
func pkgName(p string) string {
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" && path.Dir(p) != "." {
		return path.Base(path.Dir(p))
	}
	return base
}

func importEntry(s *ast.ImportSpec) *entry {
	p, _ := strconv.Unquote(s.Path.Value)
	name := pkgName(p)
	if s.Name != nil {
		name = s.Name.Name
	}
	return &entry{sym: symtab.Symbol{Name: name, Kind: symtab.KindImport, Decl: p}}
}

// explainCompile turns a yaegi compile error into the student's words.
func (e *Evaluator) explainCompile(err error, u *unit) error {
	ce := compileError(err)
	if m := incompleteType.FindStringSubmatch(ce.Value); m != nil && strings.Contains(ce.Value, "CFG post-order panic") {
		ce.Value = m[1] + ": undefined: " + m[2]
	}
	if m := e.explainModule(ce.Value); m != "" {
		ce.Value = m
	}
	v := ce.Value
	switch {
	case strings.Contains(v, "unable to find source related to"):
		if i := strings.Index(v, `"`); i >= 0 {
			if p, err := strconv.Unquote(strings.TrimSpace(v[i:])); err == nil {
				if msg := e.importProblem(p); msg != "" {
					ce.Value = msg
				}
			}
		}
	case strings.Contains(v, "nil type") && u.node() != nil && hasRange(u.node()):
		ce.Value = v + " (if a loop here ranges over an iterator function, the kernel did not recognise it as one: declare the value with its type, e.g. var seq iter.Seq[int] = ..., or range over a call of a func whose result type is iter.Seq/iter.Seq2; iterators made by a generic func, such as Filter[T], are beyond the interpreter: write the adapter for the concrete type)"
	case strings.Contains(v, "func(func(") && strings.Contains(v, "bool)"):
		ce.Value = v + " (the interpreter mixed up iterator types: an iterator made by a generic func, such as Filter[T], cannot run in the interpreter; write the adapter for the concrete type)"
	case strings.Contains(v, "undefined type for") || strings.Contains(v, "infer") || strings.Contains(v, "nil reflect type") || strings.Contains(v, "nil type"):
		if name, pos := e.genericCall(u); name != "" {
			ce.Value = fmt.Sprintf("%s: cannot infer the type argument of %s: write it explicitly, for example %s[int](...) (%s)", pos, name, name, v)
		} else if e.mayCallGeneric(u) {
			ce.Value = v + " (the interpreter cannot infer the type arguments of a generic call: write the type argument explicitly, for example Map[int, string](xs, f))"
		}
	}
	return ce
}

// goWords replaces the interpreter's words for a compile error at a cell
// line by go/types' for that line, when the type checker found an error
// there (of a kind it does not refuse a cell for): Go's message names the
// types as Go does and says what was expected. The column of the
// checker's error on that line nearest the interpreter's wins.
func (e *Evaluator) goWords(err error) error {
	ce, ok := err.(*Error)
	if !ok || ce.Name != "CompileError" {
		return err
	}
	m := cellPos.FindStringSubmatch(ce.Value)
	if m == nil {
		return err
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	var best *typecheck.Problem
	for i, p := range e.facts.f.Errors {
		if p.Line == line && (best == nil || abs(p.Col-col) < abs(best.Col-col)) {
			best = &e.facts.f.Errors[i]
		}
	}
	// An inference failure keeps explainCompile's words, which show how
	// to write the type argument; a message pointing into the earlier
	// cells' declarations (__prior) is not the student's to read.
	if best == nil || strings.HasSuffix(ce.Value, best.Msg) || strings.Contains(best.Msg, "cannot infer") || strings.Contains(best.Msg, "__prior") {
		return err
	}
	return &Error{Name: ce.Name, Value: fmt.Sprintf("%d:%d: %s", best.Line, best.Col, best.Msg), Traceback: ce.Traceback}
}

// cellPos is the "line:col: " that starts an error at a cell position.
var cellPos = regexp.MustCompile(`^(\d+):(\d+): `)

func abs(n int) int { return max(n, -n) }

// genericCall finds a call in u of a generic func declared in a cell
// without explicit type arguments, and its cell position.
func (e *Evaluator) genericCall(u *unit) (string, string) {
	n := u.node()
	if n == nil {
		return "", ""
	}
	var name, pos string
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || name != "" {
			return name == ""
		}
		if id, ok := call.Fun.(*ast.Ident); ok {
			if en := e.decls.entries[id.Name]; en != nil && en.generic {
				p := e.i.FileSet().Position(call.Pos())
				name, pos = id.Name, fmt.Sprintf("%d:%d", p.Line, p.Column)
			}
		}
		return name == ""
	})
	return name, pos
}

// dropKnownImports removes imports made by an earlier cell (yaegi
// refuses a second import of a name, which would break re-running a
// notebook's first cell) and explains a name reused for another package.
func (e *Evaluator) dropKnownImports(u *unit) error {
	var decls []ast.Decl
	for _, d := range u.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			decls = append(decls, d)
			continue
		}
		var specs []ast.Spec
		for _, s := range g.Specs {
			is := s.(*ast.ImportSpec)
			en := importEntry(is)
			old := e.decls.entries[en.sym.Name]
			if old == nil || old.sym.Kind != symtab.KindImport {
				specs = append(specs, s)
				continue
			}
			if old.sym.Decl != en.sym.Decl {
				pos := e.i.FileSet().Position(is.Pos())
				return &Error{Name: "ImportError", Value: fmt.Sprintf(
					"%d:%d: %s is already imported as %q; yaegi cannot rebind the name: import %q under another name, e.g. import other%s %q",
					pos.Line, pos.Column, en.sym.Name, old.sym.Decl, en.sym.Decl, en.sym.Name, en.sym.Decl)}
			}
		}
		if len(specs) > 0 {
			g.Specs = specs
			decls = append(decls, g)
		}
	}
	u.file.Decls = decls
	return nil
}
