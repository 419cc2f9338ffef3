package eval

import (
	"io"
	"log"
	"os"
	"strings"
	"testing"
)

// streamsEvaluator builds an Evaluator whose cells write to two pipes and
// whose ordered stderr is a buffer; read drains the stdout pipe.
func streamsEvaluator(t *testing.T) (e *Evaluator, ordered *syncBuffer, out, errOut *os.File) {
	t.Helper()
	or, ow, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	er, ew, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ordered = &syncBuffer{}
	e, err = New(Options{Stderr: &syncBuffer{}, Streams: &Streams{Stdout: ow, Stderr: ew, OrderedStderr: ordered}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		log.SetOutput(os.Stderr) // useStreams points the process's logger at the cells'
		log.SetFlags(log.LstdFlags)
		for _, f := range []*os.File{or, ow, er, ew} {
			f.Close()
		}
	})
	return e, ordered, or, ow
}

func TestCellsStreamsAreTheirOwn(t *testing.T) {
	e, ordered, or, ow := streamsEvaluator(t)
	_, cerr := evalAll(t, e,
		`import ("fmt"; "log"; "os")`,
		"type T struct{}\nfunc (T) String() string { return \"a T\" }",
		"fmt.Println(T{})\nfmt.Fprintln(os.Stderr, \"to stderr\")\nlog.SetFlags(0)\nlog.Print(\"logged\")\n"+
			"l := log.New(os.Stderr, \"mine: \", 0)\nl.Println(\"own logger\")",
		"os.Stdout.Close()\nos.Stderr.Close()",
		"fmt.Println(\"after close\")\nfmt.Fprintln(os.Stderr, \"stderr after close\")\nlog.Print(\"logged after close\")",
	)
	if cerr != nil {
		t.Fatal(cerr)
	}
	ow.Close() // the cells' copy may still be open: read what came
	e.streams.ownOut.Close()
	got, _ := io.ReadAll(or)
	if string(got) != "a T\nafter close\n" {
		t.Errorf("stdout %q", got)
	}
	if s := ordered.String(); s != "to stderr\nlogged\nmine: own logger\nstderr after close\nlogged after close\n" {
		t.Errorf("ordered stderr %q", s)
	}
}

func TestCellClosingItsStdoutLeavesTheProcessFile(t *testing.T) {
	e, _, _, ow := streamsEvaluator(t)
	if _, cerr := evalAll(t, e, `import "os"`, "os.Stdout.Close()"); cerr != nil {
		t.Fatal(cerr)
	}
	if _, err := ow.Write([]byte("x")); err != nil {
		t.Fatalf("the process's own file was closed too: %v", err)
	}
	if !strings.HasPrefix(e.streams.ownOut.Name(), ow.Name()) {
		t.Errorf("duplicate named %q", e.streams.ownOut.Name())
	}
}
