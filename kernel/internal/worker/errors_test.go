package worker

import (
	"reflect"
	"testing"

	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/link"
)

// An evaluator error keeps its name, value and traceback on the link even
// when wrapped, and a failed cell sends no value with its error.
func TestWrappedCellErrorReachesTheLinkWhole(t *testing.T) {
	h := startWorker(t)
	h.send(t, link.Request{Kind: link.KindExecute, ID: 1, Code: "wrapped"})
	ev := h.next(t)
	want := &cellio.Error{Name: "panic", Value: "1:1: boom", Traceback: []string{"cell 1:1"}}
	if ev.Kind != link.KindResult || !reflect.DeepEqual(ev.Error, want) || ev.Data != nil {
		t.Fatalf("got %+v (error %+v), want error %+v and no value", ev, ev.Error, want)
	}
}
