package demos

import (
	"fmt"
	"sync"
	"time"
)

// WorkerPool runs jobs small jobs (each sleeping d) on a fixed number of
// worker goroutines that take jobs from one channel and report on another.
// With 8 jobs of 500 ms and 3 workers the chart shows three rows, each
// picking up its next job as soon as it is free: 3 rounds, about 1.5 s.
func WorkerPool(jobs, workers int, d time.Duration) *Timeline {
	labels := make([]string, jobs)
	for i := range labels {
		labels[i] = fmt.Sprintf("job %d", i+1)
	}
	return RunPool(func(string) { time.Sleep(d) }, workers, labels...)
}

// RunPool is [WorkerPool] with your own job function, called with each label.
// The main goroutine prints one line per finished job, in finishing order.
func RunPool(work func(string), workers int, labels ...string) *Timeline {
	t := newTimeline(fmt.Sprintf("pool of %d workers", workers), numbered("worker %d", workers)...)
	jobs := make(chan string)    // unbuffered: a job is handed over only when a worker is free
	results := make(chan string) // workers report here; main prints
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			row := fmt.Sprintf("worker %d", w+1)
			for label := range jobs { // ends when jobs is closed and drained
				t.timed(row, fmt.Sprintf("goroutine %d", goroutineID()), work, label)
				results <- fmt.Sprintf("%s done by %s at %s", label, row, Stamp())
			}
		})
	}
	go func() { // feed the jobs, then tell the workers there are no more
		for _, label := range labels {
			jobs <- label
		}
		close(jobs)
	}()
	go func() { wg.Wait(); close(results) }() // results closes once every worker is done
	for line := range results {
		fmt.Println(line)
	}
	return t.Done()
}
