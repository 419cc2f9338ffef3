package debugger

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestBreakpointInWorkerStopsFourGoroutines(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data race (goroutines sharing a yaegi debug routine); runs without -race")
	}
	s := newSession(t)
	s.start()
	def := "import (\n\t\"sync\"\n)\n\nfunc worker(id int, wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tsq := id * id\n\t_ = sq\n}"
	s.runNow(def)
	s.breakAt(s.dump(def), 7)
	done := s.run(context.Background(), "var wg sync.WaitGroup\nfor i := 1; i <= 4; i++ {\n\twg.Add(1)\n\tgo worker(i, &wg)\n}\nwg.Wait()")
	ids := map[any]bool{}
	for len(ids) < 4 {
		st := s.event("stopped")
		ids[st["threadId"]] = true
	}
	if got := s.do("debugInfo", nil)["stoppedThreads"].([]any); len(got) != 4 {
		t.Fatalf("stoppedThreads: %v", got)
	}
	names := map[string]bool{}
	for _, th := range s.do("threads", nil)["threads"].([]any) {
		names[th.(map[string]any)["name"].(string)] = true
	}
	seen := map[string]bool{}
	for id := range ids {
		fr := s.frames(id)
		if fr[0]["name"] != "worker" || fr[0]["line"] != float64(7) {
			t.Fatalf("thread %v at %v", id, fr[0])
		}
		seen[s.scope(fr[0]["id"], "Locals")["id"]["value"].(string)] = true
		if len(fr) != 2 || fr[1]["name"] != "go worker" || fr[1]["line"] != float64(4) {
			t.Fatalf("goroutine's frames: %v", fr)
		}
		if want := fmt.Sprintf("goroutine %v: worker (line 4)", id); !names[want] {
			t.Fatalf("no thread %q among %v", want, names)
		}
	}
	if len(seen) != 4 {
		t.Fatalf("ids seen by the four stops: %v", seen)
	}
	// JupyterLab shows one thread's stack: the other three stopped
	// workers follow it, each under a label that selects its frame.
	var shown any
	for id := range ids {
		shown = id
	}
	labels := map[string]bool{}
	stack := s.stack(shown)
	for i, f := range stack {
		if f["presentationHint"] != "label" {
			continue
		}
		labels[f["name"].(string)] = true
		if next := stack[i+1]; next["name"] != "worker" || next["line"] != float64(7) {
			t.Fatalf("below label %v: %v", f["name"], next)
		}
		if s.scope(f["id"], "Locals")["id"]["value"] != s.scope(stack[i+1]["id"], "Locals")["id"]["value"] {
			t.Fatalf("label %v does not select its goroutine's frame", f["name"])
		}
	}
	for id := range ids {
		want := fmt.Sprintf("── goroutine %v: worker (line 4) ──", id)
		if labels[want] == (id == shown) {
			t.Fatalf("labels %v, shown thread %v", labels, shown)
		}
	}
	// singleThread resumes that goroutine alone; a plain continue, as
	// JupyterLab sends it, resumes the three still stopped.
	var first, second any
	for id := range ids {
		if first == nil {
			first = id
		} else if second == nil {
			second = id
		}
	}
	if body := s.do("continue", map[string]any{"threadId": first, "singleThread": true}); body["allThreadsContinued"] != false {
		t.Fatalf("singleThread continue: %v", body)
	}
	if got := s.do("debugInfo", nil)["stoppedThreads"].([]any); len(got) != 3 {
		t.Fatalf("stoppedThreads after one resumed: %v", got)
	}
	if body := s.do("continue", map[string]any{"threadId": second}); body["allThreadsContinued"] != true {
		t.Fatalf("continue: %v", body)
	}
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
	// The workers are over: only the cell's own thread is left.
	deadline := time.Now().Add(10 * time.Second)
	for {
		threads := s.do("threads", nil)["threads"].([]any)
		if len(threads) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("threads after the cell: %v", threads)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBreakpointInEarlierCellsFunction(t *testing.T) {
	s := newSession(t)
	s.start()
	s.runNow(pointCell)
	s.breakAt(s.dump(pointCell), 6)
	done := s.run(context.Background(), useCell)
	st := s.event("stopped")
	fr := s.frames(st["threadId"])
	if fr[0]["name"] != "scale" || fr[0]["line"] != float64(6) {
		t.Fatalf("stopped at %v", fr[0])
	}
	for expr, want := range map[string]string{"p.X": "1", "k": "10", "*p": "Point{X: 1, Y: 2}", `m["a"]`: "1", "pts[1].Y": "4"} {
		got := s.do("evaluate", map[string]any{"expression": expr, "frameId": fr[0]["id"], "context": "watch"})
		if got["result"] != want {
			t.Errorf("evaluate %s = %v, want %s", expr, got["result"], want)
		}
	}
	r := s.try("evaluate", map[string]any{"expression": "scale(p, 2)", "frameId": fr[0]["id"], "context": "repl"})
	if r["success"] != false || !strings.Contains(r["message"].(string), "evaluates names, fields") {
		t.Fatalf("a call evaluated: %v", r)
	}
	s.do("continue", map[string]any{"threadId": st["threadId"]})
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
}

func TestBreakpointOnCallLineStopsBeforeTheCall(t *testing.T) {
	s := newSession(t)
	s.start()
	s.runNow(pointCell)
	path := s.dump(useCell)
	s.breakAt(path, 4) // r := scale(p, 10)
	s.configured()
	done := s.run(context.Background(), useCell)
	st := s.event("stopped")
	fr := s.frames(st["threadId"])
	if fr[0]["line"] != float64(4) || fr[0]["name"] != "cell" {
		t.Fatalf("stopped at %v", fr[0])
	}
	for i := 0; i < 10; i++ { // into scale: the call has not run yet
		s.do("stepIn", map[string]any{"threadId": st["threadId"]})
		s.event("stopped")
		if fr = s.frames(st["threadId"]); fr[0]["name"] == "scale" {
			break
		}
	}
	if fr[0]["name"] != "scale" {
		t.Fatalf("stepIn from the call line ended at %v", fr[0])
	}
	s.do("continue", map[string]any{"threadId": st["threadId"]})
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
}

func TestBreakpointInCellThatRanBeforeAttach(t *testing.T) {
	s := newSession(t)
	s.runNow(pointCell) // the debugger is off
	s.start()
	def := s.dump(pointCell)
	s.breakAt(def, 6)
	s.configured()
	done := s.run(context.Background(), useCell)
	st := s.event("stopped")
	fr := s.frames(st["threadId"])
	if fr[0]["name"] != "scale" || fr[0]["line"] != float64(6) || fr[0]["source"].(map[string]any)["path"] != def {
		t.Fatalf("stopped at %v", fr[0])
	}
	s.do("next", map[string]any{"threadId": st["threadId"]})
	s.event("stopped")
	if fr = s.frames(st["threadId"]); fr[0]["line"] != float64(7) {
		t.Fatalf("next ended at %v", fr[0])
	}
	s.do("continue", map[string]any{"threadId": st["threadId"]})
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
}

func TestInspectVariablesWhileIdleAndRichRendering(t *testing.T) {
	s := newSession(t)
	s.start()
	badge := "type Badge struct{ Text string }\n\nfunc (b Badge) HTML() string { return \"<b>\" + b.Text + \"</b>\" }\n\nb := Badge{\"hi\"}\nn := 42\nconst greeting = \"hello\""
	s.runNow(badge)
	s.breakAt(s.dump(badge), 3) // inside HTML: an inspection must not stop there
	vars := map[string]map[string]any{}
	for _, v := range s.do("inspectVariables", nil)["variables"].([]any) {
		m := v.(map[string]any)
		vars[m["name"].(string)] = m
	}
	if vars["n"]["value"] != "42" || vars["n"]["type"] != "int" {
		t.Fatalf("n: %v", vars["n"])
	}
	if vars["b"]["value"] != `Badge{Text: "hi"}` || vars["b"]["variablesReference"] == float64(0) {
		t.Fatalf("b: %v", vars["b"])
	}
	if vars["greeting"]["value"] == nil {
		t.Fatalf("const greeting missing: %v", vars)
	}
	rich := s.do("richInspectVariables", map[string]any{"variableName": "b"})
	if data := rich["data"].(map[string]any); data["text/html"] != "<b>hi</b>" {
		t.Fatalf("rich data: %v", data)
	}
	if r := s.try("richInspectVariables", map[string]any{"variableName": "b + 1"}); r["success"] != false {
		t.Fatalf("an expression was run: %v", r)
	}
}

func TestStepOverChannelSendAndReceive(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data races in its debugger; runs without -race")
	}
	s := newSession(t)
	s.start()
	// Only the cell's own goroutine runs: a step while another goroutine
	// of the cell runs sometimes never stops again (README, Debugger).
	code := "ch := make(chan int, 1)\nch <- 42\nv := <-ch\nw := v + 1"
	s.breakAt(s.dump(code), 2)
	s.configured()
	done := s.run(context.Background(), code)
	st := s.event("stopped")
	thread := st["threadId"]
	for _, want := range []float64{3, 4} {
		s.do("next", map[string]any{"threadId": thread})
		if st := s.event("stopped"); st["threadId"] != thread {
			t.Fatalf("a step of thread %v stopped thread %v", thread, st["threadId"])
		}
		if fr := s.frames(thread); fr[0]["line"] != want || fr[0]["name"] != "cell" {
			t.Fatalf("next ended at %v, want line %v", fr[0], want)
		}
	}
	g := s.scope(s.frames(thread)[0]["id"], "Locals")
	if g["v"]["value"] != "42" || g["ch"]["type"] != "chan int" {
		t.Fatalf("the cell's locals at line 4: %v", g)
	}
	s.do("continue", map[string]any{"threadId": thread})
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
}

// Stepping the cell's goroutine while goroutines it started run: they
// share one yaegi debug routine, whose mode the step and their own runs
// both set. Repeated, because a lost mode change shows only sometimes.
func TestStepOverGoStatementWhileTheGoroutineRuns(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data races (goroutines sharing a yaegi debug routine); runs without -race")
	}
	s := newSession(t)
	s.start()
	code := "ch := make(chan int)\ngo func() {\n\tn := 0\n\tfor i := range 50 {\n\t\tn += i\n\t}\n\tch <- n\n}()\nv := <-ch\nw := v + 1"
	s.breakAt(s.dump(code), 2)
	s.configured()
	for run := 0; run < 25; run++ {
		done := s.run(context.Background(), code)
		st := s.event("stopped")
		thread := st["threadId"]
		for _, want := range []float64{9, 10} {
			s.do("next", map[string]any{"threadId": thread})
			if st := s.event("stopped"); st["threadId"] != thread {
				t.Fatalf("run %d: a step of thread %v stopped thread %v", run, thread, st["threadId"])
			}
			if fr := s.frames(thread); fr[0]["line"] != want || fr[0]["name"] != "cell" {
				t.Fatalf("run %d: next ended at %v, want line %v", run, fr[0], want)
			}
		}
		if g := s.scope(s.frames(thread)[0]["id"], "Locals"); g["v"]["value"] != "1225" {
			t.Fatalf("run %d: the cell's locals at line 10: %v", run, g)
		}
		s.do("continue", map[string]any{"threadId": thread})
		if err := s.wait(done); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStepInFromAGoroutineIntoAnEarlierCellsFunction(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data races (goroutines sharing a yaegi debug routine); runs without -race")
	}
	s := newSession(t)
	s.start()
	def := "func square(x int) int {\n\ty := x * x\n\treturn y\n}"
	s.runNow(def)
	defPath := s.dump(def)
	code := "ch := make(chan int)\ngo func() {\n\tch <- square(3)\n}()\nv := <-ch\n_ = v"
	s.breakAt(s.dump(code), 3)
	s.configured()
	for run := 0; run < 10; run++ {
		done := s.run(context.Background(), code)
		thread := s.event("stopped")["threadId"]
		s.do("stepIn", map[string]any{"threadId": thread})
		if st := s.event("stopped"); st["threadId"] != thread {
			t.Fatalf("run %d: a step of thread %v stopped thread %v", run, thread, st["threadId"])
		}
		fr := s.frames(thread)
		if fr[0]["name"] != "square" || fr[0]["line"] != float64(2) || fr[0]["source"].(map[string]any)["path"] != defPath {
			t.Fatalf("run %d: stepIn ended at %v", run, fr[0])
		}
		s.do("stepOut", map[string]any{"threadId": thread})
		s.event("stopped")
		if fr := s.frames(thread); fr[0]["line"] != float64(3) {
			t.Fatalf("run %d: stepOut ended at %v", run, fr[0])
		}
		s.do("continue", map[string]any{"threadId": thread})
		if err := s.wait(done); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPauseStopsTheCellAndItsGoroutine(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data races (goroutines sharing a yaegi debug routine); runs without -race")
	}
	s := newSession(t)
	s.start()
	s.configured()
	code := "spin := func(stop chan bool) {\n\tfor {\n\t\tselect {\n\t\tcase <-stop:\n\t\t\treturn\n\t\tdefault:\n\t\t}\n\t}\n}\nstop := make(chan bool)\ngo spin(stop)\nfor {\n\tspin(stop)\n}"
	ctx, cancel := context.WithCancel(context.Background())
	done := s.run(ctx, code)
	s.do("threads", nil)
	time.Sleep(100 * time.Millisecond) // let the cell reach its loop; a pause before it is fine too
	s.do("pause", map[string]any{"threadId": 1})
	stopped := map[any]bool{}
	for len(stopped) < 2 {
		st := s.event("stopped")
		if st["reason"] != "pause" {
			t.Fatalf("stopped for %v", st)
		}
		stopped[st["threadId"]] = true
	}
	for id := range stopped {
		fr := s.frames(id)
		src, _ := fr[0]["source"].(map[string]any)
		if line := fr[0]["line"].(float64); src == nil || line < 2 || line > 7 && line != 12 && line != 13 {
			t.Fatalf("thread %v paused outside the loops: %v", id, fr)
		}
	}
	cancel()
	if err := s.wait(done); err == nil || !strings.Contains(err.Error(), "Interrupted") {
		t.Fatalf("cell ended with %v", err)
	}
}

func TestInterruptWhileFourGoroutinesStopped(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data races (shared debug routine, interrupted ExecuteWithContext); runs without -race")
	}
	s := newSession(t)
	s.start()
	def := "import (\n\t\"sync\"\n)\n\nfunc worker(id int, wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tsq := id * id\n\t_ = sq\n}"
	s.runNow(def)
	s.breakAt(s.dump(def), 7)
	s.configured()
	ctx, cancel := context.WithCancel(context.Background())
	done := s.run(ctx, "var wg sync.WaitGroup\nfor i := 1; i <= 4; i++ {\n\twg.Add(1)\n\tgo worker(i, &wg)\n}\nwg.Wait()")
	for i := 0; i < 4; i++ {
		s.event("stopped")
	}
	cancel()
	if err := s.wait(done); err == nil || !strings.Contains(err.Error(), "Interrupted") {
		t.Fatalf("cell ended with %v", err)
	}
	if got := s.do("debugInfo", nil)["stoppedThreads"].([]any); len(got) != 0 {
		t.Fatalf("still stopped: %v", got)
	}
}
