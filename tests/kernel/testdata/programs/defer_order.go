//go:build ignore

// When a deferred call's arguments are evaluated (at the defer), the
// order deferred calls run in (last in, first out), a deferred closure
// that changes a named result, closures deferred in a loop, and a
// recover that turns each item's panic into an error.
package main

import (
	"errors"
	"fmt"
	"strings"
)

func trace(name string) func() {
	fmt.Println("enter", name)
	return func() { fmt.Println("leave", name) }
}

func countdown() {
	defer trace("countdown")()
	n := 3
	defer fmt.Println("deferred with n =", n)
	for ; n > 0; n-- {
		defer fmt.Print(n, " ")
	}
	fmt.Println("n is now", n)
}

func doubled(x int) (result int) {
	defer func() { result *= 2 }()
	return x + 1
}

func labels(words []string) (out string) {
	for i, w := range words {
		defer func() { out += fmt.Sprintf("%d:%s ", i, strings.ToUpper(w)) }()
	}
	return ""
}

var ErrEmpty = errors.New("empty name")

func process(names []string) (err error) {
	for _, name := range names {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("processing %q: %v", name, r)
			}
		}()
		if name == "" {
			panic(ErrEmpty)
		}
	}
	return nil
}

func main() {
	countdown()
	fmt.Println()
	fmt.Println(doubled(4))
	fmt.Println(labels([]string{"a", "b", "c"}))
	fmt.Println(process([]string{"ann", "", "bo"}))
	fmt.Println(process([]string{"cy"}))
	cleanup := func(what string) { fmt.Println("cleanup", what) }
	for _, f := range []string{"x.txt", "y.txt"} {
		defer cleanup(f)
	}
	fmt.Println("main done")
}
