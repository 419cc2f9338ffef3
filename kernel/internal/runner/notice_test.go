package runner

import (
	"strings"
	"testing"
	"time"
)

// A runner that dies while no cell runs is replaced at the next cell, and
// that cell's stderr says so, after the cell's own output, with what the
// restore kept.
func TestRunnerDeadBetweenCellsIsToldUnderTheNextCell(t *testing.T) {
	r := startRunner(t, -1)
	if res, _ := run(t, r, "set x 5"); res.Err != nil {
		t.Fatal(res.Err)
	}
	run(t, r, "exitlater 3")
	select {
	case <-r.current().done:
	case <-time.After(10 * time.Second):
		t.Fatal("the runner did not exit")
	}
	res, rec := run(t, r, "eprint own\nget x")
	if res.Err != nil || res.Data["text/plain"] != "5" {
		t.Fatalf("outcome %+v, want x restored as 5", res)
	}
	rec.mu.Lock()
	stderr := rec.stderr.String()
	rec.mu.Unlock()
	notice := strings.Index(stderr, "The runner stopped after the previous cell")
	if own := strings.Index(stderr, "own\n"); own < 0 || notice < own || !strings.Contains(stderr[notice:], "kept: x") {
		t.Errorf("stderr %q: want the cell's own line, then the notice naming x as kept", stderr)
	}
}
