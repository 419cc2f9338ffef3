package eval

import (
	"context"
	"encoding/base64"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"time"

	"golessons/display"
	"golessons/kernel/internal/eval/rewrite"
)

// richMethods maps the methods a cell's type can have to the MIME type
// they produce. String and Error give the text/plain form.
var richMethods = []struct{ method, mime string }{
	{"String", display.MIMEText}, {"Error", display.MIMEText},
	{"HTML", display.MIMEHTML}, {"SVG", display.MIMESVG}, {"Markdown", display.MIMEMarkdown},
	{"Latex", display.MIMELatex}, {"JSON", display.MIMEJSON}, {"PNG", display.MIMEPNG}, {"JPEG", display.MIMEJPEG},
}

// yaegi's interface assertions on values of types declared in cells are
// unreliable (a struct stored in an interface loses its methods), so the
// rich forms of such a value are obtained by calling the methods
// statically: the value is kept in __gl_v and `__gl_v.HTML()` is
// compiled for each rich method that some user type declares; a compile
// error simply means this value's type lacks it.

// runFinal shows the final expression. A call with two results is shown
// as a pair, except the fmt print family (whose results nobody wants to
// see); a call with no result or more runs as a plain statement.
func (e *Evaluator) runFinal(cctx, ctx context.Context, u *unit) error {
	pos, end := u.final.Pos(), u.final.End()
	show := func(fn string, x ast.Expr) *ast.BlockStmt {
		return block(pos, end, &ast.ExprStmt{X: &ast.CallExpr{Fun: rewrite.Ident(fn, pos), Lparen: pos, Args: []ast.Expr{x}, Rparen: end}})
	}
	// Compiling __gl_show(E) first proves E has exactly one value: yaegi
	// wrongly accepts `v := f()` for f with zero or two results.
	p, err := e.compile(show("__gl_show", u.final))
	if err != nil && e.inferTypeArgs(u.final) {
		p, err = e.compile(show("__gl_show", u.final))
	}
	if err != nil {
		if !isPrintCall(u.final) {
			if p2, err2 := e.compile(show("__gl_show2", u.final)); err2 == nil {
				return e.execute(cctx, ctx, p2)
			}
		}
		if p, err = e.compile(block(pos, end, &ast.ExprStmt{X: u.final})); err != nil {
			return e.explainCompile(e.diagnose(err, u), u)
		}
		return e.execute(cctx, ctx, p)
	}
	methods := e.userRichMethods()
	if len(e.decls.methods) == 0 {
		return e.execute(cctx, ctx, p)
	}
	keep := &ast.AssignStmt{Lhs: []ast.Expr{rewrite.Ident("__gl_v", pos)}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{u.final}}
	pv, err := e.compile(block(pos, end, keep))
	if typ := e.facts.f.FinalType; err != nil && typ != "" {
		// A generic call: declared with the checker's type, then assigned.
		if tx, perr := parser.ParseExpr(typ); perr == nil {
			decl := &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{
				&ast.ValueSpec{Names: []*ast.Ident{rewrite.Ident("__gl_v", pos)}, Type: tx}}}}
			keep.Tok = token.ASSIGN
			pv, err = e.compile(&ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{decl, keep}, Rbrace: end})
		}
	}
	if err != nil { // e.g. a generic call yaegi cannot assign at top level
		return e.execute(cctx, ctx, p)
	}
	if err := e.execute(cctx, ctx, pv); err != nil {
		return err
	}
	e.tryPlain(cctx, ctx, pos, end)
	for _, m := range richMethods {
		if methods[m.method] {
			e.tryRich(cctx, ctx, m.mime, m.method, pos, end)
		}
	}
	ps, err := e.compile(show("__gl_show", rewrite.Ident("__gl_v", pos)))
	if err != nil {
		return nil // the value was computed; only its display failed
	}
	return e.execute(cctx, ctx, ps)
}

// isPrintCall reports whether x calls fmt.Print*, fmt.Fprint* or
// fmt.Scan*: statements in spirit, whatever they return.
func isPrintCall(x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	n := sel.Sel.Name
	return ok && pkg.Name == "fmt" && (strings.HasPrefix(n, "Print") || strings.HasPrefix(n, "Fprint") || strings.Contains(n, "Scan"))
}

// tryRich records `__gl_v.method()` under mime if it compiles.
func (e *Evaluator) tryRich(cctx, ctx context.Context, mime, method string, pos, end token.Pos) {
	call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__gl_v", pos), Sel: rewrite.Ident(method, pos)}, Lparen: pos, Rparen: end}
	rich := &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__glrt", pos), Sel: rewrite.Ident("Rich", pos)}, Lparen: pos,
		Args: []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: `"` + mime + `"`}, call}, Rparen: end}
	if p, err := e.compile(block(pos, end, &ast.ExprStmt{X: rich})); err == nil {
		_ = e.execute(cctx, ctx, p) // a failing method just leaves that form out
	}
}

// tryPlain records fmt.Sprint(__gl_v), formatted while the static type
// is known: a value of a cell type with methods reaches compiled code as
// yaegi's internal wrapper, which %v would print as pointers.
func (e *Evaluator) tryPlain(cctx, ctx context.Context, pos, end token.Pos) {
	var v ast.Expr = rewrite.Ident("__gl_v", pos)
	es := e.facts.f.FinalElems
	wrapped := len(es) == 1 && e.facts.cell != "" // a []Celsius: the elements' String
	if wrapped {
		v = rewrite.WrapElems(v, rewrite.ElemStringer(es[0]))
	}
	sprint := &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__glfmt", pos), Sel: rewrite.Ident("Sprint", pos)}, Lparen: pos,
		Args: []ast.Expr{v}, Rparen: end}
	call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: rewrite.Ident("__glrt", pos), Sel: rewrite.Ident("Plain", pos)}, Lparen: pos, Args: []ast.Expr{sprint}, Rparen: end}
	if p, err := e.compile(block(pos, end, &ast.ExprStmt{X: call})); err == nil {
		_ = e.execute(cctx, ctx, p)
		e.mu.Lock()
		e.plainElems = wrapped && e.plain != ""
		e.mu.Unlock()
	}
}

func block(pos, end token.Pos, s ast.Stmt) *ast.BlockStmt {
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{s}, Rbrace: end}
}

// userRichMethods returns the rich method names declared on user types.
func (e *Evaluator) userRichMethods() map[string]bool {
	out := map[string]bool{}
	for _, m := range e.decls.methods {
		for _, r := range richMethods {
			if m.name == r.method {
				out[m.name] = true
			}
		}
	}
	return out
}

// rich stores one rich form of the final value (called from interpreted code).
func (e *Evaluator) rich(mime string, v any) {
	if b, ok := v.([]byte); ok {
		v = base64.StdEncoding.EncodeToString(b)
	}
	e.mu.Lock()
	if e.richOut == nil {
		e.richOut = map[string]any{}
	}
	e.richOut[mime] = v
	e.mu.Unlock()
}

// show builds the bundle of the final value: display.Bundle sees the
// methods of compiled types (demos.Timeline's SVG) and image.Image; the
// forms recorded by rich win.
func (e *Evaluator) show(v any) {
	data := display.Bundle(v)
	e.mu.Lock()
	defer e.mu.Unlock()
	if t := reflect.TypeOf(v); t != nil && e.plain != "" && (strings.Contains(t.PkgPath(), "/yaegi/") ||
		e.plainElems || e.names.needsStringer(t, map[reflect.Type]bool{})) {
		// the kernel's fmt calls the String methods of the cells' types
		// inside the value ([]Point, []Celsius), which compiled %v cannot
		data[display.MIMEText] = e.plain
	}
	for k, r := range e.richOut {
		data[k] = r
	}
	e.richOut, e.plain, e.plainElems = nil, "", false
	e.shown = data
}

// setPlain stores the statically formatted text of the final value.
func (e *Evaluator) setPlain(s string) {
	e.mu.Lock()
	e.plain = s
	e.mu.Unlock()
}

// showPair shows the two results of a call, like (12, <nil>).
func (e *Evaluator) showPair(a, b any) {
	text := func(v any) string { return display.Bundle(v)[display.MIMEText].(string) }
	e.mu.Lock()
	defer e.mu.Unlock()
	e.shown = map[string]any{display.MIMEText: "(" + text(a) + ", " + text(b) + ")"}
}

// settleGoroutines waits briefly for goroutines of the cell that are
// ending: a goroutine's own deferred calls (wg.Done) run before its guard
// records a panic, so the cell could otherwise finish first and report
// success. The wait ends as soon as no guarded goroutine is left, a panic
// is recorded, or after a few milliseconds (goroutines that keep running
// after their cell are normal).
func (e *Evaluator) settleGoroutines() {
	deadline := time.NewTimer(settleWait)
	defer deadline.Stop()
	for {
		e.mu.Lock()
		if e.live == 0 || e.goPanic != "" {
			e.mu.Unlock()
			return
		}
		ch := e.changed
		e.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			return
		}
	}
}

// settleWait bounds settleGoroutines.
const settleWait = 5 * time.Millisecond
