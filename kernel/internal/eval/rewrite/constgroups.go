package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// ConstGroups rewrites a constant group holding a spec of several names:
// yaegi v0.16.1 reports a "constant definition loop" for its implicit
// repetition, and counts iota once per name, not once per spec (after
// `p, q = iota, -iota` the next spec had iota 2 too high). Each spec
// gets its list written out, with iota replaced by the spec's index:
//
//	const (
//		a, b = iota, iota * 10    →  a, b = 0, 0 * 10
//		c, d                      →  c, d = 1, 1 * 10
//	)
//
// which are the values Go gives them.
func ConstGroups(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		g, ok := x.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			return true
		}
		several := false
		for _, s := range g.Specs {
			several = several || len(s.(*ast.ValueSpec).Names) > 1
		}
		if !several {
			return false
		}
		var last []ast.Expr // the last list written, as written
		var lastType ast.Expr
		for i, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			repeated := len(vs.Values) == 0
			if !repeated {
				last, lastType = vs.Values, vs.Type
			} else if last == nil {
				return false // Go refuses it; the type checker said so
			}
			pos := vs.Names[0].Pos()
			values, ok := copyWithIota(last, i, pos)
			if !ok {
				return false
			}
			vs.Values = values
			if repeated && lastType != nil {
				if text, err := typeText(lastType); err == nil {
					if t, err := parseAt(text, pos); err == nil {
						vs.Type = t
					}
				}
			}
		}
		return false
	})
}

// copyWithIota copies the expressions xs at pos with iota replaced by
// the literal index.
func copyWithIota(xs []ast.Expr, index int, pos token.Pos) ([]ast.Expr, bool) {
	var out []ast.Expr
	for _, v := range xs {
		text, err := typeText(v)
		if err != nil {
			return nil, false
		}
		e, err := parseAt(text, pos)
		if err != nil {
			return nil, false
		}
		lit := func(x ast.Expr) ast.Expr {
			if id, ok := x.(*ast.Ident); ok && id.Name == "iota" {
				return &ast.BasicLit{ValuePos: id.Pos(), Kind: token.INT, Value: strconv.Itoa(index)}
			}
			return x
		}
		e = lit(e)
		replaceEveryExpr(e, lit)
		out = append(out, e)
	}
	return out, true
}

// RepeatedConst is spec i of the constant group g written out as Go
// repeats the last list before it: for `Sub` after `Add Op = iota`,
// "Sub Op = 1". The spec alone (Add's "Sub") declares nothing a
// checker could type. ok is false when the spec has values of its own.
func RepeatedConst(g *ast.GenDecl, i int) (string, bool) {
	if g.Tok != token.CONST || i >= len(g.Specs) {
		return "", false
	}
	vs, ok := g.Specs[i].(*ast.ValueSpec)
	if !ok || len(vs.Values) > 0 {
		return "", false
	}
	for j := i - 1; j >= 0; j-- {
		last, ok := g.Specs[j].(*ast.ValueSpec)
		if !ok || len(last.Values) == 0 {
			continue
		}
		values, ok := copyWithIota(last.Values, i, vs.Pos())
		if !ok || len(values) != len(vs.Names) {
			return "", false
		}
		names := make([]string, len(vs.Names))
		for k, n := range vs.Names {
			names[k] = n.Name
		}
		texts := make([]string, len(values))
		for k, v := range values {
			t, err := typeText(v)
			if err != nil {
				return "", false
			}
			texts[k] = t
		}
		text := strings.Join(names, ", ")
		if last.Type != nil {
			t, err := typeText(last.Type)
			if err != nil {
				return "", false
			}
			text += " " + t
		}
		return text + " = " + strings.Join(texts, ", "), true
	}
	return "", false
}
