package typecheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// The facts for == and != on interface values: the interpreter compares
// an interface holding a value of a cell's type wrongly (its wrappers
// hide the value, and its reflect types lose the cell type's name), so
// the evaluator routes such comparisons through a helper that is told
// each operand's static type.

// Compare is one comparison with at least one interface operand, by the
// position of its operator (a switch case: of the case expression).
// Left and Right name each operand's type as reflect would print it
// ("main.Code", "*main.NotFound", "int"), or are "" for an operand whose
// static type is an interface, or SameType for both.
type Compare struct {
	Left, Right string
}

// SameType labels both operands of a comparison of two values of one
// type parameter.
const SameType = "="

// compareFact is the fact about comparing x with y, false when the
// comparison needs none (no interface operand, a nil operand) or when
// a type cannot be labelled exactly (type parameters, composites of a
// cell's types, generic types).
func compareFact(info *types.Info, x, y ast.Expr) (Compare, bool) {
	tx, ty := info.TypeOf(x), info.TypeOf(y)
	if tx == nil || ty == nil || isNil(tx) || isNil(ty) {
		return Compare{}, false
	}
	if !types.IsInterface(tx) && !types.IsInterface(ty) {
		return Compare{}, false
	}
	// Two operands of one type parameter: their dynamic types are the
	// same unless it is instantiated with an interface.
	if _, ok := tx.(*types.TypeParam); ok && types.Identical(tx, ty) {
		return Compare{Left: SameType, Right: SameType}, true
	}
	l, ok1 := compareLabel(tx)
	r, ok2 := compareLabel(ty)
	return Compare{Left: l, Right: r}, ok1 && ok2
}

func isNil(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Kind() == types.UntypedNil
}

// compareLabel is the label of an operand of type t: "" for an
// interface, else its name as reflect prints it (package names, not
// paths); false when the helper could not match it to a dynamic type.
func compareLabel(t types.Type) (string, bool) {
	if _, ok := t.(*types.TypeParam); ok {
		return "", false
	}
	if types.IsInterface(t) {
		return "", true
	}
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		t = types.Default(t)
	}
	s := types.TypeString(t, func(p *types.Package) string { return p.Name() })
	if strings.Contains(s, "invalid type") || isTypeParam(t) {
		return "", false
	}
	// A cell type's reflect type has no name, so a composite of one
	// ([2]main.T) cannot be matched; a generic instance neither.
	if bare := strings.TrimPrefix(s, "*"); strings.Contains(s, "main.") &&
		(!strings.HasPrefix(bare, "main.") || strings.ContainsAny(bare, "[]*(){} ")) {
		return "", false
	}
	return s, true
}

// collectCompares adds to f the comparisons of the cell's file.
func collectCompares(fset *token.FileSet, own *ast.File, info *types.Info, f *Facts) {
	at := func(p token.Pos) (Pos, bool) {
		q := fset.Position(p)
		return Pos{q.Line, q.Column}, q.Filename == cellFile
	}
	ast.Inspect(own, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.BinaryExpr:
			if x.Op != token.EQL && x.Op != token.NEQ {
				return true
			}
			if c, ok := compareFact(info, x.X, x.Y); ok {
				if p, ok := at(x.OpPos); ok {
					f.Compares[p] = c
				}
			}
		case *ast.SwitchStmt:
			if x.Tag == nil {
				return true
			}
			for _, s := range x.Body.List {
				cc, ok := s.(*ast.CaseClause)
				if !ok {
					continue
				}
				for _, e := range cc.List {
					if c, ok := compareFact(info, x.Tag, e); ok {
						if p, ok := at(e.Pos()); ok {
							f.Cases[p] = c
						}
					}
				}
			}
		}
		return true
	})
}
