//go:build ignore

// Run-time panics recovered and printed: Go's words for an index or a
// slice out of range, a nil pointer, a nil map and a failed type
// assertion, and each is a runtime.Error a program can test for.
package main

import (
	"errors"
	"fmt"
	"runtime"
)

type Node struct {
	Val  int
	Next *Node
}

func (n *Node) Sum() int { return n.Val + n.Next.Sum() }

// safely runs f and turns a panic into an error, as a server's request
// handler might.
func safely(what string, f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(runtime.Error); ok {
				err = fmt.Errorf("%s: %w", what, re)
				return
			}
			err = fmt.Errorf("%s: %v", what, r)
		}
	}()
	f()
	return nil
}

func main() {
	scores := []int{90, 85, 77}
	week := [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	word := "gopher"
	i, j := 3, 9
	var cache map[string]int
	var v any = 42

	errs := []error{
		safely("read", func() { fmt.Println(scores[i]) }),
		safely("day", func() { fmt.Println(week[j]) }),
		safely("letter", func() { fmt.Println(word[j]) }),
		safely("window", func() { fmt.Println(scores[1:j]) }),
		safely("tail", func() { fmt.Println(scores[j:]) }),
		safely("backwards", func() { fmt.Println(word[i:1]) }),
		safely("list", func() { fmt.Println((&Node{Val: 1}).Sum()) }),
		safely("cache", func() { cache["hits"]++ }),
		safely("assert", func() { fmt.Println(v.(string)) }),
		safely("fine", func() { fmt.Println(scores[:i], week[5:], word[2:4]) }),
		safely("custom", func() { panic("out of coffee") }),
	}
	for _, err := range errs {
		var re runtime.Error
		fmt.Println(err, "| runtime error:", errors.As(err, &re))
	}
}
