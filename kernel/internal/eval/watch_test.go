package eval

import (
	"context"
	"go/ast"
	"strconv"
	"testing"
	"time"
)

// runCell evaluates one user cell and returns the sites it recorded.
func runCell(t *testing.T, e *Evaluator, cell string) []Site {
	t.Helper()
	e.BeginCell()
	e.w.mu.RLock()
	from := len(e.w.sites)
	e.w.mu.RUnlock()
	if _, err := e.Eval(context.Background(), cell); err != nil {
		t.Fatalf("Eval(%q): %v", cell, err)
	}
	var out []Site
	for i := from; ; i++ {
		s, ok := e.SiteOf("s" + strconv.Itoa(i))
		if !ok {
			return out
		}
		out = append(out, s)
	}
}

func TestWatchSitesClassifyChannels(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	runCell(t, e, `import ("os"; "os/signal"; "sync"; "time")
type Pool struct{ jobs chan int }
func newPool() *Pool { return &Pool{jobs: make(chan int, 1)} }
func closed() chan int { c := make(chan int); close(c); return c }
func pass(c chan int) chan int { return c }`)
	cases := []struct {
		name, cell string
		op         string
		line       int
		code       string
		external   bool
	}{
		{"channel made by the cell", "ch := make(chan int, 1)\nch <- 1\n<-ch", "send", 2, "ch <- 1", false},
		{"timer channel", "t := time.NewTimer(time.Millisecond)\nv := <-t.C\n_ = v", "recv", 2, "v := <-t.C", true},
		{"channel from a call", "x := <-time.After(time.Millisecond)\n_ = x", "recv", 1, "x := <-time.After(time.Millisecond)", true},
		{"channel given to signal.Notify", "sig := make(chan os.Signal, 1)\nsignal.Notify(sig, os.Interrupt)\nsig <- os.Interrupt\nsignal.Stop(sig)", "send", 3, "sig <- os.Interrupt", true},
		{"sync call", "var wg sync.WaitGroup\nwg.Wait()", "call", 2, "wg.Wait()", false},
		{"select with a made channel", "c := make(chan int, 1)\nc <- 2\nselect {\ncase v := <-c:\n\t_ = v\n}", "select", 3, "select {", false},
		{"channel made in a struct literal", "p := Pool{jobs: make(chan int, 1)}\np.jobs <- 1", "send", 2, "p.jobs <- 1", false},
		{"channel made by a constructor", "q := newPool()\nq.jobs <- 1", "send", 2, "q.jobs <- 1", false},
		{"channel made in a slice literal", "cs := []chan int{make(chan int, 1)}\ncs[0] <- 1", "send", 2, "cs[0] <- 1", false},
		{"range over a closed channel", "r := make(chan int)\nclose(r)\nfor v := range r {\n\t_ = v\n}", "range", 3, "for v := range r {", false},
		{"range over a channel a call returns", "for v := range closed() {\n\t_ = v\n}", "range", 1, "for v := range closed() {", false},
		{"receive from a channel a call returns", "c2 := make(chan int, 1)\nc2 <- 1\nv := <-pass(c2)\n_ = v", "recv", 3, "v := <-pass(c2)", false},
		{"send on a channel a call returns", "c3 := make(chan int, 1)\npass(c3) <- 1", "send", 2, "pass(c3) <- 1", false},
		{"select on a channel a call returns", "c4 := make(chan int, 1)\nc4 <- 1\nselect {\ncase <-pass(c4):\n}", "select", 3, "select {", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sites := runCell(t, e, c.cell)
			var got *Site
			for i := range sites {
				if sites[i].Op == c.op {
					got = &sites[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s site in %+v", c.op, sites)
			}
			if got.Line != c.line || got.Code != c.code || got.External != c.external {
				t.Errorf("site = %+v, want line %d code %q external %v", *got, c.line, c.code, c.external)
			}
		})
	}
}

func TestWatchFinalExpressionChannels(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	runCell(t, e, "import \"time\"\nready := make(chan int, 1)\nready <- 1\ntk := time.NewTicker(time.Millisecond)")
	if s := runCell(t, e, "<-ready"); len(s) != 1 || s[0].External || s[0].Op != "recv" {
		t.Errorf("made channel: %+v", s)
	}
	if s := runCell(t, e, "<-tk.C"); len(s) != 1 || !s[0].External {
		t.Errorf("ticker channel: %+v", s)
	}
}

// abortCell runs cell, aborts it with err once it runs, and returns the
// error its Eval returned.
func abortCell(t *testing.T, e *Evaluator, cell string, err *Error) error {
	t.Helper()
	e.BeginCell()
	done := make(chan error, 1)
	go func() {
		_, err := e.Eval(context.Background(), cell)
		done <- err
	}()
	deadline := time.After(10 * time.Second)
	for !e.Abort(err) {
		select {
		case <-deadline:
			t.Fatal("the cell never started")
		case <-time.After(10 * time.Millisecond):
		}
	}
	select {
	case got := <-done:
		return got
	case <-deadline:
		t.Fatal("Abort did not end the cell")
	}
	return nil
}

func TestWatchAbortEndsTheCellAndKeepsVariables(t *testing.T) {
	if raceDetector {
		t.Skip("a cancelled cell hits yaegi's own races; see race_on_test.go")
	}
	e := newTestEvaluator(t, "", "")
	runCell(t, e, "kept := 41")
	want := &Error{Name: "fatal error", Value: "all goroutines are asleep - deadlock!"}
	if err := abortCell(t, e, "block := make(chan int)\n<-block", want); err != want {
		t.Fatalf("err = %v, want the abort error", err)
	}
	r, err := e.Eval(context.Background(), "kept + 1")
	if err != nil || r.Data["text/plain"] != "42" {
		t.Fatalf("next cell: %v %v", r.Data, err)
	}
}

func TestWatchAfterFuncIsPendingUntilItRuns(t *testing.T) {
	if raceDetector {
		t.Skip("an interpreted goroutine running across cells hits yaegi's own races")
	}
	e := newTestEvaluator(t, "", "")
	runCell(t, e, "import \"time\"\nfired := make(chan bool, 1)\ntm := time.AfterFunc(time.Hour, func() { fired <- true })")
	if n := e.PendingCallbacks(); n != 1 {
		t.Fatalf("pending = %d, want 1", n)
	}
	runCell(t, e, "tm.Reset(time.Millisecond)\n<-fired")
	if n := e.PendingCallbacks(); n != 0 {
		t.Fatalf("pending after the callback = %d, want 0", n)
	}
}

// TestWatchLeavesCellsThatDoNotWaitAlone: no labelling call in a loop that
// only computes and prints, so such cells cost what they did. (A range
// loop gets one call before it, since its operand may be a channel; none
// in its body.)
func TestWatchLeavesCellsThatDoNotWaitAlone(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	runCell(t, e, `import "fmt"`)
	units, err := e.prepare(splitCell("for i := 0; i < 3; i++ {\n\tfmt.Println(i * i)\n}"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		ast.Inspect(u.node(), func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "__glrt" && sel.Sel.Name != "GoStart" {
					t.Errorf("rewrite added __glrt.%s", sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// TestWatchSitesOfCodeRecompiledForARedefinition: a func recompiled
// because a func it calls was declared again waits at its sites as
// before (else a goroutine it starts goes unseen, and a deadlock hangs).
func TestWatchSitesOfCodeRecompiledForARedefinition(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	runCell(t, e, "func f(x int) int { return x }\nfunc run(c chan int) {\n\tgo func() {\n\t\tc <- f(1)\n\t}()\n}")
	sites := runCell(t, e, "func f(x int) int { return 2 * x }")
	for _, s := range sites {
		if s.Op == "send" && s.Code == "c <- f(1)" && s.Line == 4 {
			return
		}
	}
	t.Errorf("no send site of the recompiled run in %+v", sites)
}

// TestWatchAbortStopsAWaitInsideAMethod: a method's body (a func literal
// an earlier cell's init assigned) waits under the running cell, and
// Abort stops it as it stops a wait in a plain func.
func TestWatchAbortStopsAWaitInsideAMethod(t *testing.T) {
	if raceDetector {
		t.Skip("a cancelled cell hits yaegi's own races; see race_on_test.go")
	}
	e := newTestEvaluator(t, "", "")
	runCell(t, e, "type Sem chan int\nfunc (s Sem) Acquire() { s <- 1 }\ns := make(Sem)")
	abortCell(t, e, "s.Acquire()", &Error{Name: "fatal error", Value: "all goroutines are asleep - deadlock!"})
	time.Sleep(50 * time.Millisecond) // let a sender that was not stopped reach its send again
	r, err := e.Eval(context.Background(), "got := -1\nselect {\ncase v := <-s:\n\tgot = v\ndefault:\n}\ngot")
	if err != nil || r.Data["text/plain"] != "-1" {
		t.Fatalf("the method's send went on after the abort: %v %v", r.Data, err)
	}
}

// TestHeldChannelsSaysWhenAVariableMayHideOne: a closure or a channel
// of channels may hold channels reflect cannot reach, so no goroutine
// waiting on a channel is then called leaked.
func TestHeldChannelsSaysWhenAVariableMayHideOne(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	runCell(t, e, "plain := make(chan int, 1)")
	if held := e.HeldChannels(); held[HeldUnknown] || len(held) != 1 {
		t.Fatalf("plain channel: %v", held)
	}
	for _, cell := range []string{"futures := make(chan chan int, 1)", "next := func() int { return <-plain }"} {
		e := newTestEvaluator(t, "", "")
		runCell(t, e, "plain := make(chan int, 1)\n"+cell)
		if !e.HeldChannels()[HeldUnknown] {
			t.Errorf("after %q: not unknown", cell)
		}
	}
}
