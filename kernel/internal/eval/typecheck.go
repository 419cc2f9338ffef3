package eval

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"sync"
	"weak"

	"github.com/traefik/yaegi/stdlib"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/stdsyms"
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
	tables := []typecheck.Table{stdlib.Symbols, unrestrictedSymbols(), stdsyms.Symbols, loggerSymbols()}
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
	typeOf := func(name string) reflect.Type {
		if globals == nil {
			globals = e.globals()
		}
		if v := globals[name]; v.IsValid() {
			return v.Type()
		}
		return nil
	}
	c := e.checker()
	problems := c.Check(e.priorDecls(), segs, typeOf)
	e.facts = cellFacts{cell: cell, f: c.Facts()}
	if len(problems) == 0 {
		return ifaceKeys(e.facts.f.IfaceKeys)
	}
	var tb []string
	for _, p := range problems {
		tb = append(tb, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg))
	}
	return &Error{Name: "CompileError", Value: tb[0], Traceback: tb}
}

// ifaceKeys refuses the first of the map types keyed by a cell's
// interface (typecheck.Facts.IfaceKeys): run, such a map would count two
// equal keys as two entries.
func ifaceKeys(at map[typecheck.Pos]string) error {
	if len(at) == 0 {
		return nil
	}
	first := slices.MinFunc(slices.Collect(maps.Keys(at)), func(a, b typecheck.Pos) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s: the interpreter (yaegi v0.16.1) cannot key a map by an interface declared in a cell: "+
		"two equal keys would be two entries; key it by the concrete type, a string, or any (map[any]V, then a type assertion)", first.Line, first.Col, at[first])}
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

// receiveElem is the element type, as the cell would write it, of the
// channel received from at arrow (see rewrite.DeclareReceives).
func (e *Evaluator) receiveElem(arrow token.Pos) (string, bool) {
	t, ok := e.facts.f.Recvs[e.factPos(arrow)]
	return t, ok
}

// mapElem is the element type, as the cell would write it, of the map
// indexed at lbrack (see rewrite.DeclareTwoValues).
func (e *Evaluator) mapElem(lbrack token.Pos) (string, bool) {
	t, ok := e.facts.f.MapElems[e.factPos(lbrack)]
	return t, ok
}

// rewriteWithFacts applies to n the rewrites that need the type
// checker's facts f about the cell n comes from: concrete copies of the
// standard iterator functions and of the cell's generic funcs yaegi
// cannot run (rewrite.Seqs, rewrite.Generics), type arguments
// (rewrite.WriteTypeArgs), and %T labels
// (rewrite.TypeNames), and == on interfaces (ifaceCompares). It returns
// the generic funcs copied, which the code no longer names but still
// depends on.
func (e *Evaluator) rewriteWithFacts(n ast.Node, f *typecheck.Facts) ([]string, error) {
	if n == nil || f == nil {
		return nil, nil
	}
	err := rewrite.Seqs(n, func(sel *ast.Ident) (rewrite.Seq, bool) {
		s, ok := f.Seqs[e.factPos(sel.Pos())]
		return rewrite.Seq{Pkg: s.Pkg, Func: s.Func, Types: s.Types}, ok
	})
	if err != nil {
		return nil, &Error{Name: "CompileError", Value: "cannot write a concrete version of " + err.Error()}
	}
	var copied []string
	err = rewrite.Generics(n, func(id *ast.Ident) (rewrite.Generic, bool) {
		g, ok := f.Generics[e.factPos(id.Pos())]
		if ok {
			copied = append(copied, id.Name)
		}
		return rewrite.Generic{Decl: g.Decl, TypeParams: g.TypeParams, TypeArgs: g.TypeArgs}, ok
	})
	if err != nil {
		return nil, &Error{Name: "CompileError", Value: "cannot write a concrete version of the generic func " + err.Error()}
	}
	rewrite.StdTypes(n, func(sel *ast.Ident) (string, bool) {
		t, ok := f.StdTypes[e.factPos(sel.Pos())]
		return t, ok
	})
	// yaegi infers some type arguments but not others (a variadic call
	// inside a func body); written out, every call runs.
	rewrite.WriteTypeArgs(n, func(fn *ast.Ident) ([]string, bool) {
		args, ok := f.TypeArgs[e.factPos(fn.Pos())]
		return args, ok
	})
	rewrite.PkgTypeArgs(n, func(sel *ast.Ident) ([]string, bool) {
		args, ok := f.PkgFuncValues[e.factPos(sel.Pos())]
		return args, ok
	})
	rewrite.DynArgs(n, func(sel *ast.Ident) ([]int, bool) {
		args, ok := f.DynArgs[e.factPos(sel.Pos())]
		return args, ok
	})
	rewrite.ElemStringers(n, func(sel *ast.Ident) ([]rewrite.ElemStringer, bool) {
		var out []rewrite.ElemStringer
		for _, es := range f.ElemStringers[e.factPos(sel.Pos())] {
			out = append(out, rewrite.ElemStringer(es))
		}
		return out, out != nil
	})
	rewrite.CtxKeys(n, func(sel *ast.Ident) (int, string, bool) {
		k, ok := f.CtxKeys[e.factPos(sel.Pos())]
		return k.Index, k.Type, ok
	})
	rewrite.JSONShapes(n, func(sel *ast.Ident) (string, bool) {
		shape, ok := f.JSONShapes[e.factPos(sel.Pos())]
		return shape, ok
	})
	rewrite.XMLValues(n, func(sel *ast.Ident) (string, bool) {
		shape, ok := f.XMLValues[e.factPos(sel.Pos())]
		return shape, ok
	})
	rewrite.TypeNames(n, func(sel *ast.Ident) ([]string, bool) {
		names, ok := f.TypeNames[e.factPos(sel.Pos())]
		return names, ok
	})
	rewrite.Quotients(n, func(x ast.Expr) (string, bool) {
		pos := x.Pos()
		if be, ok := x.(*ast.BinaryExpr); ok {
			pos = be.OpPos
		}
		q, ok := f.Quotients[e.factPos(pos)]
		return q, ok
	})
	rewrite.NamedResults(n, func(call *ast.CallExpr) (string, bool) {
		t, ok := f.NamedResults[e.factPos(call.Lparen)]
		return t, ok
	})
	rewrite.Shifts(n, func(op *ast.BinaryExpr) (string, bool) {
		t, ok := f.Shifts[e.factPos(op.OpPos)]
		return t, ok
	})
	rewrite.ReflectCalls(n, func(sel *ast.Ident) (string, bool) {
		m, ok := f.ReflectCalls[e.factPos(sel.Pos())]
		return m, ok
	})
	rewrite.AsTargets(n, e.i.FileSet(), func(sel *ast.Ident) (string, bool) {
		t, ok := f.AsTargets[e.factPos(sel.Pos())]
		return t, ok
	})
	rewrite.NamedTypeOfs(n, func(sel *ast.Ident) (string, bool) {
		name, ok := f.NamedTypeOfs[e.factPos(sel.Pos())]
		return name, ok
	})
	rewrite.PromotedMethodExprs(n, func(sel *ast.Ident) (string, bool) {
		lit, ok := f.PromotedMethodExprs[e.factPos(sel.Pos())]
		return lit, ok
	})
	e.ifaceCompares(n, f)
	return copied, nil
}

// rewriteUnitsWithFacts applies rewriteWithFacts to the units of the
// cell being run.
func (e *Evaluator) rewriteUnitsWithFacts(units []*unit) error {
	if len(e.facts.f.Seqs)+len(e.facts.f.Generics)+len(e.facts.f.TypeArgs)+len(e.facts.f.PkgFuncValues)+len(e.facts.f.StdTypes)+len(e.facts.f.TypeNames)+len(e.facts.f.Compares)+len(e.facts.f.Cases)+len(e.facts.f.DynArgs)+len(e.facts.f.ElemStringers)+len(e.facts.f.ReflectCalls)+len(e.facts.f.Shifts)+len(e.facts.f.Quotients)+len(e.facts.f.NamedResults)+len(e.facts.f.JSONShapes)+len(e.facts.f.XMLValues)+len(e.facts.f.CtxKeys)+len(e.facts.f.AsTargets)+len(e.facts.f.NamedTypeOfs)+len(e.facts.f.PromotedMethodExprs) == 0 {
		return nil
	}
	f := e.facts.f
	for _, u := range units {
		copied, err := e.rewriteWithFacts(u.node(), &f)
		if err != nil {
			return err
		}
		u.copied = copied
	}
	return nil
}

// noteFacts makes the entries a unit is about to record depend on the
// generic funcs its copies came from, which its code no longer names:
// redefining one recompiles them (refresh.go).
func (u *unit) noteFacts() {
	for _, n := range u.copied {
		for _, en := range u.pending {
			if en.refs != nil {
				en.refs[n] = true
			}
		}
		for _, m := range u.pendingMethods {
			m.refs[n] = true
		}
	}
}

// segmentFacts checks one recorded segment again, against the
// declarations in force now, for its facts and for what Go would now
// refuse in it (a func that called a func redefined with two results).
func (e *Evaluator) segmentFacts(s segment) (typecheck.Facts, []typecheck.Problem) {
	kinds := map[segKind]typecheck.Kind{segImport: typecheck.Import, segDecl: typecheck.Decl, segStmt: typecheck.Stmt, segVar: typecheck.Var}
	c := e.checker()
	problems := c.Check(e.priorDecls(), []typecheck.Segment{{Kind: kinds[s.kind], Text: s.text, Line: s.line, Col: s.col}}, nil)
	return c.Facts(), problems
}
