package goroutines

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func parseFile(t *testing.T, name string) map[int64]Goroutine {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	m := map[int64]Goroutine{}
	for _, g := range Parse(b) {
		m[g.ID] = g
	}
	return m
}

func TestParseHeadersLabelsAndCreators(t *testing.T) {
	gs := parseFile(t, "yaegi.txt")
	if len(gs) != 8 {
		t.Fatalf("parsed %d goroutines, want 8", len(gs))
	}
	g := gs[6]
	if g.State != "chan send" || g.Labels["golessons"] != "s1" || g.Labels["x"] != `a "q"` {
		t.Errorf("goroutine 6: state %q labels %v", g.State, g.Labels)
	}
	if g.CreatedBy != "golessons/third_party/yaegi/interp.call.func9" || g.Creator != 5 {
		t.Errorf("goroutine 6 created by %q in %d", g.CreatedBy, g.Creator)
	}
	if f := gs[15].Frames[3]; f.Func != "sync.(*Mutex).Lock" || !strings.HasSuffix(f.File, "sync/mutex.go") || f.Line != 46 {
		t.Errorf("frame = %+v", f)
	}
	if gs[13].Labels != nil {
		t.Errorf("unlabelled goroutine has labels %v", gs[13].Labels)
	}
	if !gs[5].Runs("golessons/third_party/yaegi/interp.(*Interpreter).ExecuteWithContext.func1") {
		t.Error("goroutine 5 runs a cell")
	}
}

func TestStuckOnlyForInterpretedWaits(t *testing.T) {
	gs := parseFile(t, "yaegi.txt")
	cases := []struct {
		id    int64
		stuck bool
		op    string
		api   string
	}{
		{5, true, "select", ""},
		{6, true, "send", ""},
		{13, true, "recv", ""},
		{14, false, "", ""}, // sleeping ends by itself
		{15, true, "call", "sync.(*RWMutex).Lock"},
		{16, false, "", ""},                          // waits inside compiled demos code
		{20, false, "", ""},                          // network I/O
		{21, true, "call", "sync.(*WaitGroup).Wait"}, // a deferred wg.Wait() as its function returns
	}
	for _, c := range cases {
		w, ok := gs[c.id].Stuck()
		if ok != c.stuck || w.Op != c.op || w.API != c.api {
			t.Errorf("goroutine %d: Stuck() = %+v, %v; want op %q api %q stuck %v", c.id, w, ok, c.op, c.api, c.stuck)
		}
	}
	if w, ok := gs[14].Waiting(); !ok || w.API != "time.Sleep" {
		t.Errorf("sleeping goroutine: Waiting() = %+v, %v", w, ok)
	}
}

func TestDumpOfThisProcess(t *testing.T) {
	var wg sync.WaitGroup
	block := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-block
	}()
	self := ID()
	var found, me bool
	// The child may not have parked yet: look again, for a bounded time.
	for end := time.Now().Add(5 * time.Second); !found && time.Now().Before(end); time.Sleep(time.Millisecond) {
		found, me = false, false
		for _, g := range Parse(Dump()) {
			me = me || (g.ID == self && g.State == "running")
			found = found || (g.State == "chan receive" && g.Creator == self)
		}
	}
	close(block)
	wg.Wait()
	if !found || !me {
		t.Fatalf("dump: blocked child found %v, self running %v", found, me)
	}
}
