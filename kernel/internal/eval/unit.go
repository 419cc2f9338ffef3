package eval

import (
	"go/ast"
	"go/token"
)

// rewriteUnit applies the source rewrites to one unit and fills its defs.
// It may return extra units to run right after it (method bodies being
// replaced, a call of the cell's func main).
func (e *Evaluator) rewriteUnit(u *unit, ints intNames) ([]*unit, error) {
	if u.file != nil {
		u.pending = e.collectDecls(u)
		u.defs = declDefs(u.file) // user names, before aliasing
		e.aliasGenericRedefinitions(u.file)
	}
	if u.block != nil {
		u.pending = e.stmtEntries(u)
	}
	e.applyAliases(u.node())
	nameParams(u.node())
	e.snapshotFuncArgs(u.node())
	e.fixMinMax(u.node())
	switch {
	case u.block != nil:
		e.rewriteLoops(u.block, ints)
		e.guardGo(u.block)
		u.block.List = scopeTopLevel(u.block.List)
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
	if call := renameMain(u.file); call != nil {
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

// renameMain renames a cell's func main, which yaegi would otherwise run
// again after every later compilation, and returns a unit calling it:
// a pasted whole program runs once, like `go run`.
func renameMain(f *ast.File) *unit {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Name.Name != "main" {
			continue
		}
		fd.Name = ident("__gl_main", fd.Name.Pos())
		pos := fd.Pos()
		return &unit{kind: segStmt, block: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
			&ast.ExprStmt{X: &ast.CallExpr{Fun: ident("__gl_main", pos), Lparen: pos, Rparen: pos}},
		}, Rbrace: pos}}
	}
	return nil
}
