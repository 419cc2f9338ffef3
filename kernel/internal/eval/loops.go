package eval

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"

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
	plain := e.plainRanges(n)
	rewrite.ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		for i, s := range list {
			if r, ok := unlabelled(s).(*ast.RangeStmt); ok && plain[r] {
				list[i] = e.rewriteLoopStmt(s, ints, false)
				continue
			}
			list[i] = e.rewriteLoopStmt(s, ints, true)
		}
		return list
	})
}

func unlabelled(s ast.Stmt) ast.Stmt {
	if l, ok := s.(*ast.LabeledStmt); ok {
		return l.Stmt
	}
	return s
}

// plainRanges are the range loops below n over a name that the function
// around them declares as no iterator: a parameter of a type that is no
// iterator (s []T), or a variable made from a literal or by make. The
// iterator names (seqScope.names) go by name only, so such a loop was
// taken for a range over another func's iterator parameter s; where the
// type checker has no word (a generic func the kernel instantiates, whose
// positions are the kernel's), this is what tells them apart.
func (e *Evaluator) plainRanges(n ast.Node) map[*ast.RangeStmt]bool {
	var funcs []ast.Node
	ast.Inspect(n, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			funcs = append(funcs, x)
		}
		return true
	})
	out := map[*ast.RangeStmt]bool{}
	ast.Inspect(n, func(x ast.Node) bool {
		r, ok := x.(*ast.RangeStmt)
		if !ok {
			return true
		}
		id, ok := r.X.(*ast.Ident)
		if !ok {
			return true
		}
		// The innermost function around r declaring the name decides.
		var best ast.Node
		plain, found := false, false
		for _, f := range funcs {
			if f.Pos() > r.Pos() || f.End() < r.End() || (best != nil && f.Pos() < best.Pos()) {
				continue
			}
			if p, ok := e.declaresPlain(f, id.Name, r.Pos()); ok {
				best, plain, found = f, p, true
			}
		}
		if found && plain {
			out[r] = true
		}
		return true
	})
	return out
}

// declaresPlain reports whether the function f declares name before pos
// (as a parameter, or with := or var in its own body), and if so whether
// that declaration is plainly no iterator.
func (e *Evaluator) declaresPlain(f ast.Node, name string, pos token.Pos) (plain, ok bool) {
	var ft *ast.FuncType
	var body *ast.BlockStmt
	switch f := f.(type) {
	case *ast.FuncDecl:
		ft, body = f.Type, f.Body
	case *ast.FuncLit:
		ft, body = f.Type, f.Body
	}
	for _, l := range []*ast.FieldList{ft.Params, ft.Results} {
		if l == nil {
			continue
		}
		for _, fld := range l.List {
			for _, n := range fld.Names {
				if n.Name == name {
					plain, ok = notFuncType(fld.Type), true
				}
			}
		}
	}
	if body == nil {
		return plain, ok
	}
	ast.Inspect(body, func(x ast.Node) bool {
		if x == nil || x.Pos() >= pos {
			return false
		}
		switch d := x.(type) {
		case *ast.FuncLit:
			return false // its own declarations
		case *ast.BlockStmt:
			return d.End() > pos // a block closed before the loop declares nothing it sees
		case *ast.AssignStmt:
			if d.Tok != token.DEFINE || len(d.Lhs) != len(d.Rhs) {
				return true
			}
			for i, l := range d.Lhs {
				if rewrite.IsIdent(l, name) {
					plain, ok = notFuncValue(d.Rhs[i]), true
				}
			}
		case *ast.ValueSpec:
			for i, n := range d.Names {
				if n.Name != name {
					continue
				}
				switch {
				case d.Type != nil:
					plain, ok = notFuncType(d.Type), true
				case i < len(d.Values):
					plain, ok = notFuncValue(d.Values[i]), true
				}
			}
		}
		return true
	})
	return plain, ok
}

// notFuncType reports whether the type expression t is plainly no func:
// a slice, array, map or channel type, or a predeclared type that can
// be ranged over. A named type, a type parameter or an instance may be
// an iterator.
func notFuncType(t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.ArrayType, *ast.MapType, *ast.ChanType:
		return true
	case *ast.Ident:
		switch t.Name {
		case "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte", "rune":
			return true
		}
	}
	return false
}

// notFuncValue reports whether x is plainly no func: a literal other than
// a func literal, or a call of make.
func notFuncValue(x ast.Expr) bool {
	switch v := ast.Unparen(x).(type) {
	case *ast.BasicLit, *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		return rewrite.IsIdent(v.Fun, "make")
	}
	return false
}

// rewriteLoopStmt rewrites one statement if it is a loop (possibly
// labelled); the loop's body has already been visited.
func (e *Evaluator) rewriteLoopStmt(s ast.Stmt, ints rewrite.IntNames, maySeq bool) ast.Stmt {
	label := ""
	inner := s
	if l, ok := s.(*ast.LabeledStmt); ok {
		label, inner = l.Label.Name, l.Stmt
	}
	if r, ok := inner.(*ast.RangeStmt); ok && e.seqs != nil && maySeq {
		if f, arg := e.pkgCall(r.X, "slices"); f == "Backward" {
			return rewrite.RangeBackward(s, r, arg, e.temp)
		}
		e.rangeOverStdSeqs(r)
		// The type checker's word first here too: the syntax goes by
		// name, and took a slice s for the iterator s of another func.
		rf, known := e.rangeFact(r)
		if a := e.exprArity(r.X, e.seqs); a > 0 && (!known || rf.Arity > 0) {
			return rewrite.RangeFunc(s, r, a, e.temp, e.seqFieldType)
		}
		if known && rf.Arity > 0 { // an iterator the syntax did not show
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
			if _, call := ast.Unparen(loop.X).(*ast.CallExpr); call && rf.Type != "" {
				// range max(2, n): the prelude's generic max leaves the
				// bound's type to the interpreter, which loses it.
				if t, err := parser.ParseExpr(rf.Type); err == nil {
					loop.X = &ast.CallExpr{Fun: t, Lparen: loop.X.Pos(), Args: []ast.Expr{loop.X}, Rparen: loop.X.End()}
				}
			}
			f, pre := rewrite.RangeIntToFor(loop, e.temp)
			rewrite.PerIteration(f, label, e.temp)
			out = rewrite.WrapLabel(f, s)
			return &ast.BlockStmt{Lbrace: loop.Pos(), List: []ast.Stmt{pre, out}, Rbrace: loop.End()}
		}
		if rf, _ := e.rangeFact(loop); rf.ChanValue {
			pre, out := rewrite.RangeByIndex(s, loop, e.temp)
			return &ast.BlockStmt{Lbrace: loop.Pos(), List: []ast.Stmt{pre, out}, Rbrace: loop.End()}
		}
		if rf, _ := e.rangeFact(loop); rf.Chan && !simpleExpr(loop.X) {
			// for v := range stage(gen(4)): the channel in a variable of
			// its own, which the deadlock watch can read at the wait (a
			// stage that forgot to close hung the cell unreported). Go
			// evaluates the expression once, before the loop, too.
			c := e.temp("c", loop.For)
			pre := &ast.AssignStmt{Lhs: []ast.Expr{c}, TokPos: loop.For, Tok: token.DEFINE, Rhs: []ast.Expr{loop.X}}
			loop.X = rewrite.Ident(c.Name, loop.X.Pos())
			rewrite.PerIterationRange(loop)
			return &ast.BlockStmt{Lbrace: loop.Pos(), List: []ast.Stmt{pre, rewrite.WrapLabel(loop, s)}, Rbrace: loop.End()}
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
	if !ok || rf.X != types.ExprString(r.X) && rf.X != minMaxAsWritten(r.X) && rf.X != rewrite.SnapshotString(r.X) {
		return typecheck.RangeFact{}, false
	}
	return rf, true
}

// minMaxAsWritten is x, a call of min or max whose arguments
// rewrite.MinMax reordered (the first non-constant first), as the cell
// wrote it, when the call's first argument was a constant moved there;
// else "".
func minMaxAsWritten(x ast.Expr) string {
	call, ok := x.(*ast.CallExpr)
	if !ok || !rewrite.IsIdent(call.Fun, "min") && !rewrite.IsIdent(call.Fun, "max") || len(call.Args) < 2 {
		return ""
	}
	// The moved argument came from after the constants before it:
	// sorted by position, the arguments are as written.
	args := slices.Clone(call.Args)
	slices.SortFunc(args, func(a, b ast.Expr) int { return int(a.Pos()) - int(b.Pos()) })
	return types.ExprString(&ast.CallExpr{Fun: call.Fun, Args: args})
}
