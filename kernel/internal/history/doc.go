// Package history keeps the cells a user ran, across kernel restarts, for
// Jupyter history_request (tail, range and search) and console up-arrow.
//
// A [Store] is a JSON-lines file, one [Entry] per executed cell, read back
// when the kernel starts. Each kernel start is a new session, numbered one
// past the highest in the file. The store is bounded in memory and on disk:
// an entry keeps at most [MaxInput] bytes of input (a longer cell is
// recorded as a note saying so) and [MaxOutput] of output (cut, with a
// note); all entries together at most [Limit] entries and [MaxBytes] bytes,
// the oldest going first. When the file grows past that by a margin it is
// rewritten. Lines longer than any record the kernel writes are skipped
// when reading, so one bad line never hides the rest. When the file cannot
// be read or written, the store keeps working in memory and logs why, so
// history never stops the kernel.
//
// Kernels running at the same time may share the file. Appends and
// rewrites take an exclusive flock on "<file>.lock"; a rewrite re-reads the
// file under it (keeping what the other kernels appended) and renames a new
// file into place, and a kernel that finds the file replaced reopens it
// before its next append. Sessions numbered at the same instant can still
// collide.
//
// History is private: the file and its folder must belong to this user and
// the folder must not be writable by others; symbolic links are not
// followed, and a file readable by others is made 0600. Otherwise, and
// when there is no home folder at all, history stays in memory (never in a
// shared temporary folder).
package history
