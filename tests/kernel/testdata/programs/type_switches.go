//go:build ignore

// Type switches and two-value forms, as the interfaces and maps chapters
// of a Go tutorial write them: every kind of case (a struct, a pointer,
// an interface of the program, the standard library's error and
// fmt.Stringer, builtin types, several types in one case, nil, default)
// in funcs, methods, closures and goroutines, with break, labels and an
// init statement.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type Square struct{ Side float64 }

func (s *Square) Area() float64 { return s.Side * s.Side }

type Shape interface{ Area() float64 }

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

type Version struct{ Major, Minor int }

func (v Version) String() string { return fmt.Sprintf("v%d.%d", v.Major, v.Minor) }

func describe(i interface{}) string {
	switch v := i.(type) {
	case nil:
		return "nil"
	case int:
		return "int " + strconv.Itoa(v+1)
	case string, []byte:
		return fmt.Sprintf("text %T %v", v, v)
	case Rect:
		return fmt.Sprintf("rect %.0fx%.0f", v.W, v.H)
	case *NotFound:
		return "not found " + v.Key
	case Shape:
		return fmt.Sprintf("shape of area %.0f", v.Area())
	case fmt.Stringer:
		return "stringer " + v.String()
	case error:
		return "error " + v.Error()
	case func() int:
		return "func giving " + strconv.Itoa(v())
	case map[string]int:
		return fmt.Sprint("map of ", len(v))
	default:
		return fmt.Sprintf("something else: %T", v)
	}
}

// classify switches on an error, as code checking errors does.
func classify(err error) string {
	switch e := err.(type) {
	case nil:
		return "no error"
	case *NotFound:
		return "missing " + e.Key
	default:
		return "other: " + e.Error()
	}
}

type Zoo struct{ animals []any }

// Count is a method with a labelled type switch in a loop.
func (z *Zoo) Count() (shapes, others int) {
	for _, a := range z.animals {
	kinds:
		switch a.(type) {
		case Shape:
			shapes++
			break kinds
		default:
			others++
		}
	}
	return shapes, others
}

func main() {
	values := []any{nil, 41, "go", []byte("hi"), Rect{3, 2}, &NotFound{"k"}, &Square{3},
		Version{1, 22}, errors.New("boom"), func() int { return 7 }, map[string]int{"a": 1},
		2.5, time.Second, Rect{}, struct{ X int }{1}}
	for _, v := range values {
		fmt.Println(describe(v))
	}

	fmt.Println(classify(nil), "|", classify(&NotFound{"user"}), "|", classify(fmt.Errorf("wrapped: %w", &NotFound{"x"})))

	// A closure with an init statement; the switched call runs once.
	calls := 0
	next := func() any { calls++; return &Square{2} }
	area := func() float64 {
		switch scale := 10.0; s := next().(type) {
		case Rect:
			return s.W * scale
		case Shape:
			return s.Area() * scale
		}
		return -1
	}
	fmt.Println(area(), calls)

	// Goroutines sending their verdicts.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var seen []string
	for _, v := range []any{Rect{1, 1}, &NotFound{"g"}, 3, Version{2, 0}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var d string
			switch x := v.(type) {
			case Shape:
				d = fmt.Sprint("shape ", x.Area())
			case error:
				d = "error " + x.Error()
			case fmt.Stringer:
				d = "stringer " + x.String()
			default:
				d = fmt.Sprint("other ", x)
			}
			mu.Lock()
			seen = append(seen, d)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Strings(seen)
	fmt.Println(strings.Join(seen, "; "))

	z := &Zoo{animals: []any{Rect{1, 2}, "cat", &Square{1}, 4}}
	fmt.Println(z.Count())

	// break leaves the switch, not the loop.
	n := 0
	for _, v := range []any{1, "skip", 2} {
		switch v.(type) {
		case string:
			break
		}
		n++
	}
	fmt.Println("loop ran", n)

	// The comma-ok forms.
	ages := map[string]int{"ann": 31}
	if age, ok := ages["ann"]; ok {
		fmt.Println("ann is", age)
	}
	age, ok := ages["bob"]
	fmt.Println("bob", age, ok)
	var s any = Rect{1, 1}
	r, isRect := s.(Rect)
	sq, isSquare := s.(*Square)
	fmt.Println(r, isRect, sq, isSquare)
	var err error = &NotFound{"cfg"}
	if nf, ok := err.(*NotFound); ok {
		fmt.Println("found the key", nf.Key)
	}
	var none any
	_, isErr := none.(error)
	sh, isShape := values[6].(Shape)
	st, isStringer := err.(fmt.Stringer)
	fmt.Println(isErr, sh.Area(), isShape, st, isStringer)
	for _, v := range values {
		if s, ok := v.(Shape); ok {
			fmt.Print(s.Area(), " ")
		}
		if e, ok := v.(error); ok {
			fmt.Print(e.Error(), " ")
		}
	}
	fmt.Println()
	var target *NotFound
	fmt.Println(errors.As(fmt.Errorf("ctx: %w", err), &target), target.Key)
}
