//go:build race

package eval

// raceDetector is true under -race. yaegi v0.16.1 has data races of its
// own when a cell is cancelled (ExecuteWithContext writes its results
// from the goroutine it abandons, program.go:197) and between an
// interpreted goroutine still running and the next execution, which
// resizes the global frame (resizeFrame); tests that need either are
// skipped under -race and run without it.
const raceDetector = true
