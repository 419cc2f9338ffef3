//go:build ignore

// for-select loops as concurrency tutorials write them: a labelled break
// out of the loop from a case, a quit channel, a timeout, and cases that
// assign what they receive to variables declared before the select.
package main

import (
	"fmt"
	"time"
)

func collect(values <-chan int, quit <-chan struct{}) (sum int, got int) {
loop:
	for {
		select {
		case v, ok := <-values:
			if !ok {
				break loop
			}
			sum += v
			got++
		case <-quit:
			break loop
		}
	}
	return sum, got
}

func latest(updates <-chan string) string {
	last := "none"
	var ok bool
	for {
		select {
		case last, ok = <-updates:
			if !ok {
				return last
			}
		case <-time.After(time.Second):
			return "timed out"
		}
	}
}

func main() {
	values := make(chan int)
	quit := make(chan struct{})
	go func() {
		for i := 1; i <= 4; i++ {
			values <- i
		}
		close(values)
	}()
	fmt.Println(collect(values, quit))

	stop := make(chan struct{})
	go func() { close(stop) }()
	fmt.Println(collect(make(chan int), stop))

	updates := make(chan string, 3)
	updates <- "v1"
	updates <- "v2"
	close(updates)
	fmt.Println(latest(updates))

	var n int
	single := make(chan int, 1)
	single <- 9
	select {
	case n = <-single:
	}
	fmt.Println(n)

	timeout := time.After(20 * time.Millisecond)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	ticks := 0
wait:
	for {
		select {
		case <-tick.C:
			ticks++
		case <-timeout:
			break wait
		}
	}
	fmt.Println("ticked:", ticks > 0)
}
