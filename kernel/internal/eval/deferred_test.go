package eval

import (
	"context"
	"testing"
)

func TestTopLevelDeferRunsWhenTheCellEnds(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "once, after the cell's statements, newest first", cells: []string{`import "fmt"`,
			"defer fmt.Println(\"first\")\ndefer fmt.Println(\"second\")\nfmt.Println(\"body\")", `fmt.Println("next cell")`},
			out: "body\nsecond\nfirst\nnext cell\n"},
		{name: "arguments are read at the defer; loops and blocks defer for the cell", cells: []string{`import "fmt"`,
			"x := 1\ndefer fmt.Println(\"x was\", x)\nx = 2\nfor i := range 2 {\n\tdefer fmt.Println(\"loop\", i)\n}\nfor i := range 2 {\n\tdefer func() { fmt.Println(\"lit\", i) }()\n}\nif x > 1 {\n\tdefer fmt.Println(\"if\")\n}\nfmt.Println(\"end\", x)"},
			out: "end 2\nif\nlit 1\nlit 0\nloop 1\nloop 0\nx was 1\n"},
		{name: "a deferred call inside a func literal is the literal's", cells: []string{`import "fmt"`,
			"for i := range 2 {\n\tfunc() {\n\t\tdefer fmt.Println(\"inner\", i)\n\t}()\n}\nfmt.Println(\"end\")"},
			out: "inner 0\ninner 1\nend\n"},
		{name: "a deferred func recovers the cell's panic", cells: []string{`import "fmt"`,
			"defer func() {\n\tif r := recover(); r != nil {\n\t\tfmt.Println(\"recovered:\", r)\n\t}\n}()\nvar xs []int\nfmt.Println(xs[3])\nfmt.Println(\"not reached\")", `fmt.Println("next")`},
			out: "recovered: runtime error: index out of range [3] with length 0\nnext\n"},
		{name: "an unrecovered panic ends the cell after the deferred calls", cells: []string{`import "fmt"`,
			"defer fmt.Println(\"cleanup\")\npanic(\"boom\")"},
			out: "cleanup\n", errName: "panic", errHas: "2:1: boom"},
		{name: "a deferred call's own panic", cells: []string{`import "fmt"`,
			"defer func() { panic(\"second\") }()\nfmt.Println(\"body\")"},
			out: "body\n", errName: "panic", errHas: "second"},
		{name: "os.Exit runs none", cells: []string{`import ("fmt"; "os")`,
			"defer fmt.Println(\"never\")\nos.Exit(3)"},
			errName: "Exit", errHas: "os.Exit(3)"},
		{name: "log.Fatal runs none", cells: []string{`import ("fmt"; "log")`,
			"defer fmt.Println(\"never\")\nlog.Fatal(\"stop\")"},
			errName: "Fatal", errHas: "stop"},
	})
}

func TestDroppedDeferredCallsDoNotRunLater(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	out := captureStdout(t, func() {
		evalAll(t, e, `import ("fmt"; "os")`)
		if _, err := e.Eval(context.Background(), "defer fmt.Println(\"never\")\nos.Exit(2)"); err == nil {
			t.Error("os.Exit(2) gave no error")
		}
		evalAll(t, e, `fmt.Println("next")`, `fmt.Println("and next")`)
	})
	if out != "next\nand next\n" {
		t.Fatalf("stdout %q, want only the later cells' lines", out)
	}
}
