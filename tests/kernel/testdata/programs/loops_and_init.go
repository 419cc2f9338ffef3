// Package-level initialisation order, init funcs and range loops whose
// bodies change their variables.
package main

import (
	"container/list"
	"fmt"
)

var steps []string

func init() { steps = append(steps, "first init") }

var counted = len(steps)

func init() { steps = append(steps, "second init") }

type Level int

func (l Level) String() string { return fmt.Sprintf("L%d", int(l)) }

func init() { steps = append(steps, Level(2).String()) }

func main() {
	fmt.Println(steps, counted)
	last := -1
	for last = range 5 {
	}
	fmt.Println("last:", last)
	for i := range 3 {
		fmt.Print(i, " ")
		i += 10
	}
	for i, v := range []string{"a", "b", "c"} {
		fmt.Print(i, v, " ")
		i, v = 99, "z"
	}
	fmt.Println()
	for i := range "añb" {
		fmt.Print(i, " ")
	}
	fmt.Println()
	l := list.New()
	e := l.PushBack(1)
	n := 6
	e.Value = n * n
	fmt.Println(e.Value, l.Len())
}
