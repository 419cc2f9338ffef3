package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type E struct{ msg string }

func (e *E) Error() string    { return e.msg }
func newE(m string) *E        { return &E{m} }
func report(err error)        { fmt.Println("err:", err) }
func reportAll(errs ...error) { fmt.Println("errs:", errs) }

type R struct{ s io.Reader }

func NewR(s string) *R                  { return &R{strings.NewReader(s)} }
func (r *R) Read(p []byte) (int, error) { return r.s.Read(p) }

type W struct{}

func (W) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func get() W                          { return W{} }

type S []int

func (s S) Len() int           { return len(s) }
func (s S) Less(i, j int) bool { return s[i] < s[j] }
func (s S) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }
func mkS() S                   { return S{1, 2} }

type Fault interface {
	error
	Code() int
}
type F struct{}

func (F) Error() string     { return "f" }
func (F) Code() int         { return 3 }
func getF() Fault           { return F{} }
func two() (int, error)     { return 1, newE("two") }
func pair(n int, err error) { fmt.Println("pair", n, err) }
func noErr() *E             { return nil }
func main() {
	report(newE("boom"))
	reportAll(newE("a"), newE("b"))
	b, err := io.ReadAll(NewR("hi"))
	fmt.Println(string(b), err)
	fmt.Fprintln(get(), "hello")
	fmt.Println(sort.IsSorted(mkS()))
	report(getF())
	fmt.Println(errors.Is(getF(), F{}))
	pair(two())
	report(noErr())
	w := fmt.Errorf("w: %w", newE("x"))
	fmt.Println(w, errors.Unwrap(w))
}
