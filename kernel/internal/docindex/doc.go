// Package docindex answers "what is pkg.Name?" for every package a cell can
// import: the standard library as yaegi v0.16.1 exports it (Go 1.22) and
// as package stdsyms adds to it (the later releases' non-generic API),
// slices/maps/cmp, golessons/demos, golessons/display and golessons/widgets.
//
// The index is built at build time by `go generate` (see gen.go and
// internal/gen) from GOROOT and the repository sources, and embedded gzipped,
// so the kernel needs no Go toolchain or GOROOT at run time. [Load] decodes it
// once, on first use; an [Index] is read-only afterwards and safe for
// concurrent use. The decoded index is the package's only package-level state:
// it never changes after decoding, so sharing it is safe.
//
// The package does not resolve user declarations; that is symtab's job.
package docindex
