// Package demos is the compiled lesson code behind the golessons notebooks:
// one small worker run one after another, on goroutines, on pinned OS
// threads and in separate processes, plus the things Python's threads
// cannot show (CPU work across cores, a worker pool on channels, context
// cancellation, a data race and the mutex that fixes it).
//
// Every runner returns a [*Timeline]: who ran when and where (goroutine, OS
// thread or process). A notebook draws it as a Gantt chart through its SVG
// method and summarises it through String.
//
// The package imports only the standard library, keeps no package-level
// state and knows nothing about the kernel. The one hook a program must call
// is [RunChildIfRequested], first thing in main: it is how a copy of the
// program started by [WithProcesses] knows that it is a worker.
//
// Timestamps come from [Now]: seconds since boot on CLOCK_MONOTONIC, the
// clock Python's time.perf_counter reads on Linux, so times printed by
// different processes can be compared directly.
package demos
