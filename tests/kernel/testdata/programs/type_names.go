//go:build ignore

// %T, %v, %+v and %#v of types a program declares.
package main

import "fmt"

type point struct{ x, y int }

type Shape struct {
	Name   string
	Origin point
	Tags   []string
}

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

func find(k string) error { return &NotFound{Key: k} }

func main() {
	s := Shape{Name: "square", Origin: point{1, 2}, Tags: []string{"red"}}
	fmt.Printf("%T %T %T\n", s, &s, []*Shape{&s})
	fmt.Printf("%v\n%+v\n", s, s)
	fmt.Printf("%#v\n", point{3, 4})
	err := find("k1")
	fmt.Printf("%T %v\n", err, err)
	fmt.Println(s, &point{5, 6})
}
