package link

import (
	"encoding/json"
	"reflect"
	"testing"

	"golessons/kernel/internal/cellio"
)

// The JSON of result and display events is pinned byte for byte: the
// kernel and its runner are the same binary today, but a change of field
// names or nesting here would silently drop values, errors or displays if
// the two ever differed, and the shared cellio types make such a change
// easy to make by accident.
func TestEventJSONIsPinned(t *testing.T) {
	tests := []struct {
		ev   Event
		want string
	}{
		{Event{Kind: KindResult, ID: 7, Sync: 2, Value: cellio.Value{Data: map[string]any{"text/plain": "42"},
			Metadata: map[string]any{"image/png": map[string]any{"width": 3.0}}}},
			`{"kind":"result","id":7,"sync":2,"data":{"text/plain":"42"},"metadata":{"image/png":{"width":3}}}`},
		{Event{Kind: KindResult, ID: 8, Error: &cellio.Error{Name: "panic", Value: "3:1: boom", Traceback: []string{"cell 3:1"}}},
			`{"kind":"result","id":8,"error":{"name":"panic","value":"3:1: boom","traceback":["cell 3:1"]}}`},
		{Event{Kind: KindResult, ID: 9, Error: &cellio.Error{Name: "Interrupted", Value: "stopped"}},
			`{"kind":"result","id":9,"error":{"name":"Interrupted","value":"stopped"}}`},
		{Event{Kind: KindResult, ID: 10}, `{"kind":"result","id":10}`},
		{Event{Kind: KindDisplay, ID: 3, Display: &cellio.Display{Kind: cellio.DisplayUpdate, ID: "d1",
			Data:     map[string]any{"text/html": "<b>x</b>"},
			Metadata: map[string]any{"text/html": map[string]any{"isolated": true}}}},
			`{"kind":"display","id":3,"display":{"kind":"update","data":{"text/html":"\u003cb\u003ex\u003c/b\u003e"},"metadata":{"text/html":{"isolated":true}},"id":"d1"}}`},
		{Event{Kind: KindDisplay, ID: 3, Display: &cellio.Display{Kind: cellio.DisplayClear, Wait: true}},
			`{"kind":"display","id":3,"display":{"kind":"clear","wait":true}}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.ev)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("encoded\n%s\nwant\n%s", got, tt.want)
		}
		var back Event
		if err := json.Unmarshal([]byte(tt.want), &back); err != nil || !reflect.DeepEqual(back, tt.ev) {
			t.Errorf("decoded %s as %+v, %v; want %+v", tt.want, back, err, tt.ev)
		}
	}
}
