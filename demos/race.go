package demos

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// Count is the result of a counter demo: what the counter should have
// reached, what it did reach, and the timeline of the goroutines.
type Count struct {
	Want, Got int
	*Timeline
}

// String says whether updates were lost, e.g.
// "racy counter: got 1234567, want 4000000 (2765433 updates lost)".
func (c Count) String() string {
	lost := ""
	if c.Got != c.Want {
		lost = fmt.Sprintf(" (%d updates lost)", c.Want-c.Got)
	}
	return fmt.Sprintf("%s: got %d, want %d%s, %.3f s", c.Title, c.Got, c.Want, lost, c.Seconds())
}

// RacyCounter has goroutines each add 1 to one shared int, increments
// times, with nothing guarding it. counter++ is three steps (read, add,
// write); when two goroutines interleave them, one update overwrites the
// other. On a machine with two or more cores Got usually comes out well
// below Want, and different on every run. `go run -race` reports it.
func RacyCounter(goroutines, increments int) Count {
	counter := 0
	t := countWith("racy counter", goroutines, increments, func() { counter++ })
	return Count{Want: goroutines * increments, Got: counter, Timeline: t}
}

// MutexCounter is [RacyCounter] with a sync.Mutex around the increment:
// only one goroutine at a time can be between Lock and Unlock, so no update
// is lost and Got always equals Want. It is slower, because the goroutines
// now queue for the lock.
func MutexCounter(goroutines, increments int) Count {
	var mu sync.Mutex
	counter := 0
	t := countWith("counter with mutex", goroutines, increments, func() {
		mu.Lock()
		counter++
		mu.Unlock()
	})
	return Count{Want: goroutines * increments, Got: counter, Timeline: t}
}

// AtomicCounter is [RacyCounter] with sync/atomic: the processor does the
// read-add-write as one indivisible step. Got always equals Want, and for a
// single number this is faster than a mutex.
func AtomicCounter(goroutines, increments int) Count {
	var counter atomic.Int64
	t := countWith("atomic counter", goroutines, increments, func() { counter.Add(1) })
	return Count{Want: goroutines * increments, Got: int(counter.Load()), Timeline: t}
}

// countWith runs inc increments times on each of the goroutines. They all
// wait at a starting line first, so that they really count at the same
// time instead of the first finishing before the last has started.
func countWith(title string, goroutines, increments int, inc func()) *Timeline {
	t := newTimeline(title, numbered("goroutine %d of "+strconv.Itoa(goroutines), goroutines)...)
	start := make(chan struct{}) // closed once every goroutine exists
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			<-start
			label := fmt.Sprintf("goroutine %d of %d", g+1, goroutines)
			t.timed(label, fmt.Sprintf("goroutine %d", goroutineID()), func(string) {
				for range increments {
					inc()
				}
			}, label)
		})
	}
	close(start)
	wg.Wait()
	return t.Done()
}
