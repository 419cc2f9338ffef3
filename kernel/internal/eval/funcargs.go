package eval

import (
	"go/ast"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
)

// snapshotFuncArgs is rewrite.SnapshotFuncArgs, told which names before
// a dot may be compiled code: a package the cells imported that has
// compiled functions, or any value (a method may be compiled); not the
// interpreted slices/maps/cmp shims or the teacher's packages.
func (e *Evaluator) snapshotFuncArgs(n ast.Node) {
	rewrite.SnapshotFuncArgs(n, func(name string) bool {
		if en := e.decls.entries[name]; en != nil {
			return en.sym.Kind != symtab.KindImport || e.hasCompiled(en.sym.Decl)
		}
		// Not known yet: perhaps imported in this very cell. A shim's name
		// is taken to mean the shim.
		return !shimPackages[name]
	})
}
