package rewrite

import (
	"go/ast"
	"go/token"
)

// IntNames is a best-effort set of names known to hold integers, used to
// recognise `for i := range n` (yaegi itself panics while compiling a
// range over an int, so it cannot be tried first).
type IntNames map[string]bool

// Collect records the names in n declared with an integer type or
// assigned an integer-looking value.
func (ints IntNames) Collect(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		switch d := x.(type) {
		case *ast.Field:
			if isIntType(d.Type) {
				for _, id := range d.Names {
					ints[id.Name] = true
				}
			}
		case *ast.ValueSpec:
			for i, id := range d.Names {
				if isIntType(d.Type) || (d.Type == nil && i < len(d.Values) && ints.IsInt(d.Values[i])) {
					ints[id.Name] = true
				}
			}
		case *ast.AssignStmt:
			if d.Tok == token.DEFINE && len(d.Lhs) == len(d.Rhs) {
				for i, l := range d.Lhs {
					if id, ok := l.(*ast.Ident); ok && ints.IsInt(d.Rhs[i]) {
						ints[id.Name] = true
					}
				}
			}
		}
		return true
	})
}

// IntTypeNames are the names of the integer types.
var IntTypeNames = map[string]bool{"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "byte": true, "rune": true}

func isIntType(t ast.Expr) bool {
	id, ok := t.(*ast.Ident)
	return ok && IntTypeNames[id.Name]
}

// IsInt reports whether x looks like an integer expression.
func (ints IntNames) IsInt(x ast.Expr) bool {
	switch v := x.(type) {
	case *ast.BasicLit:
		return v.Kind == token.INT
	case *ast.Ident:
		return ints[v.Name]
	case *ast.ParenExpr:
		return ints.IsInt(v.X)
	case *ast.BinaryExpr:
		switch v.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR:
			return ints.IsInt(v.X) || ints.IsInt(v.Y)
		}
	case *ast.CallExpr:
		if id, ok := v.Fun.(*ast.Ident); ok {
			return id.Name == "len" || id.Name == "cap" || IntTypeNames[id.Name]
		}
	}
	return false
}
