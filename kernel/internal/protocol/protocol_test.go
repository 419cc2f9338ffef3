package protocol

import (
	"encoding/json"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMsgTypes(t *testing.T) {
	seen := map[MsgType]bool{}
	for _, m := range AllMsgTypes {
		if m == "" || seen[m] {
			t.Fatalf("empty or duplicate %q", m)
		}
		seen[m] = true
	}
	// Every request has its reply among the constants (input_request's
	// answer is input_reply).
	for _, m := range AllMsgTypes {
		if m.IsRequest() && !seen[m.ReplyType()] {
			t.Errorf("%s has no %s", m, m.ReplyType())
		}
	}
	if ExecuteRequest.ReplyType() != ExecuteReply || Stream.ReplyType() != "" || Stream.IsRequest() {
		t.Fatal("ReplyType/IsRequest")
	}
	if len(AllMsgTypes) != 37 {
		t.Fatalf("%d message types", len(AllMsgTypes))
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewMessage(t *testing.T) {
	before := time.Now().UTC().Truncate(time.Microsecond)
	m, err := NewMessage(Stream, "sess", nil, StreamContent{Name: StreamStdout, Text: "<b>&</b>"})
	if err != nil {
		t.Fatal(err)
	}
	h := m.Header
	if !uuidRE.MatchString(h.MsgID) || h.Session != "sess" || h.Username != Username || h.MsgType != Stream || h.Version != "5.4" {
		t.Fatalf("header %+v", h)
	}
	if len(h.Date) != len("2006-01-02T15:04:05.000000Z") || !strings.HasSuffix(h.Date, "Z") {
		t.Fatalf("date %q", h.Date)
	}
	d, err := time.Parse(time.RFC3339Nano, h.Date)
	if err != nil || d.Before(before) || d.After(time.Now().Add(time.Second)) {
		t.Fatalf("date %q: %v", h.Date, err)
	}
	if string(m.Content) != `{"name":"stdout","text":"<b>&</b>"}` {
		t.Fatalf("content %s (HTML must not be escaped)", m.Content)
	}
	if m.Parent != (Header{}) || m.Identities != nil || m.Metadata != nil {
		t.Fatalf("%+v", m)
	}
	ids := map[string]bool{}
	for range 1000 {
		id := NewID()
		if ids[id] || !uuidRE.MatchString(id) {
			t.Fatalf("bad or repeated id %q", id)
		}
		ids[id] = true
	}
}

func TestNewMessageContent(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{
		{nil, "{}"},
		{json.RawMessage(nil), "{}"},
		{json.RawMessage(`{"a": 1}`), `{"a": 1}`},
		{[]byte(`{"b":2}`), `{"b":2}`},
		{map[string]any{"x": []int{1}}, `{"x":[1]}`},
	} {
		m, err := NewMessage(Status, "s", nil, c.in)
		if err != nil || string(m.Content) != c.want {
			t.Errorf("%#v: %s, %v", c.in, m.Content, err)
		}
	}
	for _, bad := range []any{json.RawMessage(`{"a":`), []byte("nope"), make(chan int)} {
		if _, err := NewMessage(Status, "s", nil, bad); err == nil {
			t.Errorf("%#v accepted", bad)
		}
	}
}

func TestReplyAndChild(t *testing.T) {
	req, _ := NewMessage(ExecuteRequest, "client", nil, ExecuteRequestContent{Code: "1"})
	req.Identities = [][]byte{[]byte("peer"), []byte("x")}
	r, err := req.Reply(ExecuteReply, ExecuteReplyContent{Status: StatusOK, ExecutionCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Parent != req.Header || r.Header.Session != "" || r.Header.MsgID == req.Header.MsgID || r.Header.MsgType != ExecuteReply {
		t.Fatalf("reply %+v", r)
	}
	if len(r.Identities) != 2 || string(r.Identities[0]) != "peer" {
		t.Fatalf("identities %q", r.Identities)
	}
	r.Identities[0] = []byte("changed")
	if string(req.Identities[0]) != "peer" {
		t.Fatal("reply identities alias the request's slice")
	}
	c, err := req.Child(Status, StatusContent{ExecutionState: StateBusy})
	if err != nil || c.Parent != req.Header || c.Identities != nil || string(c.Content) != `{"execution_state":"busy"}` {
		t.Fatalf("child %+v %v", c, err)
	}
}

func marshal(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func keys(m map[string]any) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	slices.Sort(k)
	return k
}

// The required keys follow jupyter_kernel_test's message schemas.
func TestContentShapes(t *testing.T) {
	cases := []struct {
		name string
		v    any
		keys string
	}{
		{"execute ok", ExecuteReplyContent{Status: StatusOK, ExecutionCount: 2}, "execution_count payload status user_expressions"},
		{"execute error", ExecuteReplyContent{Status: StatusError, ExecutionCount: 2, EName: "E"}, "ename evalue execution_count status traceback"},
		{"execute aborted", ExecuteReplyContent{Status: StatusAborted}, "execution_count status"},
		{"error reply", ErrorReply("E", "v", nil), "ename evalue status traceback"},
		{"error reply zero", ErrorReplyContent{}, "ename evalue status traceback"},
		{"error", ErrorContent{EName: "E"}, "ename evalue traceback"},
		{"display", DisplayDataContent{}, "data metadata"},
		{"display transient", DisplayDataContent{Transient: map[string]any{"display_id": "d"}}, "data metadata transient"},
		{"execute result", ExecuteResultContent{ExecutionCount: 1}, "data execution_count metadata"},
		{"inspect", InspectReplyContent{Status: StatusOK}, "data found metadata status"},
		{"complete", CompleteReplyContent{Status: StatusOK}, "cursor_end cursor_start matches metadata status"},
		{"is_complete complete", IsCompleteReplyContent{Status: CodeComplete, Indent: "  "}, "status"},
		{"is_complete incomplete", IsCompleteReplyContent{Status: CodeIncomplete}, "indent status"},
		{"history", HistoryReplyContent{Status: StatusOK}, "history status"},
		{"comm info", CommInfoReplyContent{Status: StatusOK}, "comms status"},
		{"comm open", CommOpenContent{CommID: "c", TargetName: "t"}, "comm_id data target_name"},
		{"comm msg", CommMsgContent{CommID: "c"}, "comm_id data"},
		{"comm close", CommCloseContent{CommID: "c"}, "comm_id data"},
		{"kernel info", GoKernelInfo("1.0", "hi"), "banner debugger implementation implementation_version language_info protocol_version status"},
		{"shutdown", ShutdownReplyContent{Status: StatusOK, Restart: true}, "restart status"},
		{"input request", InputRequestContent{Prompt: "?"}, "password prompt"},
		{"welcome", IOPubWelcomeContent{}, "subscription"},
	}
	for _, c := range cases {
		m := marshal(t, c.v)
		if got := strings.Join(keys(m), " "); got != c.keys {
			t.Errorf("%s: keys %q, want %q", c.name, got, c.keys)
		}
		for k, v := range m {
			if v == nil {
				t.Errorf("%s: %s is null", c.name, k)
			}
		}
	}
}

func TestExecuteRequestDefaults(t *testing.T) {
	var c ExecuteRequestContent
	if err := json.Unmarshal([]byte(`{"code":"x"}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.Code != "x" || !c.StoreHistory || !c.StopOnError || c.AllowStdin || c.Silent {
		t.Fatalf("defaults %+v", c)
	}
	_ = json.Unmarshal([]byte(`{"code":"y","silent":true}`), &c)
	if c.StoreHistory || !c.Silent {
		t.Fatalf("silent %+v", c)
	}
	_ = json.Unmarshal([]byte(`{"silent":true,"store_history":true,"allow_stdin":true,"stop_on_error":false}`), &c)
	if !c.StoreHistory || !c.AllowStdin || c.StopOnError {
		t.Fatalf("explicit %+v", c)
	}
}

func TestHistoryEntry(t *testing.T) {
	out := "2"
	b, _ := json.Marshal(HistoryReplyContent{Status: StatusOK, History: []HistoryEntry{{1, 2, "1+1", nil}, {1, 3, "a", &out}}})
	if string(b) != `{"status":"ok","history":[[1,2,"1+1"],[1,3,["a","2"]]]}` {
		t.Fatalf("%s", b)
	}
	var back HistoryReplyContent
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.History[0].Input != "1+1" || back.History[1].Output == nil || *back.History[1].Output != "2" {
		t.Fatalf("%+v", back)
	}
}

func TestGoLanguageInfo(t *testing.T) {
	li := GoLanguageInfo()
	if li.Name != "go" || li.Mimetype != "text/x-go" || li.FileExtension != ".go" || li.PygmentsLexer != "go" || li.CodemirrorMode != "go" {
		t.Fatalf("%+v", li)
	}
	if li.Version == "" || strings.HasPrefix(li.Version, "go") || !strings.Contains(runtime.Version(), li.Version) {
		t.Fatalf("version %q", li.Version)
	}
}

func BenchmarkNewMessage(b *testing.B) {
	parent := Header{MsgID: NewID(), Session: "s", MsgType: ExecuteRequest}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewMessage(Stream, "s", &parent, StreamContent{Name: "stdout", Text: "hello\n"}); err != nil {
			b.Fatal(err)
		}
	}
}
