package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
)

// RegisterLocalTypes follows every struct type declared inside a block
// below n (a func body: `type pair struct{ k string }` in main) with a
// call registering its reflect type under its name and field names,
// `__gl_register("pair", []pair(nil), []string{"k"})`, as the evaluator
// registers the struct types declared at a cell's top level: fmt's %T,
// %+v and %#v then name them and their fields as Go does, rather than
// yaegi's aliases of unexported fields (Xk).
func RegisterLocalTypes(n ast.Node) {
	ForEachStmtList(n, func(list []ast.Stmt) []ast.Stmt {
		var out []ast.Stmt
		for _, s := range list {
			out = append(out, s)
			ds, ok := s.(*ast.DeclStmt)
			if !ok {
				continue
			}
			g, ok := ds.Decl.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, spec := range g.Specs {
				ts := spec.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if !ok || ts.Assign.IsValid() || ts.TypeParams != nil {
					continue
				}
				out = append(out, registerCall(ts.Name.Name, st, s.End()))
			}
		}
		return out
	})
}

// registerCall is __gl_register(name, []name(nil), []string{fields...}).
func registerCall(name string, st *ast.StructType, pos token.Pos) ast.Stmt {
	var fields []ast.Expr
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			fields = append(fields, &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(embeddedName(f.Type))})
		}
		for _, id := range f.Names {
			fields = append(fields, &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(id.Name)})
		}
	}
	nilSlice := &ast.CallExpr{Fun: &ast.ArrayType{Lbrack: pos, Elt: Ident(name, pos)}, Lparen: pos, Args: []ast.Expr{Ident("nil", pos)}, Rparen: pos}
	names := &ast.CompositeLit{Type: &ast.ArrayType{Lbrack: pos, Elt: Ident("string", pos)}, Lbrace: pos, Elts: fields, Rbrace: pos}
	call := &ast.CallExpr{Fun: Ident("__gl_register", pos), Lparen: pos,
		Args: []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(name)}, nilSlice, names}, Rparen: pos}
	return &ast.ExprStmt{X: call}
}

// embeddedName is the field name of an embedded type: T for T, *T,
// pkg.T and T[X].
func embeddedName(t ast.Expr) string {
	switch x := t.(type) {
	case *ast.StarExpr:
		return embeddedName(x.X)
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.IndexExpr:
		return embeddedName(x.X)
	case *ast.IndexListExpr:
		return embeddedName(x.X)
	case *ast.Ident:
		return x.Name
	}
	return ""
}
