package demos

import (
	"fmt"
	"strconv"
	"sync"
)

// IsPrime reports whether n is prime, by trial division: slow on purpose,
// so that counting primes keeps a CPU core busy.
func IsPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// chunk is how many numbers a goroutine checks before taking its next
// share. Chunks are dealt round-robin because big numbers cost more to
// check: contiguous halves would leave the first goroutine idle early.
const chunk = 10_000

// CountPrimes counts the primes below limit using the given number of
// goroutines, and notes the count on the timeline. It is pure CPU work with
// no sleeping, so goroutines only help when there are free cores: with one
// goroutine the bar is long; with runtime.NumCPU() goroutines the bars sit
// side by side and the wall time shrinks by up to that factor. More
// goroutines than cores cannot go faster. The count is the same every time
// (78498 below 1,000,000).
func CountPrimes(limit, goroutines int) *Timeline {
	t := newTimeline(fmt.Sprintf("primes below %d", limit), numbered("share %d of "+strconv.Itoa(goroutines), goroutines)...)
	counts := make([]int, goroutines) // one slot per goroutine: no sharing, no race
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			label := fmt.Sprintf("share %d of %d", g+1, goroutines)
			t.timed(label, fmt.Sprintf("goroutine %d", goroutineID()), func(string) {
				for lo := g * chunk; lo < limit; lo += goroutines * chunk {
					for n := lo; n < min(lo+chunk, limit); n++ {
						if IsPrime(n) {
							counts[g]++
						}
					}
				}
			}, label)
		})
	}
	wg.Wait()
	total := 0
	for _, c := range counts {
		total += c
	}
	t.Note = fmt.Sprintf("%d primes", total)
	return t.Done()
}
