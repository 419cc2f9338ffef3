package runner

import (
	"context"
	"strings"
	"testing"
	"time"

	"golessons/kernel/internal/cellio"
)

// These tests run Go cells through the real evaluator in a runner process:
// the whole runner side as the kernel uses it.

func TestRealCells(t *testing.T) {
	r := startRunnerWith(t, "real", -1)
	if res, _ := run(t, r, "import \"fmt\""); res.Err != nil {
		t.Fatal(res.Err)
	}
	tests := []struct {
		name, code string
		stdout     string
		value      string
		errName    string
	}{
		{name: "print", code: "fmt.Println(\"hello\")", stdout: "hello\n"},
		{name: "value", code: "x := 41\nx + 1", value: "42"},
		{name: "state persists", code: "x * 2", value: "82"},
		{name: "compile error", code: "y := ", errName: "CompileError"},
		{name: "child process", code: "import (\n\t\"os\"\n\t\"os/exec\"\n)\ncmd := exec.Command(\"/bin/echo\", \"child\")\ncmd.Stdout = os.Stdout\ncmd.Run()", stdout: "child\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, rec := run(t, r, tt.code)
			if got := rec.out(); got != tt.stdout {
				t.Errorf("stdout %q, want %q", got, tt.stdout)
			}
			if tt.value != "" && (res.Data == nil || res.Data["text/plain"] != tt.value) {
				t.Errorf("value %v, want %q", res.Data, tt.value)
			}
			if (res.Err == nil) != (tt.errName == "") || (res.Err != nil && res.Err.Name != tt.errName) {
				t.Errorf("error %+v, want name %q", res.Err, tt.errName)
			}
		})
	}
}

func TestRealLateOutputAndDisplay(t *testing.T) {
	r := startRunnerWith(t, "real", -1)
	res, rec := run(t, r, "import (\n\t\"fmt\"\n\t\"time\"\n\t\"golessons/display\"\n)\nfmt.Println(\"one\")\ndisplay.HTML(\"<b>hi</b>\")\nfmt.Println(\"two\")\ngo func() {\n\ttime.Sleep(500 * time.Millisecond)\n\tfmt.Println(\"late\")\n}()")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	rec.mu.Lock()
	displays, out := len(rec.displays), rec.stdout.String()
	rec.mu.Unlock()
	if displays != 1 || out != "one\ntwo\n" {
		t.Fatalf("displays %d, stdout %q at the reply", displays, out)
	}
	rec.waitStdout(t, "late\n", 5*time.Second)
}

func TestRealCrashesKeepState(t *testing.T) {
	r := startRunnerWith(t, "real", -1)
	if res, _ := run(t, r, "kept := 7"); res.Err != nil {
		t.Fatal(res.Err)
	}
	tests := []struct{ name, code, contains string }{
		// flag's ExitOnError calls the real os.Exit from compiled code.
		{"compiled exit", "import \"flag\"\nflag.NewFlagSet(\"x\", flag.ExitOnError).Parse([]string{\"-nope\"})", "code 2"},
		{"fatal error", "import \"sync\"\nvar mu sync.Mutex\nmu.Unlock()", "unlock of unlocked mutex"},
		{"goroutine panic", "import \"time\"\ngo func() { panic(\"boom\") }()\ntime.Sleep(time.Second)", "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := run(t, r, tt.code)
			if res.Err == nil || !strings.Contains(res.Err.Value, tt.contains) {
				t.Fatalf("error %+v, want one containing %q", res.Err, tt.contains)
			}
			t.Logf("%s: %s", res.Err.Name, res.Err.Value)
			if res, _ := run(t, r, "kept"); res.Err != nil || res.Data["text/plain"] != "7" {
				t.Fatalf("after the crash: %+v", res)
			}
		})
	}
}

func TestRealInterrupt(t *testing.T) {
	r := startRunnerWith(t, "real", -1)
	if res, _ := run(t, r, "import (\n\t\"fmt\"\n\t\"sync\"\n\t\"time\"\n)\nkept := 7"); res.Err != nil {
		t.Fatal(res.Err)
	}
	tests := []struct{ name, code string }{
		{"busy loop", "fmt.Println(\"started\")\nfor {\n}"},
		{"compiled sleep", "fmt.Println(\"started\")\ntime.Sleep(time.Hour)\nfmt.Println(\"continued\")"},
		{"short compiled sleep", "fmt.Println(\"started\")\ntime.Sleep(200 * time.Millisecond)\nfmt.Println(\"continued\")"},
		{"select forever", "fmt.Println(\"started\")\nselect {}"},
		{"wait group", "var wg sync.WaitGroup\nwg.Add(1)\nfmt.Println(\"started\")\nwg.Wait()\nfmt.Println(\"continued\")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder()
			done := make(chan cellio.Outcome, 1)
			go func() { done <- r.Execute(context.Background(), Request{Code: tt.code}, rec) }()
			rec.waitStdout(t, "started\n", 10*time.Second)
			start := time.Now()
			r.Interrupt()
			var res cellio.Outcome
			select {
			case res = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("no result 5s after interrupt")
			}
			t.Logf("stopped in %v: %s: %s", time.Since(start), res.Err.Name, res.Err.Value)
			if d := time.Since(start); d > time.Second {
				t.Errorf("interrupt took %v, want < 1s", d)
			}
			if res.Err == nil || res.Err.Name != "Interrupted" {
				t.Fatalf("error %+v, want Interrupted", res.Err)
			}
			if res, _ := run(t, r, "kept"); res.Err != nil || res.Data["text/plain"] != "7" {
				t.Fatalf("after interrupt: %+v", res)
			}
			// Outlive the short sleep: the abandoned cell must not go on.
			wait, later := run(t, r, "time.Sleep(400 * time.Millisecond)")
			if wait.Err != nil {
				t.Fatal(wait.Err)
			}
			if strings.Contains(rec.out()+later.out(), "continued") {
				t.Fatal("the interrupted cell continued")
			}
		})
	}
}

func TestRealStdin(t *testing.T) {
	code := "import \"fmt\"\nvar name string\nfmt.Print(\"Name: \")\nfmt.Scanln(&name)\nfmt.Println(\"hi\", name)"
	tests := []struct {
		name   string
		allow  bool
		stdout string
		prompt string
	}{
		{"allowed", true, "hi Ada\n", "Name: "},
		{"not allowed", false, "Name: hi \n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := startRunnerWith(t, "real", -1)
			rec := newRecorder()
			rec.answer = "Ada"
			res := r.Execute(context.Background(), Request{Code: code, AllowStdin: tt.allow}, rec)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if rec.out() != tt.stdout || strings.Join(rec.prompts, "") != tt.prompt {
				t.Fatalf("stdout %q prompts %q; want %q, %q", rec.out(), rec.prompts, tt.stdout, tt.prompt)
			}
		})
	}
}

func TestRealMemoryLimit(t *testing.T) {
	r := startRunnerWith(t, "real", 300<<20)
	if res, _ := run(t, r, "kept := 7"); res.Err != nil {
		t.Fatal(res.Err)
	}
	res, _ := run(t, r, "import \"bytes\"\nvar hog [][]byte\nfor {\n\thog = append(hog, bytes.Repeat([]byte{1}, 16<<20))\n}")
	if res.Err == nil || res.Err.Name != "MemoryLimit" {
		t.Fatalf("error %+v, want MemoryLimit", res.Err)
	}
	if res, _ := run(t, r, "kept"); res.Err != nil || res.Data["text/plain"] != "7" {
		t.Fatalf("after the limit: %+v", res)
	}
}

// BenchmarkRealTrivialCell is the round trip of a cell with a value
// through the runner and the real evaluator.
func BenchmarkRealTrivialCell(b *testing.B) {
	r := startRunnerWith(b, "real", -1)
	rec := newRecorder()
	for b.Loop() {
		if res := r.Execute(context.Background(), Request{Code: "1"}, rec); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

func TestRealCellChangingAType(t *testing.T) {
	r := startRunnerWith(t, "real", -1)
	for _, code := range []string{"import \"fmt\"", "type Job struct{ ID int }\nfunc (j Job) Label() string { return fmt.Sprint(\"job \", j.ID) }\nj := Job{ID: 1}"} {
		if res, _ := run(t, r, code); res.Err != nil {
			t.Fatal(res.Err)
		}
	}
	res, rec := run(t, r, "type Job struct{ ID int; Name string }\nfmt.Println(\"ran\")\nJob{2, \"b\"}.Label() + \" \" + j.Label()")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	rec.mu.Lock()
	errText := rec.stderr.String()
	rec.mu.Unlock()
	if res.Data["text/plain"] != `"job 2 job 1"` || rec.out() != "ran\n" || !strings.Contains(errText, "cannot do in place") || !strings.Contains(errText, "kept: Job, fmt, j") {
		t.Fatalf("value %v, stdout %q, stderr %q", res.Data, rec.out(), errText)
	}
	// The notebook goes on with the new type.
	if res, _ := run(t, r, "Job{3, \"c\"}.Name"); res.Err != nil || res.Data["text/plain"] != `"c"` {
		t.Fatalf("after the change: %+v", res)
	}
}

// A cell that panicked had made its imports and declarations, which later
// cells use; a replay keeps them.
func TestRealCellThatPanickedIsReplayedWithItsDeclarations(t *testing.T) {
	r := startRunnerWith(t, "real", -1)
	res, _ := run(t, r, "import \"fmt\"\nfunc double(n int) int { return n * 2 }\ntype Job struct{ ID int }\nvar m map[string]int\nm[\"a\"] = 1")
	if res.Err == nil || res.Err.Name != "panic" {
		t.Fatalf("want the cell's panic, got %+v", res.Err)
	}
	res, rec := run(t, r, "type Job struct{ ID int; Name string }\nfmt.Println(double(3), Job{1, \"a\"})")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	rec.mu.Lock()
	errText := rec.stderr.String()
	rec.mu.Unlock()
	if rec.out() != "6 {1 a}\n" || !strings.Contains(errText, "kept: Job, double, fmt, m") || !strings.Contains(errText, `m["a"] = 1`) {
		t.Fatalf("stdout %q, stderr %q", rec.out(), errText)
	}
}
