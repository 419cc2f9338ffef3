package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
)

// parseAt parses generated expression source and puts every position in
// it at pos: the positions of a separately parsed text belong to no file
// of the cell, and errors about generated code must point at the code it
// was generated for.
func parseAt(src string, pos token.Pos) (ast.Expr, error) {
	x, err := parser.ParseExpr(src)
	if err != nil {
		return nil, err
	}
	ast.Inspect(x, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		v := reflect.ValueOf(n)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		s := v.Elem()
		for i := range s.NumField() {
			if f := s.Field(i); f.Type() == reflect.TypeFor[token.Pos]() && f.CanSet() && token.Pos(f.Int()).IsValid() {
				f.SetInt(int64(pos))
			}
		}
		return true
	})
	return x, nil
}
