package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"sort"
	"strconv"
	"strings"
)

// yaegi binds a call to the function declared at compile time: after
// `func f` is declared again, functions compiled earlier still call the
// old f (yaegi issue 1673), and the same holds for a global variable
// declared again. refreshDependents recompiles, from their recorded
// source, every function and method that uses a redefined name,
// transitively, so every caller sees the new definition. Calls cost
// nothing extra at run time; the price is a recompilation on
// redefinition.
func (e *Evaluator) refreshDependents(cctx, ctx context.Context, changed []string) error {
	dirty := map[string]bool{}
	for _, n := range changed {
		dirty[n] = true
	}
	var funcs []*entry
	done := map[string]bool{}
	for grew := true; grew; {
		grew = false
		for _, name := range e.decls.order {
			en := e.decls.entries[name]
			if (en.text == "" && en.closure == "") || done[name] || dirty[name] || !usesAny(en.refs, dirty) {
				continue
			}
			if name == "init" {
				// Compiling an init runs it: it ran once, when its cell
				// did, as Go runs it once (a pasted program's init that
				// appended to a var ran again when a cell redeclared it).
				continue
			}
			done[name], dirty[name], grew = true, true, true
			funcs = append(funcs, en)
		}
	}
	var segs, closures []segment
	for _, en := range funcs {
		if en.closure != "" {
			// `name = func...`, placed so the literal keeps its cell column.
			col := max(en.col-len(en.sym.Name)-3, 1)
			closures = append(closures, segment{kind: segStmt, text: en.sym.Name + " = " + en.closure, line: en.line, col: col})
			continue
		}
		segs = append(segs, segment{kind: segDecl, text: en.text, line: en.line, col: en.col})
	}
	for _, m := range e.sortedMethodEntries() {
		if !m.generic && usesAny(m.refs, dirty) {
			segs = append(segs, segment{kind: segDecl, text: m.text, line: m.line, col: m.col})
		}
	}
	for _, group := range [][]segment{segs, closures} {
		if len(group) == 0 {
			continue
		}
		if err := e.rerun(cctx, ctx, group); err != nil {
			e.stubBroken(cctx, ctx, group, changed)
			return &Error{Name: "CompileError", Value: fmt.Sprintf(
				"%s redefined, but code using it no longer compiles: %s", strings.Join(changed, ", "), errText(err))}
		}
	}
	return nil
}

// rerun compiles and runs recorded source again, without recording it
// as new user declarations (methods excepted: their bodies changed).
func (e *Evaluator) rerun(cctx, ctx context.Context, segs []segment) error {
	u, err := e.parseUnit(segs)
	if err != nil {
		return err
	}
	e.keepTexts(u)
	if err := e.refactsOf(u, segs); err != nil {
		return err
	}
	e.seqs = e.newSeqScope([]*unit{u})
	// The code's own integers too (a parameter n in for range n), as
	// run collects them: without them such a loop stayed a range over a
	// value the interpreter cannot range over.
	ints := e.globalInts()
	ints.Collect(u.node())
	extra, err := e.rewriteUnit(u, ints)
	if err != nil {
		return err
	}
	units := append([]*unit{u}, extra...)
	// Recompiled code waits as the original did: without its sites, a
	// goroutine it starts went unseen by the deadlock check, and a
	// deadlock hung the cell.
	e.watchUnits(units)
	for _, x := range units {
		if x.mainCall {
			continue // recompiling main must not run the program again
		}
		if err := e.runUnit(cctx, ctx, x, false); err != nil {
			return err
		}
	}
	for _, m := range u.pendingMethods {
		e.decls.methods[m.recv+"."+m.name] = m
	}
	return nil
}

func errText(err error) string {
	if ev, ok := err.(*Error); ok {
		return ev.Value
	}
	return err.Error()
}

func usesAny(refs, names map[string]bool) bool {
	for n := range names {
		if refs[n] {
			return true
		}
	}
	return false
}

func (e *Evaluator) sortedMethodEntries() []*methodEntry {
	keys := make([]string, 0, len(e.decls.methods))
	for k := range e.decls.methods {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*methodEntry, len(keys))
	for i, k := range keys {
		out[i] = e.decls.methods[k]
	}
	return out
}

// refactsOf rewrites the recorded declarations or closures of u, one
// per segment of segs, with the type checker's facts about each, or
// returns what the checker now refuses in one (they
// come from several cells, whose positions may coincide, and the
// generic funcs they copy may have been redefined since).
func (e *Evaluator) refactsOf(u *unit, segs []segment) error {
	var nodes []ast.Node
	switch {
	case u.file != nil:
		for _, d := range u.file.Decls {
			nodes = append(nodes, d)
		}
	case u.block != nil:
		for _, st := range u.block.List {
			nodes = append(nodes, st)
		}
	}
	if len(nodes) != len(segs) {
		return nil // cannot tell which facts are whose: yaegi's own errors then
	}
	for i, s := range segs {
		f, problems := e.segmentFacts(s)
		if len(problems) > 0 {
			// The interpreter would compile some of these (x := get()
			// with a get now returning two results took the first).
			p := problems[0]
			return &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg)}
		}
		if _, err := e.rewriteWithFacts(nodes[i], &f); err != nil {
			return err
		}
	}
	return nil
}

// restoreFuncs compiles again the recorded source of the funcs among
// names, after their new declarations failed to compile: yaegi had bound
// the names to the failed code, and a call panicked ("index out of range
// [0] with length 0") instead of running the earlier definition, which
// Go would have kept. Best effort: the cell reports its compile error
// anyway.
func (e *Evaluator) restoreFuncs(cctx, ctx context.Context, names []string) {
	if earlier := e.earlierFuncs(names); len(earlier) > 0 {
		_ = e.rerun(cctx, ctx, declSegments(earlier))
	}
}

// declSegments are the recorded declarations of entries, as segments
// placed where the cells wrote them.
func declSegments(entries []*entry) []segment {
	segs := make([]segment, len(entries))
	for i, en := range entries {
		segs[i] = segment{kind: segDecl, text: en.text, line: en.line, col: en.col}
	}
	return segs
}

// earlierFuncs are the recorded entries of the funcs among names, before
// new declarations replace them.
func (e *Evaluator) earlierFuncs(names []string) []*entry {
	var out []*entry
	for _, n := range names {
		if en := e.decls.entries[n]; en != nil && en.text != "" {
			out = append(out, en)
		}
	}
	return out
}

// keepEarlierFuncs puts back funcs whose new definitions broke code
// using them (a changed signature, func helper() string for one
// returning int): their callers, recompiled against the new ones, failed
// half-way, and calling them panicked with "index out of range [0] with
// length 0". It reports whether the earlier definitions and every caller
// compile again.
func (e *Evaluator) keepEarlierFuncs(cctx, ctx context.Context, earlier []*entry) bool {
	var names []string
	for _, en := range earlier {
		e.decls.put(en)
		names = append(names, en.sym.Name)
	}
	return e.rerun(cctx, ctx, declSegments(earlier)) == nil && e.refreshDependents(cctx, ctx, names) == nil
}

// stubBroken compiles again, one by one, the funcs of group (recorded
// declarations using a redefined name), and puts in place of each that
// no longer compiles one with its signature that panics saying why: half
// compiled, a call of it panicked with "index out of range [0] with
// length 0". The recorded source is kept, so that a later fix of the
// redefined name compiles it again.
func (e *Evaluator) stubBroken(cctx, ctx context.Context, group []segment, changed []string) {
	for _, seg := range group {
		if seg.kind != segDecl {
			continue
		}
		err := e.rerun(cctx, ctx, []segment{seg})
		if err == nil {
			continue
		}
		f, perr := parser.ParseFile(token.NewFileSet(), "", "package main\n"+seg.text, 0)
		if perr != nil || len(f.Decls) != 1 {
			continue
		}
		fd, ok := f.Decls[0].(*ast.FuncDecl)
		if !ok || fd.Body == nil || fd.Type.TypeParams != nil {
			continue
		}
		msg := fmt.Sprintf("%s no longer compiles since %s was redefined: %s", fd.Name.Name, strings.Join(changed, ", "), errText(err))
		fd.Body.List = []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(msg)}}}}}
		var b strings.Builder
		if format.Node(&b, token.NewFileSet(), fd) == nil {
			// A method's rerun records its text: the stub's must not
			// replace the method's own, which a later fix of the
			// redefined name compiles again (the method stayed a stub).
			kept := maps.Clone(e.decls.methods)
			_ = e.rerun(cctx, ctx, []segment{{kind: segDecl, text: b.String(), line: seg.line, col: seg.col}})
			maps.Copy(e.decls.methods, kept)
		}
	}
}
