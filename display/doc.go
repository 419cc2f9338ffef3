// Package display shows rich output (HTML, Markdown, SVG, images, JSON,
// LaTeX) from a golessons notebook cell.
//
// A type gets rich output by adding one method — [HTMLer], [SVGer],
// [Markdowner], [PNGer], [JPEGer], [JSONer] or [Latexer] — without importing
// anything from the kernel; [Bundle] turns such a value (or an image.Image)
// into a MIME bundle that always carries a "text/plain" fallback.
//
// Cells call [HTML], [Markdown], [SVG], [PNG], [JPEG], [JSON], [Latex],
// [Image], [Text] or [Any] to show something at once, and [New] for an
// [Output] that is shown once and then redrawn in place (a progress bar, a
// chart that grows as goroutines finish).
//
// The package does not know about Jupyter messages, sockets or processes. It
// hands each [Message] to a publisher that the runner installs with
// [SetPublisher]. That hook is the package's only package-level state: cells
// call display functions as plain functions from any goroutine, so the
// destination cannot be passed in as an argument and has to live in the
// package. It is guarded by an atomic pointer. With no publisher installed
// (tests, a program run outside the kernel) the text/plain form is printed
// to standard output instead.
package display
