package runner

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"golessons/kernel/internal/cellio"
)

// counter is an Output that counts stdout and the heap while it receives.
type counter struct {
	mu       sync.Mutex
	bytes    int
	calls    int
	peakHeap uint64
}

func (c *counter) Stream(name, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bytes += len(text)
	c.calls++
	if c.calls%64 == 0 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		c.peakHeap = max(c.peakHeap, ms.HeapInuse)
	}
}

func (c *counter) Display(cellio.Display) {}

func (c *counter) Input(context.Context, string, bool) (string, error) { return "", nil }

func TestFloodKeepsKernelMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("moves 256 MiB")
	}
	r := startRunner(t, -1)
	const mib = 256
	c := &counter{}
	start := time.Now()
	res := r.Execute(context.Background(), Request{Code: "bigflood 256"}, c)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	block := 1 << 16 / 63 * 63
	if want := (mib << 20) / block * block; c.bytes != want {
		t.Errorf("got %d bytes, want %d", c.bytes, want)
	}
	// 256 MiB in chunks of at most 64 KiB: about 4,100 messages, not millions.
	if c.calls > mib<<20/(32<<10) {
		t.Errorf("%d stream calls for %d MiB", c.calls, mib)
	}
	if c.peakHeap > 64<<20 {
		t.Errorf("kernel heap reached %d MiB during a %d MiB flood", c.peakHeap>>20, mib)
	}
	t.Logf("%d MiB in %v, %d chunks, peak heap %d MiB", mib, time.Since(start), c.calls, c.peakHeap>>20)
}

func TestTooLargeValueKeepsRunner(t *testing.T) {
	r := startRunner(t, -1)
	pid := r.current().pid
	res, _ := run(t, r, "bigvalue")
	if res.Err == nil || res.Err.Name != "OutputTooLarge" {
		t.Fatalf("error %+v, want OutputTooLarge", res.Err)
	}
	if r.current().pid != pid {
		t.Fatal("runner was replaced")
	}
	res, _ = run(t, r, "print "+strings.Repeat("y", 10))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
}
