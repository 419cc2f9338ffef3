package rewrite

import (
	"go/ast"
	"go/token"
)

// LocalAliases removes each type alias declared inside a block below n
// (`type Num = float64` in main) and writes its type where the rest of
// the block names it: yaegi v0.16.1 declares local aliases nowhere
// (undefined: Num). A generic alias is left alone.
//
//	type Num = float64; var n Num = 2.5  →  var n float64 = 2.5
func LocalAliases(n ast.Node) {
	ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		var out []ast.Stmt
		aliases := map[string]string{}
		for _, s := range list {
			if len(aliases) > 0 {
				replaceEveryExpr(s, func(x ast.Expr) ast.Expr {
					if id, ok := x.(*ast.Ident); ok {
						if t, ok := aliases[id.Name]; ok {
							if e, err := parseAt(t, id.Pos()); err == nil {
								return e
							}
						}
					}
					return x
				})
			}
			var g *ast.GenDecl
			if ds, ok := s.(*ast.DeclStmt); ok {
				g, _ = ds.Decl.(*ast.GenDecl)
			}
			if g == nil || g.Tok != token.TYPE {
				out = append(out, s)
				continue
			}
			var kept []ast.Spec
			for _, spec := range g.Specs {
				ts := spec.(*ast.TypeSpec)
				if !ts.Assign.IsValid() || ts.TypeParams != nil {
					kept = append(kept, spec)
					delete(aliases, ts.Name.Name) // a type of that name from here on
					continue
				}
				t, err := typeText(ts.Type)
				if err != nil {
					kept = append(kept, spec)
					continue
				}
				aliases[ts.Name.Name] = t
			}
			if len(kept) > 0 {
				g.Specs = kept
				out = append(out, s)
			}
		}
		return out
	})
}
