package worker

import (
	"strings"
	"testing"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/eval"
	"golessons/kernel/internal/goroutines"
)

// fakeSites is a watched with a fixed site table.
type fakeSites struct {
	sites   map[string]eval.Site
	pending int64
	cell    int
}

func (f fakeSites) SiteOf(l string) (eval.Site, bool) { s, ok := f.sites[l]; return s, ok }
func (f fakeSites) PendingCallbacks() int64           { return f.pending }
func (f fakeSites) CellNumber() int                   { return f.cell }
func (f fakeSites) Abort(*cellio.Error) bool          { return true }

const job = 21 // the goroutine that called Eval in the dump below

// A cell goroutine (created by the job) in wg.Wait and two workers
// sending on a channel nobody receives from; the job itself waits.
const dump = `goroutine 21 [select labels:{"golessons": "cell"}]:
golessons/third_party/yaegi/interp.(*Interpreter).ExecuteWithContext(0x1, 0x2)
	/y/interp/program.go:200 +0x1
golessons/kernel/internal/worker.(*worker).execute(0x1)
	/w/cell.go:20 +0x1

goroutine 30 [sync.WaitGroup.Wait labels:{"golessons": "s2"}]:
sync.runtime_SemacquireWaitGroup(0x0?, 0x0?)
	/go/src/runtime/sema.go:114 +0x2e
sync.(*WaitGroup).Wait(0x1)
	/go/src/sync/waitgroup.go:206 +0x85
reflect.Value.call({0x1}, {0x2, 0x4}, {0x3, 0x0, 0x0})
	/go/src/reflect/value.go:586 +0xf0c
golessons/third_party/yaegi/interp.callBin.func2({0x1}, {0x2})
	/y/interp/run.go:1512 +0x2f
golessons/third_party/yaegi/interp.(*Interpreter).ExecuteWithContext.func1()
	/y/interp/program.go:197 +0x65
created by golessons/third_party/yaegi/interp.(*Interpreter).ExecuteWithContext in goroutine 21
	/y/interp/program.go:195 +0x172

goroutine 31 [select labels:{"golessons": "s1"}]:
reflect.rselect({0x1, 0x2, 0x0?})
	/go/src/runtime/select.go:589 +0x2c5
reflect.Select({0x1, 0x2, 0x0?})
	/go/src/reflect/value.go:3173 +0x4b2
golessons/third_party/yaegi/interp.send.func5(0x1)
	/y/interp/run.go:3712 +0x3a5
created by golessons/third_party/yaegi/interp.call.func9 in goroutine 30
	/y/interp/run.go:1309 +0x2a5

goroutine 32 [select labels:{"golessons": "s1"}]:
reflect.rselect({0x1, 0x2, 0x0?})
	/go/src/runtime/select.go:589 +0x2c5
reflect.Select({0x1, 0x2, 0x0?})
	/go/src/reflect/value.go:3173 +0x4b2
golessons/third_party/yaegi/interp.send.func5(0x1)
	/y/interp/run.go:3712 +0x3a5
created by golessons/third_party/yaegi/interp.call.func9 in goroutine 30
	/y/interp/run.go:1309 +0x2a5

goroutine 40 [IO wait]:
internal/poll.runtime_pollWait(0x7f, 0x72)
	/go/src/runtime/netpoll.go:351 +0x85
`

func sites() fakeSites {
	return fakeSites{cell: 4, sites: map[string]eval.Site{
		"s1": {Cell: 4, Line: 7, Col: 3, Op: "send", Code: "results <- n * n"},
		"s2": {Cell: 4, Line: 10, Col: 1, Op: "call", Code: "wg.Wait()"},
	}}
}

func TestJudgeNamesEveryStuckGoroutine(t *testing.T) {
	key, err := judge(goroutines.Parse([]byte(dump)), job, sites(), 0)
	if err == nil {
		t.Fatal("no deadlock found")
	}
	want := []string{
		"fatal error: all goroutines are asleep - deadlock!",
		"",
		"goroutine 1 [sync.WaitGroup.Wait]: line 10:1: wg.Wait()",
		"goroutine 31 [chan send]: line 7:3: results <- n * n",
		"goroutine 32 [chan send]: line 7:3: results <- n * n",
	}
	if got := err.Traceback[:len(want)]; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("traceback:\n%s", strings.Join(err.Traceback, "\n"))
	}
	if err.Name != "fatal error" || err.Value != "all goroutines are asleep - deadlock!" || key == "" {
		t.Errorf("error %q %q key %q", err.Name, err.Value, key)
	}
}

func TestJudgeStaysSilentWhenUnsure(t *testing.T) {
	external := sites()
	s := external.sites["s1"]
	s.External = true
	external.sites["s1"] = s
	pending := sites()
	pending.pending = 1
	staleLabel := sites()
	s = staleLabel.sites["s1"]
	s.Op = "recv" // the stack shows a send: the label is not this wait's
	staleLabel.sites["s1"] = s
	cases := map[string]struct {
		dump string
		ev   fakeSites
	}{
		"a channel not made by a cell": {dump, external},
		"a pending AfterFunc":          {dump, pending},
		"a label that does not match":  {dump, staleLabel},
		"a goroutine sleeping": {dump + `
goroutine 50 [sleep labels:{"golessons": "cell"}]:
time.Sleep(0x1)
	/go/src/runtime/time.go:363 +0x165
golessons/third_party/yaegi/interp.callBin.func2({0x1}, {0x2})
	/y/interp/run.go:1512 +0x2f
`, sites()},
		"cell code on an unlabelled goroutine": {dump + `
goroutine 51 [select]:
reflect.Select({0x1, 0x2, 0x0?})
	/go/src/reflect/value.go:3173 +0x4b2
golessons/third_party/yaegi/interp.recv.func3(0x1)
	/y/interp/run.go:3542 +0x3a5
`, sites()},
		"the cell's own goroutine done": {strings.Replace(dump, "in goroutine 21", "in goroutine 99", 1), sites()},
	}
	for name, c := range cases {
		if _, err := judge(goroutines.Parse([]byte(c.dump)), job, c.ev, 0); err != nil {
			t.Errorf("%s: deadlock reported:\n%s", name, strings.Join(err.Traceback, "\n"))
		}
	}
}
