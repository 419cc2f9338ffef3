package eval

import (
	"context"
	"errors"
	"go/ast"
	"runtime/pprof"
)

// watchFinal records the site of a final expression that waits; the
// expression runs as its own program, so runWatched labels the goroutine
// that starts it, whose labels that program's goroutine inherits.
func (e *Evaluator) watchFinal(u *unit) {
	w := &waits{}
	inspectWaits(u.final, w)
	if w.op == "" {
		return
	}
	st := &ast.ExprStmt{X: u.final}
	n := e.addSite(e.siteFor(w, st, u.segs))
	e.w.mu.Lock()
	if e.w.final == nil {
		e.w.final = map[*unit]finalSite{}
	}
	e.w.final[u] = finalSite{id: n, stmts: labelStmts(n, w)}
	e.w.mu.Unlock()
}

// runWatched runs a unit; for a final expression that waits it first
// classifies the channels and labels the calling goroutine.
func (e *Evaluator) runWatched(cctx, ctx context.Context, u *unit, user bool) error {
	e.w.mu.Lock()
	fs, ok := e.w.final[u]
	delete(e.w.final, u)
	e.w.mu.Unlock()
	defer e.keepDone()
	if !ok {
		return e.runUnit(cctx, ctx, u, user)
	}
	// Positions put the block in the cell's file, where __glrt is known.
	p, err := e.compile(&ast.BlockStmt{Lbrace: u.final.Pos(), List: fs.stmts, Rbrace: u.final.End()})
	if err == nil {
		err = e.execute(cctx, ctx, p)
	}
	s := e.siteAt(fs.id)
	if err != nil {
		if ctx.Err() != nil || errors.Is(context.Cause(cctx), errAborted) {
			return err
		}
		s.external.Store(true) // channels unchecked: never call this site stuck
	}
	pprof.SetGoroutineLabels(s.labels)
	defer pprof.SetGoroutineLabels(cellLabels)
	return e.runUnit(cctx, ctx, u, user)
}
