package demos

import (
	"fmt"
	"time"
)

// Delay is how long [Worker] sleeps.
const Delay = 2 * time.Second

// Worker is the lesson's lab rat. It prints its label, a timestamp, sleeps
// for [Delay], prints "Sleep Done" and a second timestamp:
//
//	example_arg
//	74036.9174051
//	Sleep Done
//	74038.9184008
//
// The two timestamps are always about 2 s apart. What changes from runner to
// runner is how the timestamps of several workers line up.
func Worker(label string) { SleepyWorker(Delay)(label) }

// SleepyWorker returns a worker like [Worker] that sleeps for d instead.
func SleepyWorker(d time.Duration) func(string) {
	return func(label string) {
		fmt.Println(label)
		fmt.Println(Stamp())
		time.Sleep(d)
		fmt.Println("Sleep Done")
		fmt.Println(Stamp())
	}
}
