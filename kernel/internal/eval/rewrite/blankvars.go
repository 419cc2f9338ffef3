package rewrite

import (
	"go/ast"
	"go/token"
)

// BlankVars drops the declarations of only blank variables without
// values (var _ T, var _, _ int): they declare nothing, Go checks their
// type (the type checker has), and the interpreter refused them ("cannot
// use _ as value") or, in a func, silently stopped the func there.
//
//	var _ fmt.Stringer       →  (nothing)
//	var _ = T{}              →  kept: its value is evaluated
func BlankVars(n ast.Node) {
	if f, ok := n.(*ast.File); ok {
		kept := f.Decls[:0]
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); !ok || !dropBlankSpecs(g) {
				kept = append(kept, d)
			}
		}
		f.Decls = kept
	}
	ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		for i, s := range list {
			if ds, ok := s.(*ast.DeclStmt); ok {
				if g, ok := ds.Decl.(*ast.GenDecl); ok && dropBlankSpecs(g) {
					list[i] = &ast.EmptyStmt{Semicolon: s.Pos(), Implicit: true}
				}
			}
		}
		return list
	})
}

// dropBlankSpecs removes g's blank specs without values and reports
// whether none is left.
func dropBlankSpecs(g *ast.GenDecl) bool {
	if g.Tok != token.VAR {
		return false
	}
	kept := g.Specs[:0]
	for _, sp := range g.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if ok && len(vs.Values) == 0 && allBlank(vs.Names) {
			continue
		}
		kept = append(kept, sp)
	}
	g.Specs = kept
	return len(kept) == 0
}

func allBlank(names []*ast.Ident) bool {
	for _, n := range names {
		if n.Name != "_" {
			return false
		}
	}
	return true
}
