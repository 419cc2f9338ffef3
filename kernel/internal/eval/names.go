package eval

import (
	"go/ast"
	"go/types"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/symtab"
)

// cellNames answers package rewrite's questions about declared names
// from the declaration table and the cell being rewritten.
type cellNames struct{ e *Evaluator }

func (c cellNames) Declared(name string) bool { return c.e.decls.entries[name] != nil }

func (c cellNames) IsType(name string) bool {
	if c.e.seqs != nil && c.e.seqs.types[name] != nil { // declared elsewhere in the cell
		return true
	}
	en := c.e.decls.entries[name]
	return en != nil && en.sym.Kind == symtab.KindType
}

func (c cellNames) IsPackage(name string) bool {
	en := c.e.decls.entries[name]
	return (en != nil && en.sym.Kind == symtab.KindImport) || (c.e.seqs != nil && c.e.seqs.imports[name])
}

// fixNewExpr and fixClear are rewrite.NewExpr and rewrite.Clear with the
// cells' names.
func (e *Evaluator) fixNewExpr(n ast.Node)        { rewrite.NewExpr(n, cellNames{e}) }
func (e *Evaluator) fixClear(n ast.Node)          { rewrite.Clear(n, cellNames{e}) }
func (e *Evaluator) fixAnyConversions(n ast.Node) { rewrite.AnyConversions(n, cellNames{e}) }

// guardGo is rewrite.GuardGo with the cells' constants, imports and
// variables, whose func value a go statement holds: a global one, or any
// name neither the cells nor the universe declare (a local). A func's
// name stays, which the debugger names the goroutine by.
func (e *Evaluator) guardGo(n ast.Node) {
	rewrite.GuardGo(n, e.temp, func(name string) bool {
		en := e.decls.entries[name]
		return en != nil && en.sym.Kind == symtab.KindConst
	}, cellNames{e}.IsPackage, func(name string) bool {
		if en := e.decls.entries[name]; en != nil {
			return en.sym.Kind == symtab.KindVar
		}
		return !e.cellFuncs[name] && types.Universe.Lookup(name) == nil
	})
}
