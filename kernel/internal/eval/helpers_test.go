package eval

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a goroutine-safe buffer for yaegi's diagnostics.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTestEvaluator builds an Evaluator reading stdin from the given text.
func newTestEvaluator(t *testing.T, stdin string, pkgDir string) *Evaluator {
	t.Helper()
	e, err := New(Options{Stdin: strings.NewReader(stdin), Stderr: &syncBuffer{}, PackagesDir: pkgDir})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

// evalAll runs cells in order and returns the last result and error.
func evalAll(t *testing.T, e *Evaluator, cells ...string) (Result, *Error) {
	t.Helper()
	var res Result
	for i, c := range cells {
		r, err := e.Eval(context.Background(), c)
		if err != nil {
			var ee *Error
			if !errors.As(err, &ee) {
				t.Fatalf("cell %d: error of type %T: %v", i, err, err)
			}
			if i < len(cells)-1 {
				t.Fatalf("cell %d %q failed: %v", i, c, err)
			}
			return r, ee
		}
		res = r
	}
	return res, nil
}

// captureStdout runs f with the process's fd 1 redirected to a pipe and
// returns what was written: interpreted code writes to the real os.Stdout.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		var b bytes.Buffer
		b.ReadFrom(r) //nolint:errcheck
		done <- b.String()
	}()
	f()
	os.Stdout = old
	w.Close()
	return <-done
}
