package eval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZProbe(t *testing.T) {
	data, _ := os.ReadFile("/tmp/commaok-x/cells.txt")
	for _, prog := range strings.Split(string(data), "\n=====\n") {
		e := newTestEvaluator(t, "", "")
		out := captureStdout(t, func() {
			for _, c := range append([]string{`import ("fmt"; "time"; "strconv"; "errors"; "io")`}, strings.Split(prog, "\n-----\n")...) {
				r, err := e.Eval(context.Background(), c)
				if err != nil {
					fmt.Printf("ERR %v\n", err)
				} else if r.Data != nil {
					fmt.Printf("=> %v\n", r.Data["text/plain"])
				}
			}
		})
		t.Logf("\n%s", out)
	}
}
