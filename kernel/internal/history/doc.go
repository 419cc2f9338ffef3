// Package history keeps the cells a user ran, across kernel restarts, for
// Jupyter history_request (tail, range and search) and console up-arrow.
//
// A [Store] is a JSON-lines file, one [Entry] per executed cell, read back
// when the kernel starts. Each kernel start is a new session, numbered one
// past the highest in the file. The file is bounded: when it grows past
// [Limit] entries by a margin it is rewritten with the newest Limit. When
// the file cannot be read or written, the store keeps working in memory and
// logs why, so history never stops the kernel.
//
// Kernels running at the same time may share the file: each appends whole
// lines. Sessions numbered at the same instant can collide, and a rewrite
// by one kernel drops lines another appends meanwhile; both are accepted
// costs of a plain file.
package history
