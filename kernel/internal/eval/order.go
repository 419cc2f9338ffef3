package eval

import (
	"go/ast"
	"go/token"
)

// The functions below decide the order and grouping in which a cell's
// units reach yaegi.

// oneStatementEach splits statement units into one unit per top-level
// statement. yaegi reports a panic at the start of the block it ran, so a
// block per statement makes the reported line the statement's own. Runs
// that start goroutines stay whole: each execution may grow yaegi's
// global frame, which its goroutines read without a lock (a data race
// inside yaegi), so fewer executions while they run is safer.
func oneStatementEach(units []*unit) []*unit {
	var out []*unit
	for _, u := range units {
		if u.block == nil || len(u.block.List) < 2 || startsGoroutines(u.block) {
			out = append(out, u)
			continue
		}
		for _, s := range u.block.List {
			out = append(out, &unit{kind: segStmt, src: u.src, segs: u.segs,
				block: &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{s}, Rbrace: s.End()}})
		}
	}
	return out
}

func startsGoroutines(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if _, ok := x.(*ast.GoStmt); ok {
			found = true
		}
		return !found
	})
	return found
}

// hoistDecls moves declaration units above the statement units before
// them, as far as they do not use a name those statements declare: in a
// Go file, package-level declarations are visible everywhere, and
// students write helper funcs below the code that calls them.
func hoistDecls(units []*unit) []*unit {
	for i := 1; i < len(units); i++ {
		if units[i].kind == segStmt {
			continue
		}
		uses := identsIn(units[i].file)
		j := i
		for j > 0 && units[j-1].kind == segStmt && !usesAnyName(uses, stmtDefs(units[j-1].block.List)) {
			units[j-1], units[j] = units[j], units[j-1]
			j--
		}
	}
	return units
}

// hoistVars moves runs of plain `var` statements above the declaration
// units before them that use their names (a func using a package-level
// var declared below it is legal Go), unless the vars' initialisers use
// what those units declare.
func hoistVars(units []*unit) []*unit {
	for i := 1; i < len(units); i++ {
		u := units[i]
		if u.kind != segStmt || !onlyVars(u.block.List) {
			continue
		}
		names := stmtDefs(u.block.List)
		uses := identsIn(u.block)
		j := i
		for j > 0 && units[j-1].kind == segDecl && usesAnyName(identsIn(units[j-1].file), names) &&
			!usesAnyName(uses, declNames(units[j-1].file)) {
			units[j-1], units[j] = units[j], units[j-1]
			j--
		}
	}
	return units
}

func onlyVars(list []ast.Stmt) bool {
	for _, s := range list {
		ds, ok := s.(*ast.DeclStmt)
		if !ok {
			return false
		}
		if g, ok := ds.Decl.(*ast.GenDecl); !ok || g.Tok != token.VAR {
			return false
		}
	}
	return len(list) > 0
}

// declNames lists every name a declaration file declares, types included.
func declNames(f *ast.File) []string {
	names := declDefs(f)
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, s := range g.Specs {
				names = append(names, s.(*ast.TypeSpec).Name.Name)
			}
		}
	}
	return names
}

func usesAnyName(refs map[string]bool, names []string) bool {
	for _, n := range names {
		if refs[n] {
			return true
		}
	}
	return false
}
