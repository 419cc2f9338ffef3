package eval

import (
	"go/ast"
	"go/parser"
	"go/token"

	"golessons/kernel/internal/eval/rewrite"
)

// rewriteUnit applies the source rewrites to one unit and fills its defs.
// It may return extra units to run right after it (method bodies being
// replaced, a call of the cell's func main).
func (e *Evaluator) rewriteUnit(u *unit, ints rewrite.IntNames) ([]*unit, error) {
	if rewrite.IsLogCall(u.final) { // no value to show; as a statement it gets its line mark
		pos := u.final.Pos()
		u.block, u.final = &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: u.final}}, Rbrace: u.final.End()}, nil
	}
	if u.file != nil {
		u.pending = e.collectDecls(u)
		u.defs = declDefs(u.file) // user names, before aliasing
		e.aliasGenericRedefinitions(u.file)
	}
	if u.block != nil {
		u.pending = e.stmtEntries(u)
	}
	e.applyAliases(u.node())
	rewrite.LocalAliases(u.node())
	rewrite.BlankVars(u.node())
	rewrite.ConstGroups(u.node())
	rewrite.JoinTaglessCases(u.node())
	rewrite.SplitCaseLists(u.node())
	rewrite.NilSpreads(u.node())
	rewrite.Rename(u.node(), "main", mainName)
	rewrite.NameParams(u.node())
	rewrite.WrapUnionConstraints(u.node())
	e.snapshotFuncArgs(u.node())
	e.fixMinMax(u.node())
	e.seqCalls(u.node())
	e.fixNewExpr(u.node())
	e.fixClear(u.node())
	e.markLogLines(u.node())
	e.fixAsType(u.node())
	rewrite.TypeFor(u.node(), cellNames{e})
	e.fixErrorsCalls(u.node())
	rewrite.TagStructFields(u.node())
	rewrite.RegisterLocalTypes(u.node())
	if err := e.rewriteAssertions(u.node()); err != nil {
		return nil, err
	}
	rewrite.CopyReceives(u.node())
	rewrite.DefineSelectAssigns(u.node(), e.temp)
	rewrite.HoistSelectOperands(u.node(), e.temp)
	rewrite.BlockSelectBreaks(u.node())
	switch {
	case u.block != nil:
		list, err := rewrite.DeclareTwoValues(u.block.List, rewrite.TwoValueTypes{Recv: e.receiveElem, Index: e.mapElem}, e.temp)
		if err != nil {
			return nil, &Error{Name: "CompileError", Value: err.Error()}
		}
		list = e.assignRedeclared(list)
		u.block.List = list
		if len(list) > 0 {
			// (The first statement only: one after another would run
			// before it.)
			if pre, ok := rewrite.SelfDefine(list[0], e.temp); ok {
				u.pre = &unit{kind: segStmt, block: &ast.BlockStmt{Lbrace: u.block.Lbrace, List: []ast.Stmt{pre}, Rbrace: u.block.Rbrace}, segs: u.segs}
				u.pre.defs = stmtDefs(u.pre.block.List)
			}
		}
		rewrite.TopLevelReturns(u.block.List)
		e.rewriteLoops(u.block, ints)
		e.guardGo(u.block)
		u.block.List = rewrite.ScopeTopLevel(u.block.List)
		u.defs = stmtDefs(u.block.List)
		return nil, nil
	case u.final != nil:
		holder := &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: u.final}}}
		e.rewriteLoops(holder, ints)
		e.guardGo(holder)
		return nil, nil
	}
	if u.kind == segImport {
		if err := e.checkImports(u.file); err != nil {
			return nil, err
		}
		return nil, e.dropKnownImports(u)
	}
	if err := e.dropKnownTypes(u); err != nil {
		return nil, err
	}
	extra, err := e.rewriteMethods(u)
	if err != nil {
		return nil, err
	}
	e.rewriteLoops(u.file, ints)
	e.guardGo(u.file)
	rewrite.GenericsFirst(u.file)
	if call := mainCall(u.file); call != nil {
		extra = append(extra, call)
	}
	return extra, nil
}

// stmtDefs lists the names a statement run declares at top level.
func stmtDefs(list []ast.Stmt) []string {
	var names []string
	for _, s := range list {
		switch x := s.(type) {
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						names = append(names, id.Name)
					}
				}
			}
		case *ast.DeclStmt:
			names = append(names, genDeclNames(x.Decl)...)
		}
	}
	return names
}

// declDefs lists the funcs, vars and consts a file declares.
func declDefs(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch x := d.(type) {
		case *ast.FuncDecl:
			if x.Recv == nil {
				names = append(names, x.Name.Name)
			}
		case *ast.GenDecl:
			if x.Tok != token.TYPE && x.Tok != token.IMPORT {
				names = append(names, genDeclNames(x)...)
			}
		}
	}
	return names
}

func genDeclNames(d ast.Decl) []string {
	g, ok := d.(*ast.GenDecl)
	if !ok {
		return nil
	}
	var names []string
	for _, s := range g.Specs {
		if vs, ok := s.(*ast.ValueSpec); ok {
			for _, id := range vs.Names {
				if id.Name != "_" {
					names = append(names, id.Name)
				}
			}
		}
	}
	return names
}

// mainName is what a cell's func main is compiled as. yaegi treats a
// function named main specially (it runs it again after later
// compilations, and a call of main from a later cell never returns), so
// every reference to main, its declaration included, is renamed; errors
// and tracebacks show the name main again (see stripFile).
const mainName = "__gl_main"

// mainCall returns a unit calling the func main that f declares: a
// pasted whole program runs once, like `go run`. A later cell calling
// main() runs it again.
func mainCall(f *ast.File) *unit {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Name.Name != mainName {
			continue
		}
		pos := fd.Pos()
		return &unit{kind: segStmt, mainCall: true, block: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
			&ast.ExprStmt{X: &ast.CallExpr{Fun: rewrite.Ident(mainName, pos), Lparen: pos, Rparen: pos}},
		}, Rbrace: pos}}
	}
	return nil
}

// assignRedeclared writes a cell's top-level `a, b := x, y` that assigns
// a, declared before in the same cell (typecheck.Facts.Redeclares), as
// `var b B; a, b = x, y`: a top-level name is a global of the
// interpreter, which made a new a (a pointer or closure taken before
// kept the old one, and a took the value's type: float64 avg became an
// int). A name of an earlier cell is not redeclared: the cell defines it
// anew, as before.
func (e *Evaluator) assignRedeclared(list []ast.Stmt) []ast.Stmt {
	if len(e.facts.f.Redeclares) == 0 {
		return list
	}
	out := make([]ast.Stmt, 0, len(list))
	for _, s := range list {
		as, ok := s.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) < 2 {
			out = append(out, s)
			continue
		}
		news, ok := e.facts.f.Redeclares[e.factPos(as.Lhs[0].Pos())]
		if !ok {
			out = append(out, s)
			continue
		}
		var decls []ast.Stmt
		for _, l := range as.Lhs {
			id := l.(*ast.Ident)
			typ, isNew := news[id.Name]
			if !isNew {
				continue
			}
			tx, err := parser.ParseExpr(typ)
			if err != nil {
				decls = nil
				break
			}
			decls = append(decls, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: as.Pos(), Tok: token.VAR, Specs: []ast.Spec{
				&ast.ValueSpec{Names: []*ast.Ident{rewrite.Ident(id.Name, id.Pos())}, Type: tx}}}})
		}
		if len(decls) != len(news) {
			out = append(out, s)
			continue
		}
		as.Tok = token.ASSIGN
		out = append(append(out, decls...), as)
	}
	return out
}
