// Package inspect answers Jupyter inspect_request (Shift+Tab) for Go
// cells: for the identifier or pkg.Name selector under the cursor, or the
// function whose call the cursor is in, it gives the Go signature and doc
// comment of standard-library, slices/maps/cmp, demos and display names
// (from [docindex]) and the declaration, type and current value of the
// user's names (from [symtab]).
//
// It reads the text around the cursor only (no type checking), so it
// answers instantly even while a cell runs.
package inspect
