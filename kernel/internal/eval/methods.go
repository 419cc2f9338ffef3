package eval

import (
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"maps"
	"slices"
	"sort"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
)

// yaegi keeps the first body of a method when it is declared again, so
// methods are compiled as a thin wrapper calling a package-level func
// variable holding the body:
//
//	func (p Point) Norm() float64 { return __gl_m_Point_Norm(p) }
//	var __gl_m_Point_Norm func(p Point) float64
//	func init() { __gl_m_Point_Norm = func(p Point) float64 { ...body... } }
//
// Declaring the method again only assigns the variable. Methods of
// generic types cannot be rewritten this way (no generic variables); they
// can be declared once, and again only with the same text; so can those
// calling recover (callsRecover). A changed one is a MethodRedefined
// error, on which the runner replays the notebook with it.

// methodVar is the name of the variable holding the body of recv.name.
func methodVar(recv, name string) string { return "__gl_m_" + recv + "_" + name }

// rewriteMethods rewrites the methods of u.file. It returns no extra
// units; the signature leaves room for rewrites that need them.
func (e *Evaluator) rewriteMethods(u *unit) ([]*unit, error) {
	var decls []ast.Decl
	var assigns []ast.Stmt
	fset := e.i.FileSet()
	for _, d := range u.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || fd.Body == nil {
			decls = append(decls, d)
			continue
		}
		recvType := fd.Recv.List[0].Type
		recv := typeNameOf(recvType)
		p := fset.Position(fd.Pos())
		me := &methodEntry{recv: recv, name: fd.Name.Name, text: e.nodeText(u, fd), line: p.Line, col: p.Column,
			refs: identsIn(fd.Body), generic: rewrite.GenericRecv(recvType), sig: exprString(fd.Type)}
		key := recv + "." + fd.Name.Name
		old, seen := e.decls.methods[key]
		u.pendingMethods = append(u.pendingMethods, me)
		me.recovers = !me.generic && callsRecover(fd.Body)
		if me.generic || me.recovers || (seen && old.recovers) {
			if seen && old.text != me.text {
				why := "a method of a generic type"
				if !me.generic {
					why = "a method that calls recover"
				}
				return nil, &Error{Name: "MethodRedefined", Value: fmt.Sprintf(
					"%d:%d: method %s is already defined; yaegi cannot change %s: restart the kernel to change it",
					p.Line, p.Column, key, why)}
			}
			if !seen {
				decls = append(decls, d)
			}
			continue
		}
		lit := methodLiteral(fd)
		me.shape = exprString(unnamedFuncType(lit.Type))
		if seen && old.shape != me.shape {
			// Its variable has the old type: like a type, the method
			// cannot change in place (the runner replays the notebook).
			return nil, &Error{Name: "MethodRedefined", Value: fmt.Sprintf(
				"%d:%d: method %s changes its signature (%s, was %s); the interpreter cannot change it in place",
				p.Line, p.Column, key, exprString(fd.Type), old.sig)}
		}
		name := methodVar(recv, fd.Name.Name)
		assigns = append(assigns, &ast.AssignStmt{Lhs: []ast.Expr{rewrite.Ident(name, fd.Pos())},
			TokPos: fd.Pos(), Tok: token.ASSIGN, Rhs: []ast.Expr{lit}})
		if seen {
			continue
		}
		// The variable is declared with its type only and assigned by a
		// statement: a file-level initialiser whose parameters share a
		// name with a global trips yaegi's "variable definition loop".
		decls = append(decls, methodWrapper(fd), &ast.GenDecl{TokPos: fd.Pos(), Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{rewrite.Ident(name, fd.Pos())}, Type: unnamedFuncType(lit.Type)},
		}})
	}
	if len(assigns) > 0 {
		// The bodies are assigned by an init func of the same file: a
		// separate statement run would not see packages imported by the
		// cell (yaegi scopes imports to the file that declared them).
		// It goes before the file's own init funcs, which yaegi runs in
		// order: an init of the cell calling a method found it nil.
		pos := assigns[0].Pos()
		bodies := &ast.FuncDecl{Name: rewrite.Ident("init", pos), Type: rewrite.EmptyFuncType(pos),
			Body: &ast.BlockStmt{Lbrace: pos, List: assigns, Rbrace: pos}}
		at := len(decls)
		for i, d := range decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
				at = i
				break
			}
		}
		decls = append(decls[:at], append([]ast.Decl{bodies}, decls[at:]...)...)
	}
	u.file.Decls = decls
	return nil, nil
}

// callsRecover reports whether body calls recover itself, outside the
// func literals it holds. Go's recover stops a panic only when called by
// the deferred function itself (defer g.Recover()); called from the body
// literal the method wrapper forwards to, it returned nil. Such a method
// is declared as written, which yaegi cannot change in place.
func callsRecover(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if rewrite.IsIdent(x.Fun, "recover") && len(x.Args) == 0 {
				found = true
			}
		}
		return !found
	})
	return found
}

// nameFields gives every receiver and parameter a name, so the wrapper
// can pass them on.
func nameFields(fd *ast.FuncDecl) {
	r := fd.Recv.List[0]
	if len(r.Names) == 0 || r.Names[0].Name == "_" {
		r.Names = []*ast.Ident{rewrite.Ident("__gl_recv", r.Pos())}
	}
	for i, f := range fd.Type.Params.List {
		if len(f.Names) == 0 {
			f.Names = []*ast.Ident{rewrite.Ident(fmt.Sprintf("__gl_arg%d", i), f.Pos())}
		}
		for j, id := range f.Names {
			if id.Name == "_" {
				f.Names[j] = rewrite.Ident(fmt.Sprintf("__gl_arg%d_%d", i, j), id.Pos())
			}
		}
	}
}

// methodLiteral is the method's body as a func literal taking the
// receiver as its first parameter.
func methodLiteral(fd *ast.FuncDecl) *ast.FuncLit {
	nameFields(fd)
	params := &ast.FieldList{Opening: fd.Type.Params.Opening, Closing: fd.Type.Params.Closing}
	params.List = append([]*ast.Field{fd.Recv.List[0]}, fd.Type.Params.List...)
	typ := &ast.FuncType{Func: fd.Type.Func, Params: params, Results: fd.Type.Results}
	return &ast.FuncLit{Type: typ, Body: fd.Body}
}

// unnamedFuncType is t without parameter and result names (names equal
// to a global would again trip yaegi's definition-loop check).
func unnamedFuncType(t *ast.FuncType) *ast.FuncType {
	strip := func(fl *ast.FieldList) *ast.FieldList {
		if fl == nil {
			return nil
		}
		out := &ast.FieldList{Opening: fl.Opening, Closing: fl.Closing}
		for _, typ := range rewrite.Flatten(fl) {
			out.List = append(out.List, &ast.Field{Type: typ})
		}
		return out
	}
	return &ast.FuncType{Func: t.Func, Params: strip(t.Params), Results: strip(t.Results)}
}

// methodWrapper is the method declaration that forwards to the variable.
func methodWrapper(fd *ast.FuncDecl) *ast.FuncDecl {
	pos := fd.Body.Lbrace
	call := &ast.CallExpr{Fun: rewrite.Ident(methodVar(typeNameOf(fd.Recv.List[0].Type), fd.Name.Name), pos), Lparen: pos, Rparen: pos}
	call.Args = append(call.Args, rewrite.Ident(fd.Recv.List[0].Names[0].Name, pos))
	for _, f := range fd.Type.Params.List {
		for _, id := range f.Names {
			call.Args = append(call.Args, rewrite.Ident(id.Name, pos))
		}
		if _, ok := f.Type.(*ast.Ellipsis); ok {
			call.Ellipsis = pos
		}
	}
	var body ast.Stmt = &ast.ExprStmt{X: call}
	if fd.Type.Results != nil && len(fd.Type.Results.List) > 0 {
		body = &ast.ReturnStmt{Return: pos, Results: []ast.Expr{call}}
	}
	return &ast.FuncDecl{Recv: fd.Recv, Name: fd.Name, Type: fd.Type,
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{body}, Rbrace: fd.Body.Rbrace}}
}

// dropKnownTypes removes type declarations identical to ones already
// made (re-running a cell is normal; spacing, line breaks and comments
// do not count) and refuses changed ones: yaegi would silently keep the
// old type.
func (e *Evaluator) dropKnownTypes(u *unit) error {
	var decls []ast.Decl
	for _, d := range u.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			decls = append(decls, d)
			continue
		}
		var specs []ast.Spec
		for _, s := range g.Specs {
			ts := s.(*ast.TypeSpec)
			old, seen := e.decls.entries[ts.Name.Name]
			if !seen || old.sym.Kind != "type" {
				specs = append(specs, s)
				continue
			}
			now := e.constDeclsIn(u, ts.Type)
			if sameTokens(old.sym.Decl, "type "+e.nodeText(u, ts)) && !maps.Equal(old.consts, now) {
				// The same tokens over a const declared anew ([Size]byte
				// after const Size = 8) are another type, which a replay
				// would build with the earlier value: said, not ignored.
				var names []string
				for n := range now {
					if old.consts[n] != now[n] {
						names = append(names, n)
					}
				}
				sort.Strings(names)
				p := e.i.FileSet().Position(ts.Pos())
				return &Error{Name: "CompileError", Value: fmt.Sprintf(
					"%d:%d: type %s depends on %s, declared anew since %s was: yaegi cannot redefine a type in place; restart the kernel and run the cells again (nothing of this cell ran: %s and %s are unchanged)",
					p.Line, p.Column, ts.Name.Name, strings.Join(names, ", "), ts.Name.Name, ts.Name.Name, strings.Join(names, ", "))}
			}
			if !sameTokens(old.sym.Decl, "type "+e.nodeText(u, ts)) {
				p := e.i.FileSet().Position(ts.Pos())
				return &Error{Name: "TypeRedefined", Value: fmt.Sprintf(
					"%d:%d: type %s is already defined; yaegi cannot redefine a type: restart the kernel to change it",
					p.Line, p.Column, ts.Name.Name)}
			}
		}
		if len(specs) > 0 {
			g.Specs = specs
			decls = append(decls, g)
		}
	}
	u.file.Decls = decls
	return nil
}

// sameTokens reports whether two declarations are the same Go tokens:
// a struct laid out over several lines is the type it was on one (it
// restarted the interpreter, losing the notebook's values).
func sameTokens(a, b string) bool {
	ta, tb := tokens(a), tokens(b)
	return ta != nil && slices.Equal(ta, tb)
}

// tokens are src's tokens with their literals, without comments and
// semicolons (written or implied by a line break); nil when src does not
// scan.
func tokens(src string) []string {
	fset := token.NewFileSet()
	var s scanner.Scanner
	bad := false
	s.Init(fset.AddFile("", -1, len(src)), []byte(src), func(token.Position, string) { bad = true }, 0)
	out := []string{}
	for {
		_, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			if bad {
				return nil
			}
			return out
		case token.SEMICOLON, token.COMMENT:
			continue
		}
		out = append(out, tok.String()+" "+lit)
	}
}
