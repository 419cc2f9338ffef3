package eval

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"

	"golessons/kernel/internal/eval/rewrite"
)

// inferTypeArgs writes out the type arguments yaegi cannot infer in the
// calls below n of generic funcs declared in cells (rewrite.InferTypeArgs).
func (e *Evaluator) inferTypeArgs(n ast.Node) bool {
	return rewrite.InferTypeArgs(n, e.genericDecl, e.varType)
}

// genericDecl parses the recorded declaration of generic func name.
func (e *Evaluator) genericDecl(name string) *ast.FuncDecl {
	en := e.decls.entries[name]
	if en == nil || !en.generic || en.text == "" {
		return nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+en.text, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return nil
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Type.TypeParams == nil {
		return nil
	}
	return fd
}

// varType is the type of a cell variable: a user type recorded in the
// table, else its value's through reflect.
func (e *Evaluator) varType(name string) ast.Expr {
	if en := e.decls.entries[name]; en != nil && en.typeName != "" && e.decls.entries[en.typeName] != nil {
		return ast.NewIdent(en.typeName)
	}
	v, ok := e.globals()[name]
	if !ok || !v.IsValid() || v.Kind() == reflect.Interface {
		return nil
	}
	s := goTypeExpr(v.Type())
	if s == "" {
		return nil
	}
	t, err := parser.ParseExpr(s)
	if err != nil {
		return nil
	}
	return t
}
