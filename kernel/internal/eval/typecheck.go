package eval

import (
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"weak"

	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/unrestricted"

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
	problems := e.checker().Check(e.priorDecls(), segs, kindOf)
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
