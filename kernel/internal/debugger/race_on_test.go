//go:build race

package debugger

// raceDetector is true under -race. Some debugger tests meet data races of
// yaegi v0.16.1 itself and are skipped under -race (they run without it):
// goroutines started as closures share one debug routine whose counters
// (fDepth, running) yaegi updates without a lock; an interrupt abandons
// ExecuteWithContext's goroutine, which still writes its results; a
// detach lets yaegi's Debug goroutine clear the interpreter's debugger
// with no synchronisation.
const raceDetector = true
