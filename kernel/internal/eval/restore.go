package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"time"

	"golessons/kernel/internal/eval/rewrite"
)

// itemBudget bounds the replay of one restored item, so that one slow item
// cannot use up the time the kernel gives the whole restore.
const itemBudget = 2 * time.Second

// Restore replays the earlier cells in a fresh evaluator (after the runner
// had to restart its process), keeping only what is provably free of
// effects: imports, types, funcs, methods, consts, and variables and
// assignments whose values are built from literals, composite literals,
// make/new, conversions, known-pure builtins and functions, and names
// already restored. Anything else (a call of a user function, a method, a
// loop, output, a file opened) may have had effects that must not happen
// twice, so it is not re-run and is named in lost with its cell, as is a
// variable whose value such a statement may have changed. It returns the
// names kept and what was lost.
//
// A type, a generic type's method and a method whose signature changed
// are replayed as the last of the cells, and next, declared them: the
// interpreter cannot change them in place, so a cell changing one (next)
// runs in a fresh evaluator after the replay, and the earlier code using
// it is compiled against the new declaration (what no longer compiles is
// lost). next itself is not run.
func (e *Evaluator) Restore(ctx context.Context, cells []string, numbers []int, next string) (kept, lost []string) {
	// A pasted program's main ran when its cell ran; replaying the cell
	// must not run it again (run.go).
	e.replaying = true
	defer func() { e.replaying = false }()
	r := &restorer{
		e:        e,
		imports:  map[string]string{},
		types:    map[string]bool{},
		bodies:   map[string][]*ast.FuncDecl{},
		vars:     map[string]bool{},
		stale:    map[string]int{},
		cellDefs: map[int]map[string]bool{},
		numbers:  numbers,
	}
	r.final, r.strict = finalTypes(append(cells[:len(cells):len(cells)], next))
	for n, cell := range cells {
		for _, s := range splitCell(cell) {
			if ctx.Err() != nil {
				r.lost = append(r.lost, r.cell(n+1)+" and later: the restore was stopped")
				return r.result()
			}
			r.segment(ctx, n+1, s)
		}
	}
	return r.result()
}

// restorer is what Restore has learnt from the cells replayed so far.
type restorer struct {
	e       *Evaluator
	imports map[string]string          // local package name → import path
	types   map[string]bool            // declared type names
	bodies  map[string][]*ast.FuncDecl // func name, or "."+method name → declarations
	vars    map[string]bool            // variables restored
	stale   map[string]int             // restored variable → cell that may have changed it
	// cellDefs are the names each cell's statements replayed so far
	// define (lost ones too), by cell.
	cellDefs map[int]map[string]bool
	final    map[string]string // type name → its last declaration's spec text
	// strict: a type changed, and code that compiled against its old
	// declaration is replayed against the new one. Any error go/types
	// finds then refuses it: the interpreter would keep half of code
	// that does not compile (a method it lists but cannot call).
	strict bool
	lost   []string
	// numbers are the cells' execution counts (In [3]), by which notes
	// name them; a cell without one is named by its place among cells.
	numbers []int
}

// cell names the nth cell replayed (from 1).
func (r *restorer) cell(n int) string {
	if n-1 < len(r.numbers) && r.numbers[n-1] > 0 {
		return fmt.Sprintf("cell [%d]", r.numbers[n-1])
	}
	return fmt.Sprintf("cell %d", n)
}

func (r *restorer) result() (kept, lost []string) {
	for _, s := range r.e.Symbols() {
		kept = append(kept, s.Name)
	}
	lost = r.lost
	for _, s := range r.e.Symbols() {
		if c, ok := r.stale[s.Name]; ok {
			lost = append(lost, fmt.Sprintf("the value of %s (%s may have changed it)", s.Name, r.cell(c)))
		}
	}
	return kept, lost
}

// segment replays one segment of cell n.
func (r *restorer) segment(ctx context.Context, n int, s segment) {
	switch s.kind {
	case segImport, segDecl:
		s.text = withTypes(s.text, r.final)
		r.learnDecls(s)
		if r.replay(ctx, s, s.text, nil) == nil {
			return
		}
		// One bad declaration should not take its neighbours down.
		for _, it := range scanItems(s.text) {
			text := s.text[it.start:it.end]
			if err := r.replay(ctx, s, blankExcept(s.text, it), nil); err != nil {
				r.lost = append(r.lost, fmt.Sprintf("%s: %s (%s)", r.cell(n), short(text), errText(err)))
			}
		}
	default:
		for _, it := range scanItems(s.text) {
			r.statement(ctx, n, s, it)
		}
	}
}

// statement replays one top-level statement of cell n if it is free of
// effects, and records it as lost otherwise.
func (r *restorer) statement(ctx context.Context, n int, s segment, it topItem) {
	text := s.text[it.start:it.end]
	list, err := parseStmt(text)
	if err != nil || len(list) != 1 {
		r.lose(n, text, nil, "")
		return
	}
	st := list[0]
	own := stmtDefs(list)
	defer func() {
		if r.cellDefs[n] == nil {
			r.cellDefs[n] = map[string]bool{}
		}
		for _, name := range own {
			r.cellDefs[n][name] = true
		}
	}()
	if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) > 1 {
		// a, b := 2, 3 after a := 1 in the same cell assigns that a, but
		// replayed alone it would declare a new one (a pointer taken to
		// the first would no longer see it): not replayed, and said so.
		for _, name := range own {
			if r.cellDefs[n][name] {
				r.lose(n, text, st, "it assigns "+name+", declared above it in the cell, which a replay of it alone would declare anew")
				return
			}
		}
	}
	targets, ok := r.pureStmt(st)
	if !ok {
		if es, isExpr := st.(*ast.ExprStmt); isExpr && r.pure(es.X) {
			return // it only showed a value: nothing to restore
		}
		r.lose(n, text, st, "")
		return
	}
	if err := r.replay(ctx, s, blankExcept(s.text, it), own); err != nil {
		r.lose(n, text, st, errText(err))
		return
	}
	from := r.staleCell(st)
	for _, name := range targets {
		r.vars[name] = true
		switch {
		case from > 0:
			r.stale[name] = from
		case isFullAssign(st):
			delete(r.stale, name)
		}
	}
}

// lose records a statement that was not re-run (why empty: it may have
// effects) or that failed (why says how).
// Variables it defines are lost; restored ones it may change become stale.
func (r *restorer) lose(n int, text string, st ast.Stmt, why string) {
	entry := r.cell(n) + ": " + short(text)
	if why != "" {
		entry += " (" + why + ")"
	}
	r.lost = append(r.lost, entry)
	if st == nil {
		return
	}
	for name := range r.refs(st) {
		if r.vars[name] {
			r.stale[name] = n
		}
	}
}

// replay runs text (a cell-sized text with only the item to replay) under
// the item budget. own are the names a replayed statement defines: the
// checker leaves an earlier cell's variable out of a cell defining it
// again, so `x := x * 10` reads an undefined x there; the evaluator runs
// it from the earlier x (rewrite.SelfDefine), and that error is no reason
// to refuse it.
func (r *restorer) replay(ctx context.Context, s segment, text string, own []string) error {
	ictx, cancel := context.WithTimeout(ctx, itemBudget)
	defer cancel()
	s.text = text
	// Checked first, as Eval does: code Go refuses (an earlier cell's
	// method using a field the type no longer has) must not reach the
	// interpreter, which would keep half of it (a var holding a zero
	// value, a method it lists but cannot call).
	if err := r.e.typecheck(segmentCell(s)); err != nil {
		return err
	}
	if r.strict {
		for _, e := range r.e.facts.f.Errors {
			if name, ok := strings.CutPrefix(e.Msg, "undefined: "); ok && slices.Contains(own, name) {
				continue
			}
			return &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)}
		}
	}
	_, err := r.e.run(ictx, segmentCell(s), true)
	if err != nil && ictx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
		return fmt.Errorf("took over %v", itemBudget)
	}
	return err
}

// learnDecls records the imports, types and function bodies of a
// declaration segment.
func (r *restorer) learnDecls(s segment) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+s.text, parser.SkipObjectResolution)
	if err != nil {
		return
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		r.imports[name] = path
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			key := d.Name.Name
			if d.Recv != nil {
				key = "." + key
			}
			if d.Body != nil {
				r.bodies[key] = append(r.bodies[key], d)
			}
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				if ts, ok := sp.(*ast.TypeSpec); ok {
					r.types[ts.Name.Name] = true
				}
			}
		}
	}
}

// blankExcept returns text with every byte outside item it replaced by a
// space (newlines kept), so positions stay those of the cell.
func blankExcept(text string, it topItem) string {
	b := []byte(text)
	for k := range b {
		if (k < it.start || k >= it.end) && b[k] != '\n' {
			b[k] = ' '
		}
	}
	return string(b)
}

// short is the first line of a statement, cut to a readable length.
func short(text string) string {
	text = strings.TrimSuffix(strings.TrimSpace(text), ";") // one of several statements on a line
	text = strings.TrimSpace(text)
	cut := false
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text, cut = text[:i], true
	}
	if r := []rune(text); len(r) > 50 {
		text, cut = string(r[:50]), true
	}
	if cut {
		text += " …"
	}
	return text
}

// segmentCell rebuilds cell text whose lines match the segment's.
func segmentCell(s segment) string {
	return strings.Repeat("\n", s.line-1) + strings.Repeat(" ", s.col-1) + s.text
}

// parseStmt parses text as the statements of a function body.
func parseStmt(text string) ([]ast.Stmt, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p; func _() {\n"+text+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	return f.Decls[0].(*ast.FuncDecl).Body.List, nil
}

// staleCell returns the cell that may have changed a variable st reads,
// or 0.
func (r *restorer) staleCell(st ast.Stmt) int {
	for name := range r.refs(st) {
		if c, ok := r.stale[name]; ok {
			return c
		}
	}
	return 0
}

// refs returns the global names n may read or change: those it mentions,
// and those mentioned by the cell functions and methods it may call,
// transitively (names a function declares itself are its own).
func (r *restorer) refs(n ast.Node) map[string]bool {
	seen := map[string]bool{}
	visited := map[*ast.FuncDecl]bool{}
	var walk func(n ast.Node, locals map[string]bool)
	walk = func(n ast.Node, locals map[string]bool) {
		ast.Inspect(n, func(x ast.Node) bool {
			var key string
			switch x := x.(type) {
			case *ast.Ident:
				if !locals[x.Name] {
					seen[x.Name] = true
				}
				key = x.Name
			case *ast.SelectorExpr:
				key = "." + x.Sel.Name
			}
			for _, fd := range r.bodies[key] {
				if !visited[fd] {
					visited[fd] = true
					walk(fd.Body, declared(fd))
				}
			}
			return true
		})
	}
	walk(n, nil)
	return seen
}

// declared returns the names a function declares: receiver, parameters,
// results and its local variables.
func declared(fd *ast.FuncDecl) map[string]bool {
	names := map[string]bool{}
	add := func(ids ...*ast.Ident) {
		for _, id := range ids {
			names[id.Name] = true
		}
	}
	for _, fl := range []*ast.FieldList{fd.Recv, fd.Type.Params, fd.Type.Results} {
		if fl != nil {
			for _, f := range fl.List {
				add(f.Names...)
			}
		}
	}
	ast.Inspect(fd.Body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						add(id)
					}
				}
			}
		case *ast.ValueSpec:
			add(x.Names...)
		case *ast.RangeStmt:
			if x.Tok == token.DEFINE {
				for _, l := range []ast.Expr{x.Key, x.Value} {
					if id, ok := l.(*ast.Ident); ok {
						add(id)
					}
				}
			}
		}
		return true
	})
	return names
}

// typeSpec is where a type spec, or a method, is in a declaration
// segment's text.
type typeSpec struct {
	name       string // the type's name; "Stack.Push" for a method
	start, end int
	shape      string // a method of a type that is not generic: its methodEntry.shape
	recovers   bool   // such a method calls recover (callsRecover)
}

// typeSpecs finds the type specs and methods of a declaration segment's
// text.
func typeSpecs(text string) []typeSpec {
	const prefix = "package p\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", prefix+text, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var out []typeSpec
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 && fd.Body != nil {
			// A generic type's method cannot change in place either, nor
			// another's signature.
			ts := typeSpec{name: typeNameOf(fd.Recv.List[0].Type) + "." + fd.Name.Name,
				start: fset.Position(fd.Pos()).Offset - len(prefix), end: fset.Position(fd.End()).Offset - len(prefix)}
			if !rewrite.GenericRecv(fd.Recv.List[0].Type) {
				ts.recovers = callsRecover(fd.Body)
				ts.shape = exprString(unnamedFuncType(methodLiteral(fd).Type))
			}
			out = append(out, ts)
			continue
		}
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, sp := range g.Specs {
			ts := sp.(*ast.TypeSpec)
			out = append(out, typeSpec{name: ts.Name.Name, start: fset.Position(ts.Pos()).Offset - len(prefix), end: fset.Position(ts.End()).Offset - len(prefix)})
		}
	}
	return out
}

// finalTypes maps each type the cells declare to the text of its last
// declaration's spec (`Job struct{ ID int }`), and each method of a
// generic type, or whose signature changed, or that calls recover and
// changed, to its last declaration; it
// says whether one of them was declared differently.
func finalTypes(cells []string) (final map[string]string, changed bool) {
	final = map[string]string{}
	methods := map[string]string{}         // a plain type's method → its last text
	shapes := map[string]map[string]bool{} // and the signatures it had
	texts := map[string]map[string]bool{}  // and its texts
	recovers := map[string]bool{}          // one of which calls recover
	for _, cell := range cells {
		for _, s := range splitCell(cell) {
			if s.kind != segDecl {
				continue
			}
			for _, ts := range typeSpecs(s.text) {
				text := s.text[ts.start:ts.end]
				if ts.shape != "" {
					// Its body may change freely (every declaration runs);
					// only a changed signature makes the last one final.
					methods[ts.name] = text
					if shapes[ts.name] == nil {
						shapes[ts.name] = map[string]bool{}
					}
					shapes[ts.name][ts.shape] = true
					if texts[ts.name] == nil {
						texts[ts.name] = map[string]bool{}
					}
					texts[ts.name][text] = true
					recovers[ts.name] = recovers[ts.name] || ts.recovers
					continue
				}
				if old, ok := final[ts.name]; ok && old != text {
					changed = true
				}
				final[ts.name] = text
			}
		}
	}
	for name, sh := range shapes {
		if len(sh) > 1 || recovers[name] && len(texts[name]) > 1 {
			final[name], changed = methods[name], true
		}
	}
	return final, changed
}

// withTypes is a declaration segment's text with each type spec replaced
// by the type's final one.
func withTypes(text string, final map[string]string) string {
	specs := typeSpecs(text)
	for i := len(specs) - 1; i >= 0; i-- {
		ts := specs[i]
		if f, ok := final[ts.name]; ok && f != text[ts.start:ts.end] {
			text = text[:ts.start] + f + text[ts.end:]
		}
	}
	return text
}
