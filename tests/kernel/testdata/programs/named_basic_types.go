//go:build ignore

// %T of named types whose underlying type is not a struct (a float, an
// int with a method, a slice, a map and a func type) alone and inside
// composite types, and of two struct types with the same fields.
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

// Reading has the same fields as Temp: a distinct type all the same.
type Reading struct{ C Celsius }

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
	fmt.Printf("%T %T %T\n", Reading{C: 1}, &Temp{}, map[byte][]Reading{})
}
