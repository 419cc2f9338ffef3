package eval

import (
	"strings"
	"testing"
)

// cellCase is a sequence of cells; the last one's result or error is checked.
type cellCase struct {
	name    string
	cells   []string
	text    string // expected text/plain of the last cell ("" = no value)
	errName string // expected Error.Name of the last cell
	errHas  string // substring of Error.Value
	racy    bool   // hits yaegi's own data races: skipped under -race
}

func runCellCases(t *testing.T, cases []cellCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.racy && raceDetector {
				t.Skip("yaegi races internally here; see race_on_test.go")
			}
			e := newTestEvaluator(t, "", "")
			var res Result
			var err *Error
			captureStdout(t, func() { res, err = evalAll(t, e, tc.cells...) })
			if tc.errName != "" {
				if err == nil {
					t.Fatalf("want error %s, got value %v", tc.errName, res.Data)
				}
				if err.Name != tc.errName || !strings.Contains(err.Value, tc.errHas) {
					t.Fatalf("want %s containing %q, got %s: %q", tc.errName, tc.errHas, err.Name, err.Value)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %s: %s %v", err.Name, err.Value, err.Traceback)
			}
			got, _ := res.Data["text/plain"].(string)
			if tc.text == "" && res.Data != nil {
				t.Fatalf("want no value, got %v", res.Data)
			}
			if got != tc.text {
				t.Fatalf("want text/plain %q, got %q", tc.text, got)
			}
		})
	}
}

func TestFinalValue(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "int expression", cells: []string{"1 + 2*3"}, text: "7"},
		{name: "string is quoted", cells: []string{`import "strings"`, `strings.ToUpper("go")`}, text: `"GO"`},
		{name: "slice", cells: []string{"[]int{1, 2}"}, text: "[1 2]"},
		{name: "println shows nothing", cells: []string{`import "fmt"`, `fmt.Println("hi", 17)`}},
		{name: "call without result", cells: []string{"func f() {}", "f()"}},
		{name: "two-value call shown as a pair", cells: []string{"func f() (int, error) { return 1, nil }", "f()"}, text: "(1, <nil>)"},
		{name: "three-value call not shown", cells: []string{"func f() (int, int, int) { return 1, 2, 3 }", "f()"}},
		{name: "fmt.Println with import in the same cell shows nothing", cells: []string{"import \"fmt\"\nfmt.Println(17)"}},
		{name: "no-result call after a type with String", cells: []string{"type N int\nfunc (N) String() string { return \"n\" }", "func hello() {}", "hello()"}},
		{name: "single value after a type with String", cells: []string{"type N int\nfunc (N) String() string { return \"n\" }", "N(4)"}, text: "n"},
		{name: "statement shows nothing", cells: []string{"x := 5"}},
		{name: "worker with an unnamed parameter passed to compiled code", cells: []string{"import \"strings\"\nimport \"time\"",
			`strings.Map(func(rune) rune { time.Sleep(time.Millisecond); return 'x' }, "abc")`}, text: `"xxx"`},
		{name: "declared func with an unnamed parameter passed to compiled code", cells: []string{"import \"strings\"\nimport \"time\"",
			"var pause = time.Millisecond\nfunc quiet(rune) rune { time.Sleep(pause); return 'y' }", `strings.Map(quiet, "abc")`}, text: `"yyy"`},
		{name: "mixed cell in any order", cells: []string{`import "fmt"
x := double(3)
func double(n int) int { return 2 * n }
type T struct{ A int }
fmt.Println(x)
const k = 4
T{x + k}`}, text: "{10}"},
		{name: "var declarations keep cell order", cells: []string{"n := 1\nvar m = n + 1\nfunc get() int { return m * 10 }\nget()"}, text: "20"},
		{name: "func above the var it uses", cells: []string{"func get() int { return total }\nvar total = 4\nget()"}, text: "4"},
		{name: "var after statement global", cells: []string{"n := 1", "var m = n + 1\nm"}, text: "2"},
		{name: "pasted program runs main", cells: []string{`package main

import "fmt"

var ran = 0

func main() { ran++; fmt.Println("main") }`, "ran"}, text: "1"},
		{name: "Stringer of interpreted type", cells: []string{`type C int
func (c C) String() string { return "C!" }`, "C(1)"}, text: "C!"},
		{name: "re-running an import cell", cells: []string{`import "fmt"`, "import \"fmt\"\nfmt.Sprint(1)"}, text: `"1"`},
		{name: "os/exec available", cells: []string{`import "os/exec"`, `out, err := exec.Command("echo", "hi").Output()
[]any{string(out), err}`}, text: "[hi\n <nil>]"},
		{name: "syscall signals and errno values", cells: []string{`import ("os"; "syscall")`,
			`[]any{syscall.SIGTERM, syscall.SIGINT == os.Interrupt, error(syscall.ENOENT), syscall.Errno(13)}`}, text: "[terminated true no such file or directory permission denied]"},
		{name: "struct with methods shows its fields", cells: []string{"type P struct{ X int }\nfunc (p P) D() int { return p.X }", "P{3}"}, text: "{3}"},
		{name: "error value", cells: []string{`import "errors"`, `errors.New("bad")`}, text: "bad"},
	})
}

func TestErrors(t *testing.T) {
	runCellCases(t, []cellCase{
		{name: "undefined with cell position", cells: []string{"a := 1\nb := 2\nc := a + b + x"}, errName: "CompileError", errHas: "3:14: undefined: x"},
		{name: "syntax error position", cells: []string{"x := 1\ny := )"}, errName: "CompileError", errHas: "2:6"},
		{name: "error in second segment keeps cell lines", cells: []string{"func f() int { return 1 }\n\nz := f() + q"}, errName: "CompileError", errHas: "3:12: undefined: q"},
		{name: "explicit panic", cells: []string{`panic("boom")`}, errName: "panic", errHas: "boom"},
		{name: "panic line", cells: []string{"x := 1\n_ = x\npanic(\"here\")"}, errName: "panic", errHas: "3:1: here"},
		{name: "index out of range", cells: []string{"var a []int\na[3] = 1"}, errName: "panic", errHas: "out of range"},
		{name: "index read out of range with line", cells: []string{"import \"fmt\"\nvar xs []int\nfmt.Println(\"before\")\nfmt.Println(xs[5])"}, errName: "panic", errHas: "4:13: runtime error: index out of range"},
		{name: "nil map", cells: []string{"var m map[string]int\nm[\"a\"] = 1"}, errName: "panic", errHas: "nil map"},
		{name: "os.Exit ends only the cell", cells: []string{`import "os"`, "os.Exit(3)"}, errName: "Exit", errHas: "os.Exit(3) called: the cell stopped; your variables are kept"},
		{name: "log.New(...).Fatal ends only the cell", cells: []string{`import ("log"; "os")`, `l := log.New(os.Stderr, "", 0)
l.Fatal("bad")`}, errName: "Fatal", errHas: "bad"},
		{name: "log.Fatal message", cells: []string{`import "log"`, `log.Fatal("no config")`}, errName: "Fatal", errHas: "no config"},
		{name: "goroutine panic", cells: []string{`import "sync"`, `var wg sync.WaitGroup
wg.Add(1)
go func() { defer wg.Done(); panic("in goroutine") }()
wg.Wait()`}, racy: true, errName: "panic", errHas: "3:30: goroutine panic: in goroutine"},
		{name: "goroutine panic while blocked", cells: []string{`go func() { panic("late") }()
select {}`}, racy: true, errName: "panic", errHas: "goroutine panic: late"},
		{name: "goroutine os.Exit", cells: []string{`import "os"`, `done := make(chan bool)
go func() { defer close(done); os.Exit(2) }() // as in Go, the deferred close does not run
<-done`}, racy: true, errName: "Exit", errHas: "os.Exit(2) called in a goroutine"},
		{name: "a func body's brace on the next line", cells: []string{"import \"fmt\"\nfunc add(a, b int) int\n{\n\treturn a + b\n}\nfmt.Println(add(1, 2))"}, errName: "CompileError", errHas: "3:1: syntax error: unexpected semicolon or newline before {"},
		{name: "a func without a body", cells: []string{"func main()"}, errName: "CompileError", errHas: "1:6: missing function body"},
		{name: "type redefinition refused", cells: []string{"type P struct{ X int }", "type P struct{ Y int }"}, errName: "TypeRedefined", errHas: "type P is already defined; yaegi cannot redefine a type: restart the kernel to change it"},
		{name: "unknown import names folder option", cells: []string{`import "geometry"`}, errName: "ImportError", errHas: `"geometry"`},
		{name: "unknown import mentions GOLESSONS_PACKAGES", cells: []string{`import "github.com/x/y"`}, errName: "ImportError", errHas: "GOLESSONS_PACKAGES"},
		{name: "import name rebound", cells: []string{`import "math/rand"`, `import "crypto/rand"`}, errName: "ImportError", errHas: `rand is already imported as "math/rand"`},
		{name: "nil pointer in plain words", cells: []string{"var p *struct{ X int }", "p.X"}, errName: "panic", errHas: "nil pointer dereference"},
		{name: "a method of a nil interface in plain words", cells: []string{"var e error", "_ = e.Error()"}, errName: "panic", errHas: "runtime error: invalid memory address or nil pointer dereference"},
		{name: "divide by zero", cells: []string{"a, b := 1, 0", "a / b"}, errName: "panic", errHas: "integer divide by zero"},
		{name: "cgo refused", cells: []string{`import "C"`}, errName: "ImportError", errHas: "cgo"},
	})
}

func TestNextCellWorksAfterErrors(t *testing.T) {
	for _, bad := range []string{`panic("x")`, "y := )", `import "os"
os.Exit(1)`, `go func() { panic("g") }()
select {}`} {
		t.Run(bad, func(t *testing.T) {
			if raceDetector && strings.Contains(bad, "go func") {
				t.Skip("yaegi races internally here; see race_on_test.go")
			}
			e := newTestEvaluator(t, "", "")
			if _, err := e.Eval(t.Context(), "k := 41"); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Eval(t.Context(), bad); err == nil {
				t.Fatal("want an error")
			}
			r, err := e.Eval(t.Context(), "k + 1")
			if err != nil || r.Data["text/plain"] != "42" {
				t.Fatalf("got %v, %v", r.Data, err)
			}
		})
	}
}
