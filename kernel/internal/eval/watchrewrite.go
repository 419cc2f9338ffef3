package eval

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
)

// The rewrite behind the deadlock check (see watch.go). Before each
// statement of cell code that can wait on a channel or a blocking call it
// inserts
//
//	__glrt.AtChan(site, ch)   // one per channel the statement uses
//	__glrt.At(site)           // when it uses none (select {}, wg.Wait())
//
// and a goroutine started by a cell begins with
// `defer __glrt.End(__glrt.Begin())`. The channels cells make are
// registered by the interpreter, wherever they go (Evaluator.made).
// Statements without a wait are left alone, so loops that only compute
// pay nothing. A channel
// written as anything but a plain name, field or index (a call such as
// time.After(d), ctx.Done()) makes the site external: it is never
// called stuck.

// blockingCalls are the method and function names whose calls are sites:
// sync waits, and sleeps so that a goroutine left sleeping has a line.
var blockingCalls = map[string]bool{"Wait": true, "Lock": true, "RLock": true, "Sleep": true}

// watchUnits rewrites the units of a cell.
func (e *Evaluator) watchUnits(units []*unit) {
	// Imports of this cell are not in the declaration table yet.
	e.w.imports = map[string]string{}
	for _, u := range units {
		if u.file == nil {
			continue
		}
		for _, im := range u.file.Imports {
			en := importEntry(im)
			e.w.imports[en.sym.Name] = en.sym.Decl
		}
	}
	for _, u := range units {
		switch {
		case u.final != nil:
			e.watchFinal(u)
		case u.block != nil:
			rewrite.ForEachStmtList(u.block, func(l []ast.Stmt) []ast.Stmt { return e.watchList(l, u.segs) })
		case u.file != nil:
			rewrite.ForEachStmtList(u.file, func(l []ast.Stmt) []ast.Stmt { return e.watchList(l, u.segs) })
		}
	}
}

// waits is what one statement may wait on.
type waits struct {
	op       string // of the first wait in the statement
	pos      token.Pos
	chans    []ast.Expr
	external bool // a channel that cannot be evaluated twice
	cases    int
}

func (w *waits) add(op string, pos token.Pos, ch ast.Expr) {
	if w.op == "" {
		w.op, w.pos = op, pos
	}
	if ch == nil {
		return
	}
	if simpleExpr(ch) {
		w.chans = append(w.chans, ch)
	} else {
		w.external = true
	}
}

// watchList inserts the labelling calls into one statement list.
func (e *Evaluator) watchList(list []ast.Stmt, segs []segment) []ast.Stmt {
	for _, s := range list {
		switch s.(type) {
		case *ast.CommClause, *ast.CaseClause:
			return list // the clauses of a switch or select, not statements
		}
	}
	list = rewrite.HoistWaitCalls(list, e.temp)
	out := make([]ast.Stmt, 0, len(list))
	if len(list) > 0 && isGuardDefer(list[0]) {
		pos := list[0].Pos()
		begin := &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__glrt", pos), Sel: rewrite.Ident("Begin", pos)}, Lparen: pos, Rparen: pos}
		end := &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__glrt", pos), Sel: rewrite.Ident("End", pos)}, Lparen: pos, Args: []ast.Expr{begin}, Rparen: pos}
		out = append(out, &ast.DeferStmt{Defer: pos, Call: end})
	}
	for _, s := range list {
		w := &waits{}
		collectWaits(s, w)
		if e.callsSourcePackage(s) {
			// Its code is not rewritten: a wait inside must not be taken
			// for the last site this goroutine passed.
			out = append(out, rtCall("Fresh", s.Pos()))
		}
		if w.op != "" {
			n := e.addSite(e.siteFor(w, s, segs))
			labels := labelStmts(n, w)
			out = append(out, labels...)
			relabelLoopBody(s, labels)
		}
		out = append(out, s)
		if d, ok := s.(*ast.DeferStmt); ok && isBlockingCall(d.Call) {
			// Deferred calls run newest first: this label runs right
			// before the wait, when the function returns.
			pos := d.Call.Pos()
			n := e.addSite(e.siteFor(&waits{op: "call", pos: pos}, s, segs))
			out = append(out, &ast.DeferStmt{Defer: pos, Call: rtCall("At", pos, &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(n)}).(*ast.ExprStmt).X.(*ast.CallExpr)})
		}
	}
	return out
}

// isBlockingCall reports a call of one of blockingCalls (wg.Wait()).
func isBlockingCall(c *ast.CallExpr) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	return ok && blockingCalls[sel.Sel.Name]
}

// siteFor describes the site of w in statement s.
func (e *Evaluator) siteFor(w *waits, s ast.Stmt, segs []segment) Site {
	p := e.i.FileSet().Position(w.pos)
	return Site{Line: p.Line, Col: p.Column, Op: w.op, Cases: w.cases, External: w.external,
		Code: e.stmtText(s, segs)}
}

// stmtText is the cell's source line where s starts, shortened.
func (e *Evaluator) stmtText(s ast.Stmt, segs []segment) string {
	line := e.i.FileSet().Position(s.Pos()).Line
	for _, sg := range segs {
		lines := strings.Split(sg.text, "\n")
		if i := line - sg.line; i >= 0 && i < len(lines) {
			t := strings.TrimSpace(lines[i])
			if len(t) > 60 {
				t = t[:57] + "..."
			}
			return t
		}
	}
	return ""
}

// labelStmts are the calls that label a goroutine with site n.
func labelStmts(n int, w *waits) []ast.Stmt {
	site := &ast.BasicLit{ValuePos: w.pos, Kind: token.INT, Value: strconv.Itoa(n)}
	if len(w.chans) == 0 {
		return []ast.Stmt{rtCall("At", w.pos, site)}
	}
	var out []ast.Stmt
	for _, ch := range w.chans {
		out = append(out, rtCall("AtChan", w.pos, site, ch))
	}
	return out
}

// relabelLoopBody repeats the labels at the end of a loop body whose
// header waits (range over a channel, a receive in the condition) when
// the body itself waits elsewhere: each new iteration waits at the header
// again, and the goroutine must say so.
func relabelLoopBody(s ast.Stmt, labels []ast.Stmt) {
	var body *ast.BlockStmt
	switch l := s.(type) {
	case *ast.RangeStmt:
		body = l.Body
	case *ast.ForStmt:
		body = l.Body
	case *ast.LabeledStmt:
		relabelLoopBody(l.Stmt, labels)
		return
	}
	if body != nil && hasLabelCall(body) {
		body.List = append(body.List, labels...)
	}
}

// collectWaits finds the waits directly in s: not in nested bodies
// (their own lists get their own labels) nor in function literals.
func collectWaits(s ast.Stmt, w *waits) {
	switch x := s.(type) {
	case *ast.SelectStmt:
		w.op, w.pos = "select", x.Select
		for _, c := range x.Body.List {
			cc := c.(*ast.CommClause)
			w.cases++
			switch comm := cc.Comm.(type) {
			case *ast.SendStmt:
				w.add("select", x.Select, comm.Chan)
			case nil:
				w.cases-- // default: not a case that waits
			default:
				inspectWaits(comm, w)
			}
		}
	case *ast.RangeStmt:
		w.add("range", x.For, x.X)
	case *ast.ForStmt:
		for _, n := range []ast.Node{x.Init, x.Cond, x.Post} {
			inspectWaits(n, w)
		}
	case *ast.IfStmt:
		inspectWaits(x.Init, w)
		inspectWaits(x.Cond, w)
	case *ast.SwitchStmt:
		inspectWaits(x.Init, w)
		inspectWaits(x.Tag, w)
	case *ast.TypeSwitchStmt:
		inspectWaits(x.Init, w)
		inspectWaits(x.Assign, w)
	case *ast.LabeledStmt:
		collectWaits(x.Stmt, w)
	case *ast.BlockStmt, *ast.GoStmt:
	default:
		inspectWaits(s, w)
	}
}

// inspectWaits adds the receives, sends and blocking calls in n.
func inspectWaits(n ast.Node, w *waits) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.FuncLit, *ast.BlockStmt:
			return false
		case *ast.SendStmt:
			w.add("send", v.Pos(), v.Chan)
		case *ast.UnaryExpr:
			if v.Op == token.ARROW {
				w.add("recv", v.OpPos, v.X)
			}
		case *ast.CallExpr:
			if isBlockingCall(v) {
				w.add("call", v.Pos(), nil)
			}
		}
		return true
	})
}

// simpleExpr reports whether x can be evaluated a second time without
// effects: names, fields, indexes by names or literals, dereferences.
func simpleExpr(x ast.Expr) bool {
	switch v := x.(type) {
	case *ast.Ident:
		return v.Name != "nil" && v.Name != "_"
	case *ast.SelectorExpr:
		return simpleExpr(v.X)
	case *ast.ParenExpr:
		return simpleExpr(v.X)
	case *ast.StarExpr:
		return simpleExpr(v.X)
	case *ast.IndexExpr:
		_, lit := v.Index.(*ast.BasicLit)
		return simpleExpr(v.X) && (lit || simpleExpr(v.Index))
	}
	return false
}

// isGuardDefer reports the `defer __gl_guard()` that starts a goroutine
// body made by guardGo.
func isGuardDefer(s ast.Stmt) bool {
	d, ok := s.(*ast.DeferStmt)
	if !ok {
		return false
	}
	id, ok := d.Call.Fun.(*ast.Ident)
	return ok && id.Name == "__gl_guard"
}

// hasLabelCall reports whether b (not counting function literals) already
// labels its goroutine somewhere.
func hasLabelCall(b *ast.BlockStmt) bool {
	found := false
	ast.Inspect(b, func(x ast.Node) bool {
		if _, ok := x.(*ast.FuncLit); ok || found {
			return false
		}
		if c, ok := x.(*ast.CallExpr); ok {
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "__glrt" && strings.HasPrefix(sel.Sel.Name, "At") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// rtCall is the statement `__glrt.name(args...)` placed at pos.
func rtCall(name string, pos token.Pos, args ...ast.Expr) ast.Stmt {
	fun := &ast.SelectorExpr{X: rewrite.Ident("__glrt", pos), Sel: rewrite.Ident(name, pos)}
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: fun, Lparen: pos, Args: args, Rparen: pos}}
}

// callsSourcePackage reports whether s (outside nested bodies) calls into
// a package interpreted from source (a teacher's package), whose waits the
// rewrite never labels. slices, maps and cmp never wait.
func (e *Evaluator) callsSourcePackage(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.BlockStmt, *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt,
		*ast.TypeSwitchStmt, *ast.SelectStmt, *ast.LabeledStmt, *ast.GoStmt:
		return false
	}
	found := false
	ast.Inspect(s, func(x ast.Node) bool {
		if _, ok := x.(*ast.FuncLit); ok || found {
			return false
		}
		call, ok := x.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		p, ok := e.w.imports[pkg.Name]
		if en := e.decls.entries[pkg.Name]; !ok && en != nil && en.sym.Kind == symtab.KindImport {
			p, ok = en.sym.Decl, true
		}
		found = ok && p != "slices" && p != "maps" && p != "cmp" && !e.hasCompiled(p)
		return !found
	})
	return found
}
