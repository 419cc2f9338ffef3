package srcdoc

import (
	"golessons/kernel/internal/docindex"
	"golessons/kernel/internal/symtab"
)

// Env is what completion and inspection look names up in: one type for
// both, since they answer questions about the same notebook.
type Env struct {
	// Symbols are the user's declarations after the last cell; symbols of
	// kind symtab.KindImport count as imports too.
	Symbols []symtab.Symbol
	// Imports maps the names cells imported packages under (package name
	// or alias) to import paths.
	Imports map[string]string
	// Index is the documentation index; nil means the embedded index plus
	// the module packages imported.
	Index *docindex.Index
}

// Resolve returns every import (the symbols' and Imports) and the index to
// search, filling in the default one when Index is nil.
func (e Env) Resolve() (imports map[string]string, ix *docindex.Index) {
	imports = symtab.Imports(e.Symbols, e.Imports)
	ix = e.Index
	if ix == nil {
		ix = Default().Index(docindex.Load(), imports)
	}
	return imports, ix
}
