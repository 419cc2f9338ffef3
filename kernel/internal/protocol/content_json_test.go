package protocol

import "testing"

// Content is pinned byte for byte: required objects and arrays are {} and
// [] when empty (Map, List), never null; the fields a status needs and no
// others; text/html and "<" not escaped.
func TestContentJSONIsPinned(t *testing.T) {
	out := "2"
	tests := []struct {
		v    any
		want string
	}{
		{ExecuteReplyContent{Status: StatusOK, ExecutionCount: 2},
			`{"status":"ok","execution_count":2,"payload":[],"user_expressions":{}}`},
		{ExecuteReplyContent{Status: StatusError, ExecutionCount: 3, EName: "panic", EValue: "<boom>"},
			`{"status":"error","execution_count":3,"ename":"panic","evalue":"<boom>","traceback":[]}`},
		{ExecuteReplyContent{Status: StatusAborted},
			`{"status":"aborted","execution_count":0}`},
		{ErrorReply("E", "v", nil),
			`{"status":"error","ename":"E","evalue":"v","traceback":[]}`},
		{ErrorReplyContent{},
			`{"status":"error","ename":"","evalue":"","traceback":[]}`},
		{ErrorContent{EName: "E", EValue: "a<b", Traceback: []string{"l1"}},
			`{"ename":"E","evalue":"a<b","traceback":["l1"]}`},
		{ErrorContent{EName: "E"},
			`{"ename":"E","evalue":"","traceback":[]}`},
		{DisplayDataContent{},
			`{"data":{},"metadata":{}}`},
		{DisplayDataContent{Data: map[string]any{"text/html": "<b>x</b>"}, Transient: map[string]any{"display_id": "d"}},
			`{"data":{"text/html":"<b>x</b>"},"metadata":{},"transient":{"display_id":"d"}}`},
		{ExecuteResultContent{ExecutionCount: 1},
			`{"execution_count":1,"data":{},"metadata":{}}`},
		{ExecuteResultContent{ExecutionCount: 4, Data: map[string]any{"text/plain": "42"}, Metadata: map[string]any{"a": 1}},
			`{"execution_count":4,"data":{"text/plain":"42"},"metadata":{"a":1}}`},
		{InspectReplyContent{Status: StatusOK},
			`{"status":"ok","found":false,"data":{},"metadata":{}}`},
		{InspectReplyContent{Status: StatusOK, Found: true, Data: MimeBundle{"text/plain": "func F()"}},
			`{"status":"ok","found":true,"data":{"text/plain":"func F()"},"metadata":{}}`},
		{CompleteReplyContent{Status: StatusOK},
			`{"status":"ok","matches":[],"cursor_start":0,"cursor_end":0,"metadata":{}}`},
		{CompleteReplyContent{Status: StatusOK, Matches: []string{"Println"}, CursorStart: 4, CursorEnd: 5},
			`{"status":"ok","matches":["Println"],"cursor_start":4,"cursor_end":5,"metadata":{}}`},
		{HistoryReplyContent{Status: StatusOK},
			`{"status":"ok","history":[]}`},
		{HistoryReplyContent{Status: StatusOK, History: []HistoryEntry{{1, 2, "1+1", nil}, {1, 3, "a", &out}}},
			`{"status":"ok","history":[[1,2,"1+1"],[1,3,["a","2"]]]}`},
		{CommInfoReplyContent{Status: StatusOK},
			`{"status":"ok","comms":{}}`},
		{CommInfoReplyContent{Status: StatusOK, Comms: map[string]CommInfo{"c": {TargetName: "t"}}},
			`{"status":"ok","comms":{"c":{"target_name":"t"}}}`},
		{CommOpenContent{CommID: "c", TargetName: "t"},
			`{"comm_id":"c","target_name":"t","data":{}}`},
		{CommOpenContent{CommID: "c", TargetName: "t", Data: map[string]any{"state": map[string]any{"v": 1}}, TargetModule: "m"},
			`{"comm_id":"c","target_name":"t","data":{"state":{"v":1}},"target_module":"m"}`},
		{CommMsgContent{CommID: "c"},
			`{"comm_id":"c","data":{}}`},
		{CommCloseContent{CommID: "c", Data: map[string]any{"x": "<"}},
			`{"comm_id":"c","data":{"x":"<"}}`},
	}
	for _, tt := range tests {
		got, err := MarshalContent(tt.v)
		if err != nil || string(got) != tt.want {
			t.Errorf("%T encoded as\n%s (%v)\nwant\n%s", tt.v, got, err, tt.want)
		}
	}
}
