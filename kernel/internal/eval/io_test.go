package eval

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golessons/third_party/yaegi/interp"
)

func TestStdin(t *testing.T) {
	cases := []struct {
		name, stdin, cell, want string
	}{
		{"fmt.Scanln", "hello\n", "var s string\nfmt.Scanln(&s)\ns", `"hello"`},
		{"fmt.Scan two values", "3 4\n", "var a, b int\nfmt.Scan(&a, &b)\na * b", "12"},
		{"bufio.Reader on os.Stdin", "a line\n", "r := bufio.NewReader(os.Stdin)\nl, _ := r.ReadString('\\n')\nl", `"a line\n"`},
		{"bufio.Scanner on os.Stdin", "x\ny\n", "sc := bufio.NewScanner(os.Stdin)\nn := 0\nfor sc.Scan() { n++ }\nn", "2"},
		{"EOF at once", "", "var s string\n_, err := fmt.Scanln(&s)\nerr != nil", "true"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEvaluator(t, tc.stdin, "")
			r, err := evalAll(t, e, `import ("bufio"; "fmt"; "os")`, tc.cell)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Data["text/plain"]; got != tc.want {
				t.Fatalf("got %v, want %s", got, tc.want)
			}
		})
	}
}

func TestPackagesDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "geometry"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "package geometry\n\n// Area of a rectangle.\nfunc Area(w, h float64) float64 { return w * h }\n"
	if err := os.WriteFile(filepath.Join(dir, "geometry", "geometry.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, cell, want, errHas string
	}{
		{name: "teacher package", cell: "import \"geometry\"\ngeometry.Area(2, 3)", want: "6"},
		{name: "unknown package names folder", cell: `import "physics"`, errHas: dir},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEvaluator(t, "", dir)
			r, err := evalAll(t, e, tc.cell)
			if tc.errHas != "" {
				if err == nil || !strings.Contains(err.Value, tc.errHas) || !strings.Contains(err.Value, `"physics"`) {
					t.Fatalf("want error naming %q and the package, got %v", tc.errHas, err)
				}
				return
			}
			if err != nil || r.Data["text/plain"] != tc.want {
				t.Fatalf("got %v, %v", r.Data, err)
			}
		})
	}
}

// chart is a compiled type with an SVG method, like demos.Timeline.
type chart struct{ n int }

func (c chart) SVG() string { return "<svg>" + strings.Repeat("x", c.n) + "</svg>" }

func TestRichDisplay(t *testing.T) {
	extra := interp.Exports{"richtest/richtest": {
		"Chart":    reflect.ValueOf((*chart)(nil)),
		"NewChart": reflect.ValueOf(func(n int) chart { return chart{n} }),
	}}
	cases := []struct {
		name  string
		cells []string
		mime  string
		want  string // expected content; "" only checks presence
	}{
		{"interpreted HTML", []string{"type H struct{}\nfunc (H) HTML() string { return \"<b>x</b>\" }", "H{}"}, "text/html", "<b>x</b>"},
		{"named string with HTML", []string{"type badge string\nfunc (b badge) HTML() string { return \"<b>\" + string(b) + \"</b>\" }", "badge(\"hi\")"}, "text/html", "<b>hi</b>"},
		{"interpreted SVG", []string{"type S int\nfunc (S) SVG() string { return \"<svg/>\" }", "S(1)"}, "image/svg+xml", "<svg/>"},
		{"interpreted Markdown", []string{"type M struct{}\nfunc (M) Markdown() string { return \"# hi\" }", "M{}"}, "text/markdown", "# hi"},
		{"interpreted Latex", []string{"type L struct{}\nfunc (L) Latex() string { return \"$x$\" }", "L{}"}, "text/latex", "$x$"},
		{"interpreted PNG bytes", []string{"type P struct{}\nfunc (P) PNG() []byte { return []byte(\"png\") }", "P{}"}, "image/png", base64.StdEncoding.EncodeToString([]byte("png"))},
		{"compiled SVG type", []string{`import "richtest"`, "richtest.NewChart(2)"}, "image/svg+xml", "<svg>xx</svg>"},
		{"image.Image", []string{`import "image"`, "image.NewRGBA(image.Rect(0, 0, 2, 2))"}, "image/png", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, err := New(Options{Stderr: &syncBuffer{}, Symbols: []interp.Exports{extra}})
			if err != nil {
				t.Fatal(err)
			}
			r, ee := evalAll(t, e, tc.cells...)
			if ee != nil {
				t.Fatal(ee)
			}
			got, ok := r.Data[tc.mime].(string)
			if !ok || (tc.want != "" && got != tc.want) {
				t.Fatalf("%s: got %v", tc.mime, r.Data)
			}
			if txt, ok := r.Data["text/plain"].(string); !ok || strings.Contains(txt, "0x") {
				t.Fatalf("text/plain missing or showing interpreter internals: %v", r.Data)
			}
			if tc.mime == "image/png" && tc.want == "" {
				b, err := base64.StdEncoding.DecodeString(got)
				if err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
					t.Fatalf("not a base64 PNG: %q", got)
				}
			}
		})
	}
}

func TestInterrupt(t *testing.T) {
	cases := []struct{ name, cell string }{
		{"busy loop", "for {}"},
		{"channel receive", "ch := make(chan int)\n<-ch"},
		{"select forever", "select {}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if raceDetector {
				t.Skip("yaegi races internally on cancellation; see race_on_test.go")
			}
			started := make(chan struct{})
			hook := interp.Exports{"testhook/testhook": {"Started": reflect.ValueOf(func() { close(started) })}}
			e, err := New(Options{Stderr: &syncBuffer{}, Symbols: []interp.Exports{hook}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.Eval(t.Context(), "import \"testhook\"\nkept := 7"); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			go func() { <-started; cancel() }()
			_, err = e.Eval(ctx, "testhook.Started()\n"+tc.cell)
			ee, ok := err.(*Error)
			if !ok || ee.Name != "Interrupted" {
				t.Fatalf("want Interrupted, got %v", err)
			}
			r, err := e.Eval(t.Context(), "kept")
			if err != nil || r.Data["text/plain"] != "7" {
				t.Fatalf("after interrupt: %v %v", r.Data, err)
			}
		})
	}
}

func TestGoroutinePanicAfterCell(t *testing.T) {
	release := make(chan struct{})
	hook := interp.Exports{"testhook/testhook": {"Wait": reflect.ValueOf(func() { <-release })}}
	e, err := New(Options{Stderr: &syncBuffer{}, Symbols: []interp.Exports{hook}})
	if err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = w
	t.Cleanup(func() { os.Stderr = old; w.Close(); r.Close() })
	if _, err := e.Eval(t.Context(), "import \"testhook\"\ngo func() { testhook.Wait(); panic(\"late boom\") }()"); err != nil {
		t.Fatalf("the cell itself must succeed: %v", err)
	}
	close(release)
	want := "golessons: a goroutine panicked after its cell finished: late boom"
	got := make(chan string, 1)
	go func() {
		var all []byte
		buf := make([]byte, 512)
		for {
			n, err := r.Read(buf)
			all = append(all, buf[:n]...)
			if strings.Contains(string(all), want) || err != nil {
				got <- string(all)
				return
			}
		}
	}()
	select {
	case s := <-got:
		if !strings.Contains(s, want) {
			t.Fatalf("stderr %q lacks %q", s, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no report of the late goroutine panic on stderr")
	}
	res, err := e.Eval(t.Context(), "1 + 1")
	if err != nil || res.Data["text/plain"] != "2" {
		t.Fatalf("next cell: %v %v", res.Data, err)
	}
}

// runtime.NumGoroutine counts as in a program: 1 for the cell, plus the
// goroutines cells started that still run (expected values from go run).
func TestNumGoroutineCountsTheCellsGoroutines(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "before, during and after three goroutines", cells: []string{`import ("fmt"; "runtime"; "sync")`, `fmt.Println(runtime.NumGoroutine())
var wg sync.WaitGroup
release := make(chan struct{})
for i := 0; i < 3; i++ {
	wg.Add(1)
	go func() { defer wg.Done(); <-release }()
}
fmt.Println(runtime.NumGoroutine())
close(release)
wg.Wait()
for runtime.NumGoroutine() > 1 {
	runtime.Gosched()
}
fmt.Println(runtime.NumGoroutine())`}, out: "1\n4\n1\n"},
	})
}
