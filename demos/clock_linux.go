package demos

import (
	"fmt"
	"syscall"
	"unsafe"
)

// clockMonotonic is CLOCK_MONOTONIC from <time.h>; the syscall package has
// no name for it.
const clockMonotonic = 1

// Now returns the seconds since the machine booted, read from the kernel's
// CLOCK_MONOTONIC. Every process on the machine reads the same clock, so a
// parent and its children print comparable times. Go's time.Now also uses
// this clock internally but never exposes its absolute value.
func Now() float64 {
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockMonotonic, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0 // CLOCK_MONOTONIC exists on every Linux since 2.6
	}
	return float64(ts.Sec) + float64(ts.Nsec)/1e9
}

// Stamp returns [Now] with 7 decimals, e.g. "74036.9174051".
func Stamp() string { return fmt.Sprintf("%.7f", Now()) }

// ThreadID returns the id the Linux kernel gives the OS thread running the
// caller. Without runtime.LockOSThread, a goroutine may move to another
// thread at any moment, so the answer can change between two calls.
func ThreadID() int { return syscall.Gettid() }
