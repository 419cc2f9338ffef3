// Package complete answers Jupyter complete_request for Go cells: after
// `pkg.` the exported names of any importable package, after `v.` the
// fields and methods of a user variable, inside an import string the
// importable paths, and for a bare prefix the user's names, package names,
// keywords and builtins.
//
// It works on the text around the cursor only (no type checking), so it
// answers instantly even while a cell runs; user names come from the
// [symtab.Symbol] list of the last cell, package names from [docindex].
package complete
