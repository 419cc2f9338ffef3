package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// Generic is a call of a cell's generic func that the interpreter
// cannot run, as the type checker saw it: the func's declaration, its
// type parameters and the call's type arguments (cell source).
type Generic struct {
	Decl       string
	TypeParams []string
	TypeArgs   []string
}

// Generics replaces the uses below n of generic funcs at names (by the
// func's name in the code) with a concrete copy, a func literal whose
// text is the declaration's with each type parameter replaced by the
// type argument of that use:
//
//	Evens(count(4))  →  func(seq iter.Seq[int]) iter.Seq[int] { ... }(count(4))
//	f := Evens[int]  →  f := func(seq iter.Seq[int]) iter.Seq[int] { ... }
//
// yaegi v0.16.1 loses the funcs a generic func takes or returns (an
// iterator adapter fails to compile or yields nothing); it runs the same
// code written for one type. The copy is made where the type checker
// found that the declaration's names mean the same at the use. A copy's
// own code is not rewritten again (a generic func calling itself stays
// a generic call, which the interpreter refuses).
func Generics(n ast.Node, at func(id *ast.Ident) (Generic, bool)) error {
	own := map[*ast.Ident]bool{} // the code's identifiers, not the copies'
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			own[id] = true
		}
		return true
	})
	var err error
	copyOf := func(x ast.Expr) ast.Expr {
		id := calledIdent(x)
		if id == nil || !own[id] {
			return nil
		}
		g, ok := at(id)
		if !ok || !strings.HasPrefix(g.Decl, "func "+id.Name+"[") { // facts of other code: leave it
			return nil
		}
		lit, gerr := concrete(g, x.Pos())
		if gerr != nil {
			err = fmt.Errorf("%s[%s]: %v", id.Name, strings.Join(g.TypeArgs, ", "), gerr)
			return nil
		}
		return lit
	}
	ast.Inspect(n, func(x ast.Node) bool {
		if call, ok := x.(*ast.CallExpr); ok {
			if lit := copyOf(call.Fun); lit != nil {
				call.Fun = lit
			}
		}
		return true
	})
	ReplaceExprs(n, func(x ast.Expr) ast.Expr { // uses as values
		if lit := copyOf(x); lit != nil {
			return lit
		}
		return x
	})
	return err
}

func calledIdent(fun ast.Expr) *ast.Ident {
	switch x := fun.(type) {
	case *ast.Ident:
		return x
	case *ast.IndexExpr:
		id, _ := x.X.(*ast.Ident)
		return id
	case *ast.IndexListExpr:
		id, _ := x.X.(*ast.Ident)
		return id
	}
	return nil
}

// concrete is the func literal for g, placed at pos.
func concrete(g Generic, pos token.Pos) (ast.Expr, error) {
	if len(g.TypeParams) != len(g.TypeArgs) {
		return nil, fmt.Errorf("%d type arguments for %d type parameters", len(g.TypeArgs), len(g.TypeParams))
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\n"+g.Decl, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return nil, fmt.Errorf("declaration does not parse: %v", err)
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return nil, fmt.Errorf("not a func with a body")
	}
	fd.Type.TypeParams = nil
	var b bytes.Buffer
	if err := format.Node(&b, fset, &ast.FuncLit{Type: fd.Type, Body: fd.Body}); err != nil {
		return nil, err
	}
	args := map[string]string{}
	for i, p := range g.TypeParams {
		args[p] = g.TypeArgs[i]
		if strings.HasPrefix(args[p], "*") || strings.HasPrefix(args[p], "<-") || strings.HasPrefix(args[p], "func") {
			args[p] = "(" + args[p] + ")" // T(x) must stay a conversion
		}
	}
	return parseAt(substitute(b.String(), args), pos)
}

// substitute replaces the identifiers of src named in args, except after
// a dot (a field or method of the same name).
func substitute(src string, args map[string]string) string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	s.Init(file, []byte(src), nil, 0)
	var out strings.Builder
	last, prev := 0, token.ILLEGAL
	for {
		p, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.IDENT && prev != token.PERIOD {
			if r, ok := args[lit]; ok {
				off := file.Offset(p)
				out.WriteString(src[last:off])
				out.WriteString(r)
				last = off + len(lit)
			}
		}
		prev = tok
	}
	out.WriteString(src[last:])
	return out.String()
}
