package eval

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// receiveSetup fills channels the receive forms below read from.
const receiveSetup = `type box struct{ N int; ch chan int }
type pt struct{ X, Y int }
c := make(chan int, 4); c <- 1; c <- 2; c <- 3; c <- 4
`

func TestReceiveForms(t *testing.T) {
	top := func(name, body, text string) cellCase {
		return cellCase{name: "top level: " + name, cells: []string{receiveSetup + body}, text: text}
	}
	fn := func(name, body, text string) cellCase {
		return cellCase{name: "in a func: " + name, cells: []string{receiveSetup + "func f() any {\n" + body + "\n}", "f()"}, text: text}
	}
	var cases []cellCase
	for _, f := range []struct{ name, body, ret, text string }{
		{"v := <-c; v++", "v := <-c\nv++", "v", "2"},
		{"v := (<-c); v++", "v := (<-c)\nv++", "v", "2"},
		{"v := <-c; v += 10", "v := <-c\nv += 10", "v", "11"},
		{"v := <-c; v = v*2", "v := <-c\nv = v * 2", "v", "2"},
		{"v := <-c; &v", "v := <-c\np := &v\n*p = 7", "v", "7"},
		{"v, ok := <-c; v++", "v, ok := <-c\nv++\n_ = ok", "v", "2"},
		{"v, ok := <-c; ok", "close(c)\nfor range 4 { <-c }\nv, ok := <-c", "[]any{v, ok}", "[0 false]"},
		{"var v = <-c; v++", "var v = <-c\nv++", "v", "2"},
		{"var v, ok = <-c; v++", "var v, ok = <-c\nv++\n_ = ok", "v", "2"},
		{"var v int; v = <-c; v++", "var v int\nv = <-c\nv++", "v", "2"},
		{"if v, ok := <-c; ok", "r := 0\nif v, ok := <-c; ok { v++; r = v }", "r", "2"},
		{"for v := range c", "close(c)\ns := 0\nfor v := range c { v++; s += v }", "s", "14"},
		{"select v := <-c", "r := 0\nselect { case v := <-c: v++; r = v }", "r", "2"},
		{"select v, ok := <-c", "r := 0\nselect { case v, ok := <-c: v++; _ = ok; r = v }", "r", "2"},
		{"select v, ok := <-s.ch", "s := box{ch: c}\nr := 0\nselect { case v, ok := <-s.ch: v++; _ = ok; r = v }", "r", "2"},
		{"select v, ok := <-call()", "get := func() chan int { return c }\nr := 0\nL: select { case v, ok := <-get(): if !ok { break L }; v++; r = v }", "r", "2"},
		{"from <-chan param", "g := func(in <-chan int) int { v := <-in; v++; return v }\nv := g(c)", "v", "2"},
		{"from struct field", "s := box{ch: c}\nv := <-s.ch\nv++", "v", "2"},
		{"from slice element", "chs := []chan int{c}\nv := <-chs[0]\nv++", "v", "2"},
		{"from map element", "m := map[string]chan int{\"a\": c}\nv, ok := <-m[\"a\"]\nv++\n_ = ok", "v", "2"},
		{"struct element field", "ps := make(chan pt, 1); ps <- pt{1, 2}\np := <-ps\np.X = 5", "p", "{5 2}"},
		{"slice element append", "ss := make(chan []int, 1); ss <- []int{1}\nq := <-ss\nq = append(q, 2)", "q", "[1 2]"},
		{"time.After", "tv := <-time.After(time.Millisecond)\ntv = tv.Add(time.Hour)", "tv.IsZero()", "false"},
		{"passed as an argument", "h := func(v int) int { v++; return v }\nv := h(<-c)", "v", "2"},
		{"returned", "r := func() int { return <-c }\nv := r()\nv++", "v", "2"},
		{"in a composite literal", "s := box{N: <-c}\ns.N++", "s.N", "2"},
		{"into a slice element", "xs := make([]int, 1)\nxs[0] = <-c\nxs[0]++", "xs", "[2]"},
		{"two-value into declared vars", "var v int\nvar ok bool\nv, ok = <-c\nv++\n_ = ok", "v", "2"},
		{"two values of a struct", "ps := make(chan pt, 1); ps <- pt{1, 2}\np, ok := <-ps\np.X += 4\n_ = ok", "p", "{5 2}"},
		{"ctx.Done", "ctx, cancel := context.WithCancel(context.Background())\ncancel()\n<-ctx.Done()\nd, ok := <-ctx.Done()\n_ = d", "ok", "false"},
	} {
		cases = append(cases, top(f.name, f.body+"\n"+f.ret, f.text))
		cases = append(cases, fn(f.name, f.body+"\nreturn "+f.ret, f.text))
	}
	for i := range cases {
		cases[i].cells = append([]string{`import ("context"; "time")`}, cases[i].cells...)
	}
	runCellCases(t, cases)
}

// Without the type checker's facts (as for code the checker cannot
// read) a top-level two-value receive cannot be declared: the error
// names the form, with none of yaegi's "nil type" nor a generics hint.
func TestTopLevelTwoValueReceiveWithoutFacts(t *testing.T) {
	stderr := &syncBuffer{}
	e, err := New(Options{Stderr: stderr})
	if err != nil {
		t.Fatal(err)
	}
	var runErr error
	captureStdout(t, func() {
		_, runErr = e.run(context.Background(), "c := make(chan int, 1)\nc <- 1\nv, ok := <-c\n_, _ = v, ok", false)
	})
	var ee *Error
	if !errors.As(runErr, &ee) {
		t.Fatalf("want an *Error, got %T %v", runErr, runErr)
	}
	if ee.Name != "CompileError" || !strings.Contains(ee.Value, "two-value receive `v, ok := <-...` at the top level") ||
		!strings.Contains(ee.Value, "var ok bool; v, ok = <-c") || strings.Contains(ee.Value, "generic") {
		t.Errorf("got %s: %q", ee.Name, ee.Value)
	}
	if strings.Contains(stderr.String(), "nil type") {
		t.Errorf("yaegi's log line reached stderr: %q", stderr.String())
	}
}

// `v, ok := <-c` at top level reuses a v declared before, as Go does in
// one scope, and redefines one of an earlier cell.
func TestTopLevelTwoValueReceiveRedeclares(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "v of the same cell", cells: []string{"c := make(chan int, 2); c <- 5; c <- 6\nv := 1\nv, ok := <-c\nv++\n_ = ok\nv"}, text: "6"},
		{name: "v of an earlier cell", cells: []string{"c := make(chan int, 2); c <- 5; c <- 6\nv := 1", "v, ok := <-c\nv++\n_ = ok\nv"}, text: "6"},
		{name: "v of an earlier cell, other type", cells: []string{"c := make(chan string, 2); c <- \"a\"\nv := 1", "v, ok := <-c\nv += \"b\"\n_ = ok\nv"}, text: `"ab"`},
	})
}
