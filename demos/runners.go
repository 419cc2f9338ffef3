package demos

import (
	"fmt"
	"runtime"
	"sync"
)

// Synchronous runs [Worker] for each label, one after another. Each call
// starts when the previous one has printed "Sleep Done", so four labels take
// about 4 × 2 s = 8 s and the chart is a staircase.
func Synchronous(labels ...string) *Timeline { return RunSequential(Worker, labels...) }

// RunSequential is [Synchronous] with your own worker.
func RunSequential(work func(string), labels ...string) *Timeline {
	t := newTimeline("synchronous", labels...)
	for _, label := range labels {
		t.timed(label, fmt.Sprintf("goroutine %d", goroutineID()), work, label)
	}
	return t.Done()
}

// WithGoroutines starts one goroutine per label and waits for all of them
// with a sync.WaitGroup. The labels print almost at once, then about 2 s
// later the four "Sleep Done" lines: four labels take about 2 s in total.
func WithGoroutines(labels ...string) *Timeline { return RunGoroutines(Worker, labels...) }

// RunGoroutines is [WithGoroutines] with your own worker.
func RunGoroutines(work func(string), labels ...string) *Timeline {
	t := newTimeline("goroutines", labels...)
	var wg sync.WaitGroup
	for _, label := range labels {
		wg.Go(func() { // Add(1), go, and Done when the function returns
			t.timed(label, fmt.Sprintf("goroutine %d", goroutineID()), work, label)
		})
	}
	wg.Wait() // blocks until every goroutine has called Done
	return t.Done()
}

// WithChannels does what [WithGoroutines] does, but each goroutine sends
// its label on a channel when it finishes and the caller receives one value
// per goroutine instead of using a WaitGroup. It prints, in the order the
// workers finished, "<label> finished" lines after the workers' own output.
func WithChannels(labels ...string) *Timeline { return RunChannels(Worker, labels...) }

// RunChannels is [WithChannels] with your own worker.
func RunChannels(work func(string), labels ...string) *Timeline {
	t := newTimeline("goroutines + channel", labels...)
	done := make(chan string) // unbuffered: each send waits for the receive below
	for _, label := range labels {
		go func() {
			t.timed(label, fmt.Sprintf("goroutine %d", goroutineID()), work, label)
			done <- label
		}()
	}
	for range labels {
		fmt.Println(<-done, "finished")
	}
	return t.Done()
}

// WithThreads runs each worker on its own goroutine locked to its own OS
// thread with runtime.LockOSThread, the closest Go gets to Python's
// threading.Thread. Each worker first prints the kernel's id for its thread:
// four different ids, and like goroutines, about 2 s for four labels.
func WithThreads(labels ...string) *Timeline { return RunThreads(Worker, labels...) }

// RunThreads is [WithThreads] with your own worker.
func RunThreads(work func(string), labels ...string) *Timeline {
	t := newTimeline("OS threads", labels...)
	var wg sync.WaitGroup
	for _, label := range labels {
		wg.Go(func() {
			runtime.LockOSThread() // this goroutine, and only it, runs on this thread
			// Unlock before returning: a goroutine that exits while locked
			// takes its thread down with it.
			defer runtime.UnlockOSThread()
			tid := ThreadID()
			fmt.Printf("%s runs on OS thread %d\n", label, tid)
			t.timed(label, fmt.Sprintf("thread %d", tid), work, label)
		})
	}
	wg.Wait()
	return t.Done()
}
