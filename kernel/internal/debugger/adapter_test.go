package debugger

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"golessons/kernel/internal/eval"
)

// session drives an Adapter over a real evaluator with DAP JSON, as
// JupyterLab does.
type session struct {
	t      *testing.T
	ev     *eval.Evaluator
	a      *Adapter
	seq    int
	events chan map[string]any
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func newSession(t *testing.T) *session {
	t.Helper()
	ev, err := eval.New(eval.Options{Stdout: &lockedBuffer{}, Stderr: &lockedBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	s := &session{t: t, ev: ev, events: make(chan map[string]any, 1000)}
	s.a = New(ev, func(raw json.RawMessage) {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Errorf("bad event %s: %v", raw, err)
		}
		s.events <- m
	})
	t.Cleanup(func() { s.a.Handle(json.RawMessage(`{"seq":1,"type":"request","command":"disconnect"}`)) })
	return s
}

// do sends a request and returns the response, failing the test when it
// is not a successful response to that request.
func (s *session) do(command string, args any) map[string]any {
	s.t.Helper()
	r := s.try(command, args)
	if r["success"] != true {
		s.t.Fatalf("%s failed: %v", command, r["message"])
	}
	body, _ := r["body"].(map[string]any)
	return body
}

func (s *session) try(command string, args any) map[string]any {
	s.t.Helper()
	s.seq++
	raw, _ := json.Marshal(map[string]any{"seq": s.seq, "type": "request", "command": command, "arguments": args})
	var r map[string]any
	if err := json.Unmarshal(s.a.Handle(raw), &r); err != nil {
		s.t.Fatal(err)
	}
	if r["type"] != "response" || r["command"] != command || r["request_seq"] != float64(s.seq) {
		s.t.Fatalf("not the response to %s #%d: %v", command, s.seq, r)
	}
	return r
}

// event waits (bounded) for the next event named name.
func (s *session) event(name string) map[string]any {
	s.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case ev := <-s.events:
			if ev["event"] == name {
				body, _ := ev["body"].(map[string]any)
				return body
			}
		case <-deadline:
			s.t.Fatalf("no %s event", name)
		}
	}
}

// start runs the JupyterLab opening sequence: initialize, attach,
// debugInfo (configurationDone follows the breakpoints, see configured).
func (s *session) start() map[string]any {
	s.do("initialize", map[string]any{"clientID": "jupyterlab", "adapterID": "golessons", "linesStartAt1": true, "columnsStartAt1": true, "pathFormat": "path"})
	s.do("attach", map[string]any{})
	s.event("initialized")
	return s.do("debugInfo", nil)
}

// configured ends the configuration, as JupyterLab does once the
// breakpoints of the notebook's cells are set.
func (s *session) configured() { s.do("configurationDone", nil) }

// run executes a cell; the result arrives on the returned channel.
func (s *session) run(ctx context.Context, code string) chan error {
	done := make(chan error, 1)
	go func() {
		_, err := s.ev.Eval(ctx, code)
		done <- err
	}()
	return done
}

func (s *session) runNow(code string) {
	s.t.Helper()
	if err := s.wait(s.run(context.Background(), code)); err != nil {
		s.t.Fatalf("cell failed: %v", err)
	}
}

func (s *session) wait(done chan error) error {
	s.t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		s.t.Fatal("the cell did not end")
	}
	return nil
}

func (s *session) dump(code string) string {
	return s.do("dumpCell", map[string]any{"code": code})["sourcePath"].(string)
}

func (s *session) breakAt(path string, lines ...int) {
	var bps []any
	for _, l := range lines {
		bps = append(bps, map[string]any{"line": l})
	}
	body := s.do("setBreakpoints", map[string]any{"source": map[string]any{"path": path}, "breakpoints": bps, "sourceModified": false})
	if got := len(body["breakpoints"].([]any)); got != len(lines) {
		s.t.Fatalf("%d breakpoints answered for %d", got, len(lines))
	}
}

// frames returns the stack of a stopped thread, its own frames only.
func (s *session) frames(thread any) []map[string]any {
	s.t.Helper()
	var out []map[string]any
	for _, f := range s.stack(thread) {
		if f["presentationHint"] == "label" {
			break // the other stopped goroutines follow (see stack)
		}
		out = append(out, f)
	}
	return out
}

// stack returns the stack trace of a stopped thread as JupyterLab gets
// it: the thread's frames, then those of the other stopped goroutines,
// each under a label frame.
func (s *session) stack(thread any) []map[string]any {
	s.t.Helper()
	var out []map[string]any
	for _, f := range s.do("stackTrace", map[string]any{"threadId": thread, "startFrame": 0, "levels": 100})["stackFrames"].([]any) {
		out = append(out, f.(map[string]any))
	}
	return out
}

// vars lists the variables behind a reference by name.
func (s *session) vars(ref any) map[string]map[string]any {
	s.t.Helper()
	out := map[string]map[string]any{}
	for _, v := range s.do("variables", map[string]any{"variablesReference": ref})["variables"].([]any) {
		m := v.(map[string]any)
		out[m["name"].(string)] = m
	}
	return out
}

// scope returns the variables of the named scope of frame id.
func (s *session) scope(frameID any, name string) map[string]map[string]any {
	s.t.Helper()
	for _, sc := range s.do("scopes", map[string]any{"frameId": frameID})["scopes"].([]any) {
		m := sc.(map[string]any)
		if m["name"] == name {
			return s.vars(m["variablesReference"])
		}
	}
	s.t.Fatalf("no %s scope", name)
	return nil
}

const pointCell = `type Point struct {
	X, Y int
}

func scale(p *Point, k int) int {
	s := p.X * k
	return s + p.Y
}`

const useCell = `pts := []Point{{1, 2}, {3, 4}}
m := map[string]int{"a": 1}
p := &pts[0]
r := scale(p, 10)
r += 1`

func TestJupyterLabSequenceStopsStepsAndExpands(t *testing.T) {
	s := newSession(t)
	info := s.start()
	if info["hashMethod"] != "Murmur2" || info["isStarted"] != true || info["tmpFileSuffix"] != "/cell" || info["richRendering"] != true {
		t.Fatalf("debugInfo: %v", info)
	}
	s.runNow(pointCell)
	path := s.dump(useCell)
	if want := info["tmpFilePrefix"].(string); !strings.HasPrefix(path, want) {
		t.Fatalf("dumpCell path %s not under %s", path, want)
	}
	s.breakAt(path, 3)
	s.configured()
	done := s.run(context.Background(), useCell)
	st := s.event("stopped")
	if st["reason"] != "breakpoint" {
		t.Fatalf("stopped: %v", st)
	}
	thread := st["threadId"]
	info = s.do("debugInfo", nil)
	if got := info["stoppedThreads"].([]any); len(got) != 1 || got[0] != thread {
		t.Fatalf("stoppedThreads %v, stopped %v", got, thread)
	}
	threads := s.do("threads", nil)["threads"].([]any)
	if len(threads) == 0 || threads[0].(map[string]any)["name"] != "goroutine 1: cell" {
		t.Fatalf("threads: %v", threads)
	}
	fr := s.frames(thread)
	if fr[0]["line"] != float64(3) || fr[0]["source"].(map[string]any)["path"] != path {
		t.Fatalf("top frame: %v", fr[0])
	}
	src := s.do("source", map[string]any{"source": map[string]any{"path": path}})
	if src["content"] != useCell {
		t.Fatalf("source: %v", src)
	}
	g := s.scope(fr[0]["id"], "Globals")
	if g["pts"]["value"] != "[Point{X: 1, Y: 2} Point{X: 3, Y: 4}]" || g["pts"]["type"] != "[]Point" {
		t.Fatalf("pts: %v", g["pts"])
	}
	elems := s.vars(g["pts"]["variablesReference"])
	fields := s.vars(elems["[1]"]["variablesReference"])
	if fields["Y"]["value"] != "4" || fields["X"]["type"] != "int" {
		t.Fatalf("pts[1] fields: %v", fields)
	}
	if entries := s.vars(g["m"]["variablesReference"]); entries[`["a"]`]["value"] != "1" {
		t.Fatalf("map entries: %v", entries)
	}
	s.do("next", map[string]any{"threadId": thread})
	s.event("stopped")
	if fr = s.frames(thread); fr[0]["line"] != float64(4) {
		t.Fatalf("next from line 3 ended at %v", fr[0])
	}
	g = s.scope(fr[0]["id"], "Globals")
	if pointee := s.vars(g["p"]["variablesReference"]); pointee["X"]["value"] != "1" {
		t.Fatalf("pointer: %v", pointee)
	}
	// Step into scale (a call may take a step or two on line 4).
	var top map[string]any
	for i := 0; i < 10; i++ {
		s.do("stepIn", map[string]any{"threadId": thread})
		s.event("stopped")
		top = s.frames(thread)[0]
		if top["name"] == "scale" {
			break
		}
	}
	if top["name"] != "scale" || top["line"] != float64(6) {
		t.Fatalf("stepIn ended at %v", top)
	}
	if top["source"].(map[string]any)["path"] != s.a.FileOf(pointCell) {
		t.Fatalf("scale's frame is not in the cell that defined it: %v", top["source"])
	}
	locals := s.scope(top["id"], "Locals")
	if locals["k"]["value"] != "10" || locals["p"]["value"] != "&Point{X: 1, Y: 2}" {
		t.Fatalf("locals of scale: %v", locals)
	}
	s.do("next", map[string]any{"threadId": thread})
	if st := s.event("stopped"); st["reason"] != "step" {
		t.Fatalf("next: %v", st)
	}
	if top = s.frames(thread)[0]; top["line"] != float64(7) {
		t.Fatalf("next ended at %v", top)
	}
	s.do("stepOut", map[string]any{"threadId": thread})
	s.event("stopped")
	if top = s.frames(thread)[0]; top["name"] != "cell" {
		t.Fatalf("stepOut ended in %v", top)
	}
	s.do("continue", map[string]any{"threadId": thread})
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
	if got := s.do("evaluate", map[string]any{"expression": "r", "context": "repl"})["result"]; got != "13" {
		t.Fatalf("r after the cell: %v", got)
	}
}

func TestInterruptWhileStoppedEndsCellAndResets(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data race (an interrupted ExecuteWithContext); runs without -race")
	}
	s := newSession(t)
	s.start()
	s.runNow(pointCell)
	path := s.dump(useCell)
	s.breakAt(path, 4)
	ctx, cancel := context.WithCancel(context.Background())
	done := s.run(ctx, useCell)
	st := s.event("stopped")
	cancel()
	err := s.wait(done)
	var ee *eval.Error
	if !errors.As(err, &ee) || ee.Name != "Interrupted" {
		t.Fatalf("cell ended with %v", err)
	}
	if c := s.event("continued"); c["threadId"] != st["threadId"] {
		t.Fatalf("continued: %v", c)
	}
	if got := s.do("debugInfo", nil)["stoppedThreads"].([]any); len(got) != 0 {
		t.Fatalf("still stopped: %v", got)
	}
	// The session still works: the next run stops again.
	done = s.run(context.Background(), useCell)
	st = s.event("stopped")
	s.do("continue", map[string]any{"threadId": st["threadId"]})
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
}

func TestDisconnectWhileStoppedResumesAndClearsBreakpoints(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data race (yaegi clearing its debugger after a detach); runs without -race")
	}
	s := newSession(t)
	s.start()
	s.runNow(pointCell)
	path := s.dump(useCell)
	s.breakAt(path, 4)
	done := s.run(context.Background(), useCell)
	s.event("stopped")
	s.do("disconnect", map[string]any{"restart": false, "terminateDebuggee": false})
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
	if info := s.do("debugInfo", nil); info["isStarted"] != false || len(info["breakpoints"].([]any)) != 0 {
		t.Fatalf("after disconnect: %v", info)
	}
	s.runNow(useCell) // would hang at line 4 if the breakpoint stayed
}

func TestUnknownAndMalformedRequestsFailClearly(t *testing.T) {
	s := newSession(t)
	r := s.try("stepBack", map[string]any{"threadId": 1})
	if r["success"] != false || !strings.Contains(r["message"].(string), `does not support the "stepBack" request`) {
		t.Fatalf("unknown command: %v", r)
	}
	var resp map[string]any
	_ = json.Unmarshal(s.a.Handle(json.RawMessage(`{"seq": 9, "command": 3}`)), &resp)
	if resp["success"] != false || resp["message"] == "" {
		t.Fatalf("malformed request: %v", resp)
	}
	if r := s.try("stackTrace", map[string]any{"threadId": 7}); r["success"] != false {
		t.Fatalf("stackTrace of a running thread: %v", r)
	}
}

func TestMurmur2MatchesJupyterLab(t *testing.T) {
	// Values computed by the murmur2 function of the JupyterLab this
	// project installs (jlab_core's debugger config, TextEncoder + murmur2).
	for s, want := range map[string]uint32{"": 3990065800, "a": 2167009006, "ab": 2805137849, "abc": 3350977461,
		"func worker(id int) {\n}": 440435133, "fmt.Println(\"héllo\")\nx := 1": 3406952105, "s := \"🙂\"": 824544848} {
		if got := Murmur2(s, HashSeed); got != want {
			t.Errorf("Murmur2(%q) = %d, want %d", s, got, want)
		}
	}
}
