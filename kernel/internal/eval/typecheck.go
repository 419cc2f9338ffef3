package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"weak"

	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/unrestricted"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
	"golessons/kernel/internal/typecheck"
)

// checkers holds each Evaluator's checker (its converted packages are
// kept across cells) without a field in Evaluator; an entry goes with
// its Evaluator.
var checkers = struct {
	sync.Mutex
	m map[weak.Pointer[Evaluator]]*typecheck.Checker
}{m: map[weak.Pointer[Evaluator]]*typecheck.Checker{}}

// checker returns e's checker, made on first use over the tables and
// sources the interpreter has.
func (e *Evaluator) checker() *typecheck.Checker {
	key := weak.Make(e)
	checkers.Lock()
	defer checkers.Unlock()
	if c := checkers.m[key]; c != nil {
		return c
	}
	unrestrictedTables := typecheck.Table{}
	for k, v := range unrestricted.Symbols {
		if k != "log/log" && !strings.HasPrefix(k, "github.com/") { // as useSymbols merges them
			unrestrictedTables[k] = v
		}
	}
	tables := []typecheck.Table{stdlib.Symbols, unrestrictedTables}
	for _, x := range e.opts.Symbols {
		tables = append(tables, x)
	}
	c := typecheck.NewChecker(typecheck.NewImporter(newSourceFS(e.opts.PackagesDir), tables...))
	checkers.m[key] = c
	runtime.AddCleanup(e, func(k weak.Pointer[Evaluator]) {
		checkers.Lock()
		delete(checkers.m, k)
		checkers.Unlock()
	}, key)
	return c
}

// typecheck refuses a cell Go would refuse but yaegi would run (see
// package typecheck for which errors); nil otherwise, also when the check
// cannot be trusted.
func (e *Evaluator) typecheck(cell string) error {
	var segs []typecheck.Segment
	kinds := map[segKind]typecheck.Kind{segImport: typecheck.Import, segDecl: typecheck.Decl, segStmt: typecheck.Stmt, segVar: typecheck.Var}
	for _, s := range splitCell(cell) {
		segs = append(segs, typecheck.Segment{Kind: kinds[s.kind], Text: s.text, Line: s.line, Col: s.col})
	}
	var globals map[string]reflect.Value
	kindOf := func(name string) reflect.Kind {
		if globals == nil {
			globals = e.globals()
		}
		return globals[name].Kind() // Invalid when unknown
	}
	c := e.checker()
	problems := c.Check(e.priorDecls(), segs, kindOf)
	e.facts = cellFacts{cell: cell, f: c.Facts()}
	if len(problems) == 0 {
		return nil
	}
	var tb []string
	for _, p := range problems {
		tb = append(tb, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg))
	}
	return &Error{Name: "CompileError", Value: tb[0], Traceback: tb}
}

// priorDecls is what earlier cells declared, for the checker.
func (e *Evaluator) priorDecls() []typecheck.Prior {
	out := make([]typecheck.Prior, 0, len(e.decls.order)+len(e.decls.methods))
	for _, name := range e.decls.order {
		en := e.decls.entries[name]
		p := typecheck.Prior{Name: name, Kind: en.sym.Kind, Text: en.sym.Decl}
		if en.sym.Kind == symtab.KindFunc {
			p.Text = en.text
		}
		out = append(out, p)
	}
	keys := make([]string, 0, len(e.decls.methods))
	for k := range e.decls.methods {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, typecheck.Prior{Name: k, Kind: "method", Text: e.decls.methods[k].text})
	}
	return out
}

// cellFacts are the type checker's facts about one cell's text.
type cellFacts struct {
	cell string
	f    typecheck.Facts
}

// useFacts makes e.facts those of cell: a cell run by Eval was checked
// already, one replayed by Restore is checked here; the prelude has none.
func (e *Evaluator) useFacts(cell string, user bool) {
	switch {
	case !user:
		e.facts = cellFacts{}
	case e.facts.cell != cell:
		e.facts = cellFacts{cell: cell}
		_ = e.typecheck(cell) // its problems were reported when the cell first ran
	}
}

// factPos is the key of the facts about the code at pos.
func (e *Evaluator) factPos(pos token.Pos) typecheck.Pos {
	p := e.i.FileSet().Position(pos)
	if p.Filename != cellFile {
		return typecheck.Pos{}
	}
	return typecheck.Pos{Line: p.Line, Col: p.Column}
}

// rewriteSeqs gives the standard iterator functions' calls in n, and the
// calls of the cell's generic funcs yaegi cannot run, concrete versions
// (see rewrite.Seqs and rewrite.Generics).
func (e *Evaluator) rewriteSeqs(n ast.Node) error {
	if n == nil {
		return nil
	}
	err := rewrite.Seqs(n, func(sel *ast.Ident) (rewrite.Seq, bool) {
		s, ok := e.facts.f.Seqs[e.factPos(sel.Pos())]
		return rewrite.Seq{Pkg: s.Pkg, Func: s.Func, Types: s.Types}, ok
	})
	if err != nil {
		return &Error{Name: "CompileError", Value: "cannot write a concrete version of " + err.Error()}
	}
	if len(e.facts.f.Generics) == 0 {
		return nil
	}
	err = rewrite.Generics(n, func(id *ast.Ident) (rewrite.Generic, bool) {
		g, ok := e.facts.f.Generics[e.factPos(id.Pos())]
		return rewrite.Generic{Decl: g.Decl, TypeParams: g.TypeParams, TypeArgs: g.TypeArgs}, ok
	})
	if err != nil {
		return &Error{Name: "CompileError", Value: "cannot write a concrete version of the generic func " + err.Error()}
	}
	return nil
}

// rewriteTypeNames labels the %T arguments of fmt calls in n with their
// static type names (see rewrite.TypeNames).
func (e *Evaluator) rewriteTypeNames(n ast.Node) {
	if len(e.facts.f.TypeNames) == 0 || n == nil {
		return
	}
	rewrite.TypeNames(n, func(sel *ast.Ident) ([]string, bool) {
		names, ok := e.facts.f.TypeNames[e.factPos(sel.Pos())]
		return names, ok
	})
}
