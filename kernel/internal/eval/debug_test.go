package eval

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"golessons/third_party/yaegi/interp"
)

// debugNotes collects the notes of a debug session.
type debugNotes chan DebugNote

func (n debugNotes) notify(d DebugNote) { n <- d }

// next returns the next note of kind, failing after a bounded wait.
func (n debugNotes) next(t *testing.T, kind string) DebugNote {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case d := <-n:
			if d.Kind == kind {
				return d
			}
		case <-deadline:
			t.Fatalf("no %q note", kind)
		}
	}
}

func attachForTest(t *testing.T, e *Evaluator) debugNotes {
	t.Helper()
	notes := make(debugNotes, 1000)
	if err := e.DebugAttach(DebugConfig{FileOf: func(code string) string { return "/tmp/dbgtest/" + code[:4] + "/cell" }, Notify: notes.notify}); err != nil {
		t.Fatal(err)
	}
	return notes
}

func TestDebugStopsAtBreakpointInEarlierFunctionAndResumes(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	notes := attachForTest(t, e)
	if _, err := evalAll(t, e, "func double(x int) int {\n\ty := x * 2\n\treturn y\n}"); err != nil {
		t.Fatal(err)
	}
	ok, err := e.DebugBreakpoints("/tmp/dbgtest/func/cell", []int{2})
	if err != nil || !ok[0] {
		t.Fatalf("breakpoint not set: %v %v", ok, err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := e.Eval(context.Background(), "n := 21\nr := double(n)\nr")
		done <- err
	}()
	st := notes.next(t, "stopped")
	if st.Reason != "breakpoint" {
		t.Fatalf("stopped for %q", st.Reason)
	}
	frames, err := e.DebugFrames(st.Thread)
	if err != nil {
		t.Fatal(err)
	}
	if frames[0].Name != "double" || frames[0].Line != 2 || frames[0].File != "/tmp/dbgtest/func/cell" {
		t.Fatalf("top frame %+v", frames[0])
	}
	if err := e.DebugResume(st.Thread, StepOver); err != nil {
		t.Fatal(err)
	}
	st = notes.next(t, "stopped")
	frames, _ = e.DebugFrames(st.Thread)
	if st.Reason != "step" || len(frames) == 0 || frames[0].Line != 3 {
		t.Fatalf("after next: %s %+v", st.Reason, frames)
	}
	if err := e.DebugResume(st.Thread, StepContinue); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("cell did not end")
	}
	e.DebugDetach()
}

// The debugger reaches into yaegi v0.16.1 by reflection in two places
// (resume and setBreakpoints); this pins the layout they rely on, so a
// yaegi upgrade that changes it fails here rather than in a session.
func TestDebugYaegiLayoutIsAsExpected(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	p, err := e.i.Compile("x := 1\n_ = x")
	if err != nil {
		t.Fatal(err)
	}
	root := field(reflect.ValueOf(p).Elem(), "root")
	if !root.IsValid() || root.Kind() != reflect.Pointer || !field(root.Elem(), "child").IsValid() {
		t.Fatalf("Program.root / node.child changed: %v", root)
	}
	dt := reflect.TypeOf(interp.Debugger{})
	lock, ok1 := dt.FieldByName("gLock")
	live, ok2 := dt.FieldByName("gLive")
	if !ok1 || !ok2 || lock.Type != reflect.TypeOf(&sync.Mutex{}) || live.Type.Kind() != reflect.Map || live.Type.Key().Kind() != reflect.Int {
		t.Fatalf("Debugger.gLock/gLive changed")
	}
	for _, f := range []string{"scope", "start", "pos", "kind", "debug", "exec"} {
		if !field(root.Elem(), f).IsValid() {
			t.Fatalf("node.%s changed", f)
		}
	}
	fr := field(reflect.ValueOf(e.i).Elem(), "frame")
	if !fr.IsValid() || !field(fr.Elem(), "debug").IsValid() {
		t.Fatalf("Interpreter.frame / frame.debug changed")
	}
	if _, ok := field(fr.Elem(), "debug").Type().Elem().FieldByName("scope"); !ok {
		t.Fatalf("frameDebugData.scope changed")
	}
	if _, ok := field(root.Elem(), "debug").Type().Elem().FieldByName("breakOnLine"); !ok {
		t.Fatalf("nodeDebugData.breakOnLine changed")
	}
	res, ok := live.Type.Elem().Elem().FieldByName("resume")
	if !ok || res.Type != reflect.TypeOf(make(chan struct{})) {
		t.Fatalf("debugRoutine.resume changed")
	}
	if m, ok := live.Type.Elem().Elem().FieldByName("mode"); !ok || m.Type != reflect.TypeFor[interp.DebugEventReason]() {
		t.Fatalf("debugRoutine.mode changed")
	}
	evFrame, ok := reflect.TypeOf(interp.DebugEvent{}).FieldByName("frame")
	if !ok || evFrame.Type != fr.Type() {
		t.Fatalf("DebugEvent.frame changed")
	}
	if g, ok := field(fr.Elem(), "debug").Type().Elem().FieldByName("g"); !ok || g.Type != live.Type.Elem() {
		t.Fatalf("frameDebugData.g changed")
	}
}

// BenchmarkFib27DebugAttached is BenchmarkFib27 with a debug session
// attached and no breakpoint: the price of yaegi's debug hooks.
func BenchmarkFib27DebugAttached(b *testing.B) {
	e, err := New(Options{Stderr: &syncBuffer{}})
	if err != nil {
		b.Fatal(err)
	}
	if err := e.DebugAttach(DebugConfig{FileOf: func(string) string { return "/tmp/bench/cell" }, Notify: func(DebugNote) {}}); err != nil {
		b.Fatal(err)
	}
	defer e.DebugDetach()
	if _, err := e.Eval(context.Background(), "func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if r, err := e.Eval(context.Background(), "fib(27)"); err != nil || r.Data["text/plain"] != "196418" {
			b.Fatalf("%v %v", r.Data, err)
		}
	}
}

func TestDebugFileNamesStayOutOfMessages(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	attachForTest(t, e)
	_, err := e.Eval(context.Background(), "x := 1\ny := undefinedName + x")
	var ee *Error
	if !errors.As(err, &ee) || ee.Name != "CompileError" || strings.Contains(ee.Value, "dbgtest") || !strings.HasPrefix(ee.Value, "2:") {
		t.Fatalf("error %v", err)
	}
	_, err = e.Eval(context.Background(), "var s []int\n_ = s[3]")
	if !errors.As(err, &ee) || ee.Name != "panic" || strings.Contains(ee.Value+strings.Join(ee.Traceback, ""), "dbgtest") {
		t.Fatalf("panic %v %v", err, ee.Traceback)
	}
	e.DebugDetach()
}

func TestDebugRichValueCallsACellTypesHTMLInAStoppedFrame(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's debugger races on its call depth counters when an interpreted goroutine starts (enterCall/exitCall); see race_on_test.go")
	}
	e := newTestEvaluator(t, "", "")
	notes := attachForTest(t, e)
	decl := "type badge struct{ Name string }\n\nfunc (b badge) HTML() string { return \"<b>\" + b.Name + \"</b>\" }\n\nfunc (b *badge) SVG() string { return \"<svg>\" + b.Name + \"</svg>\" }\n\nfunc (b badge) Markdown() string { select {} }\n\nfunc (b badge) String() string { return \"badge \" + b.Name }\n\nfunc (b badge) Latex() string { panic(\"no\") }"
	if _, err := evalAll(t, e, decl); err != nil {
		t.Fatal(err)
	}
	// A breakpoint inside HTML must not stop the inspection.
	if ok, err := e.DebugBreakpoints("/tmp/dbgtest/type/cell", []int{3}); err != nil || !ok[0] {
		t.Fatalf("breakpoint in HTML not set: %v %v", ok, err)
	}
	if _, err := e.DebugBreakpoints("/tmp/dbgtest/b :=/cell", []int{2}); err != nil { // set when the cell starts
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := e.Eval(context.Background(), "b := badge{\"go\"}\nn := len(b.Name)\n_ = n")
		done <- err
	}()
	st := notes.next(t, "stopped")
	frames, err := e.DebugFrames(st.Thread)
	if err != nil || len(frames) == 0 {
		t.Fatal(frames, err)
	}
	var b reflect.Value
	for _, v := range frames[0].Locals {
		if v.Name == "b" {
			b = v.Value
		}
	}
	data, note := e.DebugRichValue(b, 300*time.Millisecond)
	if data["text/html"] != "<b>go</b>" || data["image/svg+xml"] != "<svg>go</svg>" || data["text/latex"] != nil {
		t.Fatalf("bundle %v %q", data, note)
	}
	if !strings.Contains(note, "Markdown did not answer") || data["text/plain"] != "badge go" {
		t.Fatalf("a blocking method gives text and a note: %v %q", data, note)
	}
	again, _ := e.DebugFrames(st.Thread)
	if again[0].Line != frames[0].Line {
		t.Fatalf("the stopped frame moved from line %d to %d", frames[0].Line, again[0].Line)
	}
	// The breakpoint in HTML let the inspection pass; the cell is still
	// stopped, and the inspection is no thread.
	for _, th := range e.DebugThreads() {
		if th.ID != 1 || !th.Stopped {
			t.Fatalf("threads after the inspection: %+v", e.DebugThreads())
		}
	}
	if err := e.DebugResume(st.Thread, StepContinue); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the cell did not finish")
	}
}
