package runner

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"
)

func openFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func TestNoLeaksAcrossCellsAndRestarts(t *testing.T) {
	runtime.GC()
	fds, goroutines := openFDs(t), runtime.NumGoroutine()
	r := startRunner(t, -1)
	for i := range 5 {
		for j := range 10 {
			code := "print hi\nset x 1"
			if j == 9 && i%2 == 1 {
				code = "exit 1" // a crash: restart with restore
			}
			run(t, r, code)
		}
		if err := r.Restart(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	r.Close()
	// Close waited for the process; its goroutines return right after
	// closing what Close waited on, so give them a moment to be gone.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		buf := make([]byte, 1<<16)
		t.Fatalf("goroutines: %d before, %d after\n%s", goroutines, n, buf[:runtime.Stack(buf, true)])
	}
	if n := openFDs(t); n != fds {
		t.Fatalf("open fds: %d before, %d after", fds, n)
	}
}

// BenchmarkTrivialCell measures one round trip of a cell that does
// nothing through the runner process: link, sync markers, capture, pump.
func BenchmarkTrivialCell(b *testing.B) {
	r := startRunner(b, -1)
	rec := newRecorder()
	for b.Loop() {
		if res := r.Execute(context.Background(), Request{Code: ""}, rec); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkPrintCell adds one line of output to the round trip.
func BenchmarkPrintCell(b *testing.B) {
	r := startRunner(b, -1)
	rec := newRecorder()
	for b.Loop() {
		if res := r.Execute(context.Background(), Request{Code: "print hi"}, rec); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}
