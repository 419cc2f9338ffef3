// Package stdsyms holds interpreter symbol tables for what the standard
// library gained after the Go 1.22 that yaegi's own tables were
// extracted with: the exported non-generic functions, variables,
// constants and types of the running toolchain that yaegi lacks
// (strings.SplitSeq, os.CopyFS, crypto/sha3, ...), and nothing yaegi has,
// so the binary carries each symbol once. The evaluator merges Symbols
// over yaegi's tables; the type checker reads them the same way.
//
// The files are written by ./internal/gen (yaegi's extractor restricted to
// the missing names); TestGeneratedUpToDate fails when they are stale.
// Generic functions cannot be in a table: cells get those from the
// evaluator's source shims and rewrites.
package stdsyms

import "reflect"

//go:generate go run ./internal/gen

// Symbols maps "import/path/name" to the entries yaegi's tables lack, in
// the shape of yaegi's interp.Exports; the generated files fill it in.
var Symbols = map[string]map[string]reflect.Value{}
