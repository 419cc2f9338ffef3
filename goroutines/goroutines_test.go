package goroutines

import (
	"strings"
	"testing"
)

type fake struct{ stopped int }

func (f *fake) List() []Goroutine {
	return []Goroutine{{ID: 7, State: "time.Sleep", Cell: "this cell", Line: 3, Code: "go time.Sleep(d)"}, {ID: 9, State: "running", Cell: "an earlier cell"}}
}
func (f *fake) StopAll() int { f.stopped++; return 2 }

func TestListAndStopAllGoThroughTheProvider(t *testing.T) {
	if List() != nil || StopAll() != 0 {
		t.Fatal("without a provider: empty list, nothing stopped")
	}
	f := &fake{}
	SetProvider(f)
	defer SetProvider(nil)
	tab := List()
	if len(tab) != 2 || StopAll() != 2 || f.stopped != 1 {
		t.Fatalf("list %v, stopped %d", tab, f.stopped)
	}
	s := tab.String()
	if !strings.Contains(s, "this cell, line 3") || !strings.Contains(s, "an earlier cell") {
		t.Errorf("String() = %q", s)
	}
	if h := tab.HTML(); !strings.Contains(h, "<td>7</td>") || !strings.Contains(h, "<code>go time.Sleep(d)</code>") {
		t.Errorf("HTML() = %q", h)
	}
	if got := (Table{}).String(); !strings.Contains(got, "no goroutines") {
		t.Errorf("empty table = %q", got)
	}
}
