//go:build ignore

// Pipeline stages connected by channels: a generator, a squaring stage
// run twice (fan-out) and a merge of their outputs (fan-in) that ranges
// over a slice of receive-only channels; a worker pool; a semaphore.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func generate(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			out <- n
		}
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			out <- n * n
		}
	}()
	return out
}

func merge(inputs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	wg.Add(len(inputs))
	for i, in := range inputs {
		go func() {
			defer wg.Done()
			for n := range in {
				out <- n + 1000*i
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

type job struct{ id, size int }

func main() {
	src := generate(1, 2, 3, 4, 5, 6)
	var got []int
	for v := range merge(square(src), square(src)) {
		got = append(got, v%1000)
	}
	sort.Ints(got)
	fmt.Println("squares:", got)

	stages := [2]chan int{make(chan int, 1), make(chan int, 1)}
	for i, c := range stages {
		c <- i * 10
	}
	byName := map[string]chan string{"a": make(chan string, 1)}
	for name, c := range byName {
		c <- "hello " + name
		fmt.Println(<-c)
	}
	var ch chan int
	for _, ch = range stages[:] {
		fmt.Println("from stage:", <-ch)
	}

	jobs := make(chan job)
	sizes := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				sizes <- j.size * 2
			}
		}()
	}
	go func() {
		for i := 1; i <= 5; i++ {
			jobs <- job{i, i * 3}
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(sizes)
	}()
	total := 0
	for s := range sizes {
		total += s
	}
	fmt.Println("total:", total)
}
