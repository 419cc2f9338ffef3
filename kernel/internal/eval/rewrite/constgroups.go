package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
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
