//go:build ignore

// Iterator adapters written as generic funcs (Filter, Map, Take), chained,
// collected, ranged over with break, and called with explicit type arguments.
package main

import (
	"fmt"
	"iter"
	"slices"
)

func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Map[T, U any](seq iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range seq {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// Take stops after n values.
func Take[T any](seq iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range seq {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

type Point struct{ X, Y int }

func main() {
	evens := Filter(Count(10), func(n int) bool { return n%2 == 0 })
	for v := range evens {
		fmt.Print(v, " ")
	}
	fmt.Println()
	words := Map(evens, func(n int) string { return fmt.Sprint("#", n) })
	fmt.Println(slices.Collect(words))
	fmt.Println(slices.Collect(Filter(slices.Values([]string{"a", "bb", "ccc"}), func(s string) bool { return len(s) > 1 })))
	for v := range Take(Count(100), 3) {
		fmt.Println("take", v)
	}
	pts := Map[int, Point](Take(Count(5), 2), func(i int) Point { return Point{i, i * i} })
	for p := range pts {
		if p.X > 0 {
			break
		}
		fmt.Printf("%+v\n", p)
	}
}
