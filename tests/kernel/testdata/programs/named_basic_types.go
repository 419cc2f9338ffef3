//go:build ignore

// %T of named types whose underlying type is not a struct: a float, a
// string with a method, a slice, a map and a func type, alone and inside
// composite types, and held in an interface.
package main

import (
	"fmt"
	"strconv"
)

type Celsius float64

type Weekday int

func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }

type Tags []string

type Scores map[string]int

type Handler func(string) error

type Temp struct{ C Celsius }

func describe(label string, v any) {
	fmt.Printf("%s: %T\n", label, v)
}

func main() {
	c := Celsius(21.5)
	fmt.Printf("%T %v\n", c, c)
	fmt.Printf("%v has type %T\n", c, c)
	p := &c
	fmt.Printf("%T\n", p)
	d := Weekday(1)
	fmt.Printf("%T %v %d\n", d, d, d)
	fmt.Printf("%T %T %T\n", Tags{"a"}, Scores{}, Handler(nil))
	fmt.Printf("%T %T\n", []Celsius{1, 2}, map[string]Weekday{})
	s := fmt.Sprintf("%T", c)
	fmt.Println(s, len(s))
	fmt.Printf("%T %T %T\n", 1.5, "x", strconv.Itoa(3))
	fmt.Printf("%T\n", Temp{C: 3})
	describe("temp", Temp{})
}
