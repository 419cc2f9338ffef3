//go:build ignore

// Range-over-func iterators: break, continue, labels, return and defer in
// the loop body, an iterator method, Seq2, and Collect/Sorted/All/Values.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
)

func countdown(from int) iter.Seq[int] {
	return func(yield func(int) bool) {
		defer fmt.Println("  (countdown finished)")
		for i := from; i > 0; i-- {
			if !yield(i) {
				return
			}
		}
	}
}

type Shelf struct{ books map[string]int }

func (s Shelf) Sorted() iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for _, t := range slices.Sorted(maps.Keys(s.books)) {
			if !yield(t, s.books[t]) {
				return
			}
		}
	}
}

func firstEven(seq iter.Seq[int]) int {
	defer fmt.Println("  firstEven returns")
	for n := range seq {
		if n%2 == 0 {
			return n
		}
	}
	return -1
}

func main() {
	for n := range countdown(5) {
		if n == 4 {
			continue
		}
		if n == 2 {
			break
		}
		fmt.Println("n =", n)
	}
	fmt.Println("first even:", firstEven(countdown(7)))

	shelf := Shelf{books: map[string]int{"Go": 3, "C": 1, "Rust": 2}}
outer:
	for title, copies := range shelf.Sorted() {
		for i := range countdown(copies) {
			if title == "Rust" {
				break outer
			}
			if i == 1 {
				continue outer
			}
			fmt.Println(title, i)
		}
	}
	fmt.Println(slices.Collect(countdown(3)), slices.Sorted(countdown(4)))
	for i, v := range slices.All([]string{"a", "b"}) {
		fmt.Println(i, v)
	}
	for v := range slices.Values([]string{"c", "d"}) {
		fmt.Println(v)
	}
	for i, v := range slices.Backward([]string{"e", "f", "g"}) {
		if i == 1 {
			continue
		}
		fmt.Println("backward", i, v)
	}
	total := 0
	for _, v := range maps.All(map[string]int{"x": 1, "y": 2}) {
		total += v
	}
	fmt.Println("total", total)
}
