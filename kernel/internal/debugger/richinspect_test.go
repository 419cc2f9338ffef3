package debugger

import (
	"context"
	"strings"
	"testing"
)

func TestRichInspectInAStoppedFunctionCallsTheValuesMethods(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi's own data race (call depth counters when an interpreted goroutine starts); runs without -race")
	}
	s := newSession(t)
	s.start()
	def := "type gauge struct{ Level int }\n\nfunc (g gauge) SVG() string { return \"<svg>\" + fmt.Sprint(g.Level) + \"</svg>\" }\n\nfunc (g gauge) HTML() string { select {} }\n\nfunc check(n int) int {\n\tg := gauge{n}\n\treturn g.Level\n}"
	s.runNow("import \"fmt\"")
	s.runNow(def)
	s.breakAt(s.dump(def), 9)
	done := s.run(context.Background(), "check(7)")
	st := s.event("stopped")
	fr := s.frames(st["threadId"])
	if fr[0]["name"] != "check" {
		t.Fatalf("stopped in %v", fr[0])
	}
	got := s.do("richInspectVariables", map[string]any{"variableName": "g", "frameId": fr[0]["id"]})
	data := got["data"].(map[string]any)
	if data["image/svg+xml"] != "<svg>7</svg>" {
		t.Fatalf("no SVG form: %v", data)
	}
	text, _ := data["text/plain"].(string)
	if _, ok := data["text/html"]; ok || !strings.Contains(text, "HTML did not answer within 2s") {
		t.Fatalf("a blocking HTML() must leave text and a note: %v", data)
	}
	// The stop is undisturbed: same frame, and the cell goes on.
	if again := s.frames(st["threadId"]); again[0]["line"] != fr[0]["line"] {
		t.Fatalf("frame moved: %v then %v", fr[0], again[0])
	}
	s.do("continue", map[string]any{"threadId": st["threadId"]})
	if err := s.wait(done); err != nil {
		t.Fatal(err)
	}
}
