// A generic merge sort that sorts its halves in goroutines down to a
// depth, the shape of the parallel divide-and-conquer examples students
// meet after generics: the func calls itself inside func literals.
package main

import (
	"cmp"
	"fmt"
	"strings"
	"sync"
)

func merge[T cmp.Ordered](a, b []T) []T {
	out := make([]T, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] <= b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func SortParallel[T cmp.Ordered](s []T, depth int) []T {
	if len(s) < 2 {
		return s
	}
	mid := len(s) / 2
	var left, right []T
	if depth > 0 {
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); left = SortParallel(s[:mid], depth-1) }()
		go func() { defer wg.Done(); right = SortParallel(s[mid:], depth-1) }()
		wg.Wait()
	} else {
		left, right = SortParallel(s[:mid], 0), SortParallel(s[mid:], 0)
	}
	return merge(left, right)
}

// SumTree adds up a slice by halves, each half's sum sent on a channel.
func SumTree[T int | float64](s []T) T {
	if len(s) == 1 {
		return s[0]
	}
	c := make(chan T, 2)
	go func() { c <- SumTree(s[:len(s)/2]) }()
	go func() { c <- SumTree(s[len(s)/2:]) }()
	return <-c + <-c
}

// Depth counts how deep a closure-wrapped recursion goes.
func Depth[T any](x T, n int) int {
	if n == 0 {
		return 0
	}
	return func() int { return Depth(x, n-1) + 1 }()
}

func main() {
	nums := []int{38, 27, 43, 3, 9, 82, 10, 5, 61, 14, 77, 2}
	for depth := 0; depth <= 3; depth++ {
		fmt.Println("depth", depth, SortParallel(nums, depth))
	}
	words := strings.Fields("pear fig apple kiwi banana cherry date")
	fmt.Println(SortParallel(words, 2))
	fmt.Println(SortParallel([]float64{2.5, -1, 3.25, 0}, 1))
	fmt.Println(SumTree(nums), SumTree([]float64{0.5, 1.25, 2}))
	fmt.Println(Depth("x", 6), Depth(1.5, 0))
}
