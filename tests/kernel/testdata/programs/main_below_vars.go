//go:build ignore

// A program whose main uses package-level names declared further down,
// as Go allows, and a versioned standard import.
package main

import (
	"fmt"
	"math/rand/v2"
)

func main() {
	fmt.Println("greeting:", greeting)
	fmt.Println("squares:", squares)
	r := rand.New(rand.NewPCG(1, 2))
	n := r.IntN(10)
	fmt.Println("in range:", n >= 0 && n < 10)
	fmt.Println("total:", total())
}

var greeting = makeGreeting("gopher")

func makeGreeting(name string) string { return "hello, " + name }

var squares = func() []int {
	var s []int
	for i := range limit {
		s = append(s, i*i)
	}
	return s
}()

const limit = 5

func total() int {
	t := 0
	for _, v := range squares {
		t += v
	}
	return t
}
