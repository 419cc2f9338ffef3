package rewrite

import (
	"go/ast"
	"go/token"
)

// GenericsFirst moves a file's generic funcs, generic types and the
// methods of those types ahead of its other declarations (after the
// imports), keeping each group's order. Go does not care about the order
// of declarations; the interpreter instantiates a generic type where a
// declaration first uses an instance (a struct field Box[string]), with
// the methods and generic funcs declared so far: a method declared after
// that use and returning Box[T] was "undefined type for T", and a struct
// with a field of an instance whose methods called a generic func
// declared below it lost its fields ("unknown field Name").
func GenericsFirst(f *ast.File) {
	generic := map[string]bool{}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && allGenericTypes(g) {
			for _, sp := range g.Specs {
				generic[sp.(*ast.TypeSpec).Name.Name] = true
			}
		}
	}
	var imports, funcs, typeDecls, methods, rest []ast.Decl
	for _, d := range f.Decls {
		switch x := d.(type) {
		case *ast.GenDecl:
			switch {
			case x.Tok == token.IMPORT:
				imports = append(imports, d)
			case allGenericTypes(x):
				typeDecls = append(typeDecls, d)
			default:
				rest = append(rest, d)
			}
		case *ast.FuncDecl:
			switch {
			case x.Recv == nil && x.Type.TypeParams != nil:
				funcs = append(funcs, d)
			case x.Recv != nil && generic[recvBase(x.Recv)]:
				methods = append(methods, d)
			default:
				rest = append(rest, d)
			}
		default:
			rest = append(rest, d)
		}
	}
	if len(funcs)+len(typeDecls) == 0 {
		return
	}
	out := append(imports, funcs...)
	out = append(out, typeDecls...)
	out = append(out, methods...)
	f.Decls = append(out, rest...)
}

// allGenericTypes reports whether g declares types, every one generic.
func allGenericTypes(g *ast.GenDecl) bool {
	if g.Tok != token.TYPE || len(g.Specs) == 0 {
		return false
	}
	for _, sp := range g.Specs {
		if ts, ok := sp.(*ast.TypeSpec); !ok || ts.TypeParams == nil {
			return false
		}
	}
	return true
}

// recvBase is the name of a receiver's type: Box for (b *Box[T]).
func recvBase(recv *ast.FieldList) string {
	if len(recv.List) != 1 {
		return ""
	}
	t := recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
