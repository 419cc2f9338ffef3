// Package modules gets Go modules for cells: it resolves an import path to
// the module that provides it, downloads that module from the Go module
// proxy (GOPROXY, file:// proxies included), verifies it as the go command
// does (go.sum lines, then the checksum database unless GOSUMDB/GONOSUMDB
// say otherwise), and keeps it in the user's module cache (GOMODCACHE,
// the layout the go command uses, so both share it).
//
// A Loader then checks that each imported package can be interpreted
// (no cgo, no assembly without a pure-Go fallback, only standard packages
// the interpreter has) and serves the packages' sources, filtered by build
// constraints, as a file system for the interpreter.
//
// It knows nothing of cells, messages or the interpreter: the evaluator
// passes it import paths and a predicate for the packages it compiles in.
package modules
