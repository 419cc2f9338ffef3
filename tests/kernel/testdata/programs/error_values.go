//go:build ignore

// Errors as values: a struct error type matched with errors.As, an error
// result set before a bare return, a nil pointer stored in an error (Go's
// "non-nil interface holding nil" gotcha), and a struct that passes on
// the methods of a field it embeds.
package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

type ParseError struct {
	Line int
	Msg  string
}

func (e ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

type Timeout struct{ After int }

func (t *Timeout) Error() string {
	if t == nil {
		return "timeout (none)"
	}
	return fmt.Sprintf("timed out after %dms", t.After)
}

func parse(s string) (n int, err error) {
	if s == "" {
		err = ParseError{Line: 1, Msg: "empty input"}
		return
	}
	return len(s), nil
}

func wait(slow bool) error {
	var t *Timeout
	if slow {
		t = &Timeout{After: 50}
	}
	return t // a *Timeout, even when nil: the error is never nil
}

type Report struct {
	*strings.Builder
	Title string
}

func main() {
	_, err := parse("")
	fmt.Println("parse:", err)
	var pe ParseError
	if errors.As(fmt.Errorf("loading config: %w", err), &pe) {
		fmt.Println("found a ParseError at line", pe.Line)
	}

	for _, slow := range []bool{false, true} {
		err := wait(slow)
		fmt.Println("slow", slow, "-> err == nil:", err == nil, "|", err)
	}

	r := Report{Builder: &strings.Builder{}, Title: "summary"}
	var w io.Writer = r
	fmt.Fprintf(w, "%s: %d lines", r.Title, 3)
	fmt.Println(r.String())
}
