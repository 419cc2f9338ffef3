package typecheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
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

// Composite labels both operands of a comparison of two structs or
// arrays of one type with interface fields that may hold a cell's types
// (got == want of a struct with an error field): the interpreter's own
// comparison panicked on its wrapper of such a value, or said false.
const Composite = "{}"

// compareFact is the fact about comparing x with y, false when the
// comparison needs none (no interface operand, a nil operand, no
// interpreted type the interface could hold) or when a type cannot be
// labelled exactly (composites of a cell's types, generic types).
func compareFact(info *types.Info, x, y ast.Expr, held []types.Type, imp *Importer) (Compare, bool) {
	tx, ty := info.TypeOf(x), info.TypeOf(y)
	if tx == nil || ty == nil || isNil(tx) || isNil(ty) {
		return Compare{}, false
	}
	if !types.IsInterface(tx) && !types.IsInterface(ty) {
		if types.Identical(tx, ty) && ifaceInside(tx, held, 0) {
			return Compare{Left: Composite, Right: Composite}, true
		}
		return Compare{}, false
	}
	// Two operands of one type parameter: their dynamic types are the
	// same unless it is instantiated with an interface.
	if _, ok := tx.(*types.TypeParam); ok && types.Identical(tx, ty) {
		return Compare{Left: SameType, Right: SameType}, len(held) > 0
	}
	l, ok1 := compareLabel(tx, imp)
	r, ok2 := compareLabel(ty, imp)
	if !ok1 || !ok2 || compiledVar(info, x, imp) || compiledVar(info, y, imp) {
		return Compare{}, false
	}
	// The compiled values an interface holds compare right already, and
	// the helper costs a call: needed only when an interface operand may
	// hold an interpreted type, or the other operand is one.
	need := func(t types.Type, label string) bool {
		if label != "" {
			return interpretedLabel(label)
		}
		return mayHold(t, held)
	}
	return Compare{Left: l, Right: r}, need(tx, l) || need(ty, r)
}

// ifaceInside reports whether t is a struct or array type with a field
// or element (at any depth, not through pointers) of an interface type
// that may hold one of held.
func ifaceInside(t types.Type, held []types.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := t.Underlying().(type) {
	case *types.Struct:
		for i := range x.NumFields() {
			ft := x.Field(i).Type()
			if types.IsInterface(ft) && mayHold(ft, held) || ifaceInside(ft, held, depth+1) {
				return true
			}
		}
	case *types.Array:
		return types.IsInterface(x.Elem()) && mayHold(x.Elem(), held) || ifaceInside(x.Elem(), held, depth+1)
	}
	return false
}

// compiledVar reports a variable of a compiled package (io.EOF): its
// value is compiled, so the interpreter's comparison is right (Go
// compares the dynamic types first, and a cell's type is never one of
// a compiled package's), and the helper's call would only cost time.
func compiledVar(info *types.Info, x ast.Expr, imp *Importer) bool {
	for {
		p, ok := x.(*ast.ParenExpr)
		if !ok {
			break
		}
		x = p.X
	}
	sel, ok := x.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if _, ok := sel.X.(*ast.Ident); !ok {
		return false
	}
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && !v.IsField() && v.Pkg() != nil && v.Pkg().Path() != "main" && imp != nil && !imp.interpreted(v.Pkg().Path())
}

// interpretedLabel reports the label of a type the interpreter builds.
func interpretedLabel(label string) bool {
	return strings.HasPrefix(strings.TrimPrefix(label, "*"), "main.")
}

// mayHold reports whether an interface of type t may hold a value of one
// of the interpreted types held (or a pointer to one).
func mayHold(t types.Type, held []types.Type) bool {
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return len(held) > 0 // a type parameter
	}
	for _, h := range held {
		if h == nil {
			return true
		}
		if n, ok := h.(*types.Named); ok && n.TypeParams().Len() > 0 {
			return true // an instance's method set is not known here
		}
		if types.Implements(h, iface) || types.Implements(types.NewPointer(h), iface) {
			return true
		}
	}
	return false
}

// interpretedTypes are the named non-interface types declared in the
// cell's package (local ones too) and in the packages it imports that
// the interpreter runs from source. An earlier cell's type the check
// left out (the cell does not reach it) could still be inside an
// interface: then the list holds nil, which may be anything.
func interpretedTypes(pkg *types.Package, imp *Importer, prior []Prior) []types.Type {
	var out []types.Type
	for _, p := range prior {
		if p.Kind == "type" && pkg.Scope().Lookup(p.Name) == nil {
			out = append(out, nil)
			break
		}
	}
	var walk func(s *types.Scope)
	walk = func(s *types.Scope) {
		for _, name := range s.Names() {
			if tn, ok := s.Lookup(name).(*types.TypeName); ok && !tn.IsAlias() && !types.IsInterface(tn.Type()) {
				out = append(out, tn.Type())
			}
		}
		for i := range s.NumChildren() {
			walk(s.Child(i))
		}
	}
	walk(pkg.Scope())
	seen := map[*types.Package]bool{}
	var imports func(p *types.Package)
	imports = func(p *types.Package) {
		for _, q := range p.Imports() {
			if seen[q] || imp == nil || !imp.interpreted(q.Path()) {
				continue
			}
			seen[q] = true
			walk(q.Scope())
			imports(q)
		}
	}
	imports(pkg)
	return out
}

func isNil(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Kind() == types.UntypedNil
}

// compareLabel is the label of an operand of type t: "" for an
// interface, else its name as reflect prints it (package names, not
// paths); false when the helper could not match it to a dynamic type:
// a type the interpreter builds is matched by its name only when it is
// the cell's own named type or a pointer to one, not a composite of one
// ([2]main.T), a generic instance, or a type of a package interpreted
// from source.
func compareLabel(t types.Type, imp *Importer) (string, bool) {
	if types.IsInterface(t) {
		return "", true
	}
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		t = types.Default(t)
	}
	cell, other := 0, false
	s := types.TypeString(t, func(p *types.Package) string {
		switch {
		case p.Path() == "main":
			cell++
		case imp == nil || imp.interpreted(p.Path()):
			other = true
		}
		return p.Name()
	})
	if strings.Contains(s, "invalid type") || isTypeParam(t) || other {
		return "", false
	}
	s = reflectSpelling(s)
	if n, ok := types.Unalias(t).(*types.Pointer); ok {
		t = n.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); cell > 0 && (cell > 1 || !ok || n.TypeArgs().Len() > 0) {
		return "", false
	}
	return s, true
}

// aliasWords are byte and rune where go/types writes them as names of
// types: reflect knows them only as uint8 and int32.
var aliasWords = regexp.MustCompile(`(^|[^\w.])(byte|rune)\b`)

// reflectSpelling is a type as go/types writes it, spelled as reflect
// does: an any holding 'a' holds an int32, which the runtime's
// comparison with a "rune" operand found different (r == 'a' was false).
func reflectSpelling(s string) string {
	return aliasWords.ReplaceAllStringFunc(s, func(m string) string {
		return strings.NewReplacer("byte", "uint8", "rune", "int32").Replace(m)
	})
}

// collectCompares adds to f the comparisons of the cell's file.
func collectCompares(fset *token.FileSet, own *ast.File, info *types.Info, imp *Importer, held []types.Type, f *Facts) {
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
			if c, ok := compareFact(info, x.X, x.Y, held, imp); ok {
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
					if c, ok := compareFact(info, x.Tag, e, held, imp); ok {
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
