package eval

import (
	"go/ast"
	"go/parser"
	"go/types"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/typecheck"
)

// The loop rewrites themselves (Go 1.22's per-iteration variables and
// range over an integer) are in package rewrite; rewriteLoops chooses,
// for each loop, the one it needs, with what the evaluator knows of
// iterators and integers.

// rewriteLoops applies the range-over-int and per-iteration rewrites to
// every loop below n, including loops inside function literals.
func (e *Evaluator) rewriteLoops(n ast.Node, ints rewrite.IntNames) {
	rewrite.ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		for i, s := range list {
			list[i] = e.rewriteLoopStmt(s, ints)
		}
		return list
	})
}

// rewriteLoopStmt rewrites one statement if it is a loop (possibly
// labelled); the loop's body has already been visited.
func (e *Evaluator) rewriteLoopStmt(s ast.Stmt, ints rewrite.IntNames) ast.Stmt {
	label := ""
	inner := s
	if l, ok := s.(*ast.LabeledStmt); ok {
		label, inner = l.Label.Name, l.Stmt
	}
	if r, ok := inner.(*ast.RangeStmt); ok && e.seqs != nil {
		if f, arg := e.pkgCall(r.X, "slices"); f == "Backward" {
			return rewrite.RangeBackward(s, r, arg, e.temp)
		}
		e.rangeOverStdSeqs(r)
		if a := e.exprArity(r.X, e.seqs); a > 0 {
			return rewrite.RangeFunc(s, r, a, e.temp, e.seqFieldType)
		}
		if rf, ok := e.rangeFact(r); ok && rf.Arity > 0 { // an iterator the syntax did not show
			t, err := parser.ParseExpr(rf.Type)
			typed := func(ast.Expr) ast.Expr {
				if err != nil {
					return nil
				}
				return t
			}
			return rewrite.RangeFunc(s, r, rf.Arity, e.temp, typed)
		}
	}
	var out ast.Stmt
	switch loop := inner.(type) {
	case *ast.RangeStmt:
		e.rangeOverKeys(loop)
		// The type checker's word first: the syntactic guess (ints) goes
		// by name, and took `for i := range n` over a []string n for a
		// range over an int when an int n was declared elsewhere.
		if rf, known := e.rangeFact(loop); rf.Int || !known && ints.IsInt(loop.X) {
			f, pre := rewrite.RangeIntToFor(loop, e.temp)
			rewrite.PerIteration(f, label, e.temp)
			out = rewrite.WrapLabel(f, s)
			return &ast.BlockStmt{Lbrace: loop.Pos(), List: []ast.Stmt{pre, out}, Rbrace: loop.End()}
		}
		if rf, _ := e.rangeFact(loop); rf.ChanValue {
			pre, out := rewrite.RangeByIndex(s, loop, e.temp)
			return &ast.BlockStmt{Lbrace: loop.Pos(), List: []ast.Stmt{pre, out}, Rbrace: loop.End()}
		}
		rewrite.PerIterationRange(loop)
	case *ast.ForStmt:
		rewrite.PerIteration(loop, label, e.temp)
	}
	return s
}

// rangeOverKeys makes `for k := range maps.Keys(m)` a range over m
// itself (maps.Values: `for _, v := range m`) when the type checker's
// facts did not already (rewrite.Seqs): the generic Keys cannot run.
func (e *Evaluator) rangeOverKeys(r *ast.RangeStmt) {
	if r.Value != nil {
		return
	}
	call, ok := r.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Keys" && sel.Sel.Name != "Values") {
		return
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "maps" {
		return
	}
	if en := e.decls.entries["maps"]; en != nil && en.sym.Kind != "import" {
		return // a user variable named maps
	}
	r.X = call.Args[0]
	if sel.Sel.Name == "Values" && r.Key != nil {
		r.Value = r.Key
		r.Key = rewrite.Ident("_", r.Key.Pos())
	}
}

// seqFieldType is the declared type of a struct field holding an
// iterator, for rewrite.RangeFunc: yaegi cannot infer __gl_next's type
// argument from a value read out of a struct.
func (e *Evaluator) seqFieldType(x ast.Expr) ast.Expr {
	if sel, ok := x.(*ast.SelectorExpr); ok && e.seqs != nil {
		return e.seqs.fieldTypes[sel.Sel.Name]
	}
	return nil
}

// rangeFact is the type checker's fact about the range loop r, when it
// is about this very loop (the ranged expression reads the same).
// rangesNeedSeqs reports whether the type checker found a range loop
// over an iterator or an integer (the facts hold every loop it knows).
func (e *Evaluator) rangesNeedSeqs() bool {
	for _, rf := range e.facts.f.Ranges {
		if rf.Arity > 0 || rf.Int || rf.ChanValue {
			return true
		}
	}
	return false
}

func (e *Evaluator) rangeFact(r *ast.RangeStmt) (typecheck.RangeFact, bool) {
	rf, ok := e.facts.f.Ranges[e.factPos(r.For)]
	if !ok || rf.X != types.ExprString(r.X) {
		return typecheck.RangeFact{}, false
	}
	return rf, true
}
