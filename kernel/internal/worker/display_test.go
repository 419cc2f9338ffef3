package worker

import (
	"reflect"
	"testing"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/link"
)

// A cell's display.Message reaches the link as the cellio.Display with the
// same kind, bundle and display id: the two types are twins, and their kind
// constants must be the same strings or the dispatcher would show an update
// as a new display.
func TestDisplaysReachTheLinkUnchanged(t *testing.T) {
	h := startWorker(t)
	h.send(t, link.Request{Kind: link.KindExecute, ID: 1, Code: "display"})
	var got []cellio.Display
	for {
		ev := h.next(t)
		if ev.Kind == link.KindResult {
			break
		}
		if ev.Kind != link.KindDisplay || ev.ID != 1 || ev.Display == nil {
			t.Fatalf("got %+v, want a display event of cell 1", ev)
		}
		got = append(got, *ev.Display)
	}
	if len(got) != 3 || got[0].ID == "" {
		t.Fatalf("displays %+v, want show and update with one display id, then clear", got)
	}
	id := got[0].ID
	want := []cellio.Display{
		{Kind: cellio.DisplayShow, ID: id, Data: map[string]any{"text/html": "<b>1</b>", "text/plain": "<b>1</b>"}},
		{Kind: cellio.DisplayUpdate, ID: id, Data: map[string]any{"text/plain": "2"}},
		{Kind: cellio.DisplayClear, Wait: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("displays\n%+v\nwant\n%+v", got, want)
	}
}
