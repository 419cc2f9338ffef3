package eval

import (
	"go/ast"
	"go/constant"
	"reflect"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
)

// fixMinMax types the min and max calls below n as Go does (see
// rewrite.MinMax), with what the cells declared: a user's own min or
// max is left alone, and the cells' untyped constants count as such.
func (e *Evaluator) fixMinMax(n ast.Node) {
	var globals map[string]reflect.Value
	builtin := func(name string) bool { return e.decls.entries[name] == nil }
	rewrite.MinMax(n, builtin, func(name string) rewrite.ConstKind {
		en := e.decls.entries[name]
		if en == nil || en.sym.Kind != symtab.KindConst {
			return rewrite.NotConst
		}
		if globals == nil {
			globals = e.globals()
		}
		// yaegi keeps an untyped constant as a go/constant value; a typed
		// one is a plain value and behaves like a variable here.
		if g, ok := globals[name]; ok && g.IsValid() && g.CanInterface() {
			if c, ok := g.Interface().(constant.Value); ok {
				switch c.Kind() {
				case constant.Int:
					return rewrite.IntConst
				case constant.Float:
					return rewrite.FloatConst
				}
			}
		}
		return rewrite.NotConst
	})
}
