// Comparing interface values that hold types the program declares:
// errors held in error variables, wrapped and unwrapped, sentinels,
// values in any, in switches, funcs, closures, goroutines and generics.
package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

type NotFound struct{ Name string }

func (e *NotFound) Error() string { return e.Name + " not found" }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

type Point struct{ X, Y int }

var (
	ErrClosed  = errors.New("closed")
	ErrMissing = &NotFound{"missing"}
)

func describe(err error) string {
	switch err {
	case nil:
		return "no error"
	case ErrClosed, io.EOF:
		return "closed or EOF"
	case ErrMissing:
		return "the missing one"
	case Code(404):
		return "code 404"
	}
	return "other: " + err.Error()
}

type Tracker struct{ last error }

func (t *Tracker) Seen(err error) bool {
	same := t.last == err
	t.last = err
	return same
}

func Index[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func main() {
	orig := &NotFound{"x"}
	var e error = orig
	fmt.Println("error var vs pointer:", e == orig, orig == e, e != orig, e == &NotFound{"x"})

	wrapped := fmt.Errorf("lookup: %w", orig)
	fmt.Println("unwrap == orig:", errors.Unwrap(wrapped) == orig, errors.Unwrap(wrapped) != orig)

	var e2 error = orig
	var e3 error = &NotFound{"x"}
	fmt.Println("two error vars:", e == e2, e == e3, e2 != e3)

	var ce error = Code(3)
	fmt.Println("value-type error:", ce == Code(3), ce == Code(4), ce != Code(3), ce == e)

	var a any = orig
	var p any = Point{1, 2}
	var c any = Code(7)
	fmt.Println("any:", a == orig, a == e, p == Point{1, 2}, p == Point{2, 1}, c == Code(7), c == a)

	var s error = ErrClosed
	fmt.Println("sentinels:", s == ErrClosed, s == io.EOF, s != ErrClosed, ErrMissing == error(ErrMissing))

	_, err := strings.NewReader("").Read(make([]byte, 4))
	fmt.Println("io.EOF from a reader:", err == io.EOF, err != io.EOF, err == ErrClosed)

	for _, err := range []error{nil, ErrClosed, io.EOF, ErrMissing, Code(404), Code(500), orig} {
		fmt.Println("switch:", describe(err))
	}

	for _, err := range []error{io.EOF, ErrClosed, orig, ErrMissing} {
		switch {
		case err == io.EOF, err == ErrClosed:
			fmt.Println("tagless switch: done")
		case err == orig, err == ErrMissing:
			fmt.Println("tagless switch: not found")
		}
	}

	t := &Tracker{}
	fmt.Println("method:", t.Seen(orig), t.Seen(orig), t.Seen(Code(1)), t.Seen(Code(1)), t.Seen(ErrClosed))

	same := func(x, y error) bool { return x == y }
	fmt.Println("closure:", same(orig, e), same(orig, ErrMissing), same(Code(2), Code(2)))

	var wg sync.WaitGroup
	results := make([]bool, 3)
	for i, target := range []error{orig, ErrMissing, Code(3)} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = e == target || ce == target
		}()
	}
	wg.Wait()
	fmt.Println("goroutines:", results)

	errs := []error{ErrClosed, ErrMissing, orig}
	var target error = orig
	fmt.Println("generic:", Index(errs, target), Index(errs, error(io.EOF)), Index([]any{1, Point{1, 2}, orig}, any(orig)))

	counts := map[any]int{}
	counts[orig]++
	counts[Code(3)]++
	counts[Code(3)]++
	counts[Point{1, 2}]++
	var key any = Point{1, 2}
	fmt.Println("map keys:", len(counts), counts[orig], counts[Code(3)], counts[key])
}
