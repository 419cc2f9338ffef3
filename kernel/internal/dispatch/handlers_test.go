package dispatch

import (
	"encoding/json"
	"reflect"
	"testing"

	"golessons/kernel/internal/protocol"
)

func TestExecuteOrder(t *testing.T) {
	tests := []struct {
		name    string
		content map[string]any
		want    []string
	}{
		{"output", map[string]any{"code": "print"},
			[]string{"iopub:status:busy", "iopub:execute_input", "iopub:stream", "shell:execute_reply", "iopub:status:idle"}},
		{"value", map[string]any{"code": "value"},
			[]string{"iopub:status:busy", "iopub:execute_input", "iopub:execute_result", "shell:execute_reply", "iopub:status:idle"}},
		{"error", map[string]any{"code": "fail"},
			[]string{"iopub:status:busy", "iopub:execute_input", "iopub:stream", "iopub:error", "shell:execute_reply", "iopub:status:idle"}},
		{"silent hides input and output", map[string]any{"code": "value", "silent": true},
			[]string{"iopub:status:busy", "shell:execute_reply", "iopub:status:idle"}},
		{"stdin not allowed gives EOF", map[string]any{"code": "input", "allow_stdin": false},
			[]string{"iopub:status:busy", "iopub:execute_input", "iopub:stream", "shell:execute_reply", "iopub:status:idle"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, rec, _ := start(t)
			req := request(t, protocol.ExecuteRequest, tc.content)
			d.Handle(Shell, req)
			got := describe(rec.waitFor(t, req.Header.MsgID, untilIdle))
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("sequence = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestExecutionCount(t *testing.T) {
	d, rec, eng := start(t)
	var counts []int
	for _, c := range []map[string]any{
		{"code": "print"}, {"code": "print", "silent": true}, {"code": "print", "store_history": false}, {"code": "value"},
	} {
		req := request(t, protocol.ExecuteRequest, c)
		d.Handle(Shell, req)
		for _, s := range rec.waitFor(t, req.Header.MsgID, untilIdle) {
			if s.msg.Header.MsgType == protocol.ExecuteReply {
				var r struct {
					Count int `json:"execution_count"`
				}
				if err := json.Unmarshal(s.msg.Content, &r); err != nil {
					t.Fatal(err)
				}
				counts = append(counts, r.Count)
			}
		}
	}
	if want := []int{1, 1, 1, 2}; !reflect.DeepEqual(counts, want) {
		t.Fatalf("execution counts = %v, want %v", counts, want)
	}
	// The engine is told the counts of the cells the frontend numbers.
	eng.mu.Lock()
	defer eng.mu.Unlock()
	if want := []int{1, 0, 0, 2}; !reflect.DeepEqual(eng.numbers, want) {
		t.Fatalf("numbers given to the engine = %v, want %v", eng.numbers, want)
	}
}

func TestErrorAbortsQueuedCells(t *testing.T) {
	d, rec, _ := start(t)
	block := request(t, protocol.ExecuteRequest, map[string]any{"code": "fail"})
	queued := request(t, protocol.ExecuteRequest, map[string]any{"code": "print"})
	d.Handle(Shell, block)
	d.Handle(Shell, queued)
	var status string
	for _, s := range rec.waitFor(t, queued.Header.MsgID, untilIdle) {
		if s.msg.Header.MsgType == protocol.ExecuteReply {
			var r struct {
				Status string `json:"status"`
			}
			_ = json.Unmarshal(s.msg.Content, &r)
			status = r.Status
		}
	}
	// The queued cell may already have started if the first finished before
	// it was queued; both orders must end in a reply, and the usual one is aborted.
	if status != "aborted" && status != "ok" {
		t.Fatalf("queued cell status = %q", status)
	}
}

func TestEveryRequestGetsAReply(t *testing.T) {
	tests := []struct {
		typ     protocol.MsgType
		origin  Origin
		content map[string]any
		reply   protocol.MsgType
	}{
		{protocol.KernelInfoRequest, Shell, nil, protocol.KernelInfoReply},
		{protocol.KernelInfoRequest, Control, nil, protocol.KernelInfoReply},
		{protocol.CompleteRequest, Shell, map[string]any{"code": "strings.ToU", "cursor_pos": 11}, protocol.CompleteReply},
		{protocol.InspectRequest, Shell, map[string]any{"code": "fmt.Println", "cursor_pos": 11}, protocol.InspectReply},
		{protocol.IsCompleteRequest, Shell, map[string]any{"code": "func f() {"}, protocol.IsCompleteReply},
		{protocol.HistoryRequest, Shell, map[string]any{"hist_access_type": "tail", "n": 10}, protocol.HistoryReply},
		{protocol.CommInfoRequest, Shell, map[string]any{}, protocol.CommInfoReply},
		{protocol.InterruptRequest, Control, nil, protocol.InterruptReply},
		{protocol.ShutdownRequest, Control, map[string]any{"restart": true}, protocol.ShutdownReply},
		{protocol.DebugRequest, Control, map[string]any{}, protocol.DebugReply},
		{"frobnicate_request", Shell, nil, "frobnicate_reply"},
	}
	for _, tc := range tests {
		t.Run(string(tc.typ), func(t *testing.T) {
			d, rec, _ := start(t)
			req := request(t, tc.typ, tc.content)
			d.Handle(tc.origin, req)
			var got []protocol.MsgType
			for _, s := range rec.waitFor(t, req.Header.MsgID, untilIdle) {
				if s.where == "shell" || s.where == "control" {
					got = append(got, s.msg.Header.MsgType)
					if string(s.msg.Identities[0]) != "client" {
						t.Errorf("reply identities = %q", s.msg.Identities)
					}
				}
			}
			if len(got) != 1 || got[0] != tc.reply {
				t.Fatalf("replies = %v, want one %s", got, tc.reply)
			}
		})
	}
}

func TestInputRoundTrip(t *testing.T) {
	d, rec, _ := start(t)
	req := request(t, protocol.ExecuteRequest, map[string]any{"code": "input", "allow_stdin": true})
	d.Handle(Shell, req)
	asked := rec.waitFor(t, req.Header.MsgID, func(ms []sent) bool {
		for _, s := range ms {
			if s.where == "stdin" {
				return true
			}
		}
		return false
	})
	var ask *protocol.Message
	for _, s := range asked {
		if s.where == "stdin" {
			ask = s.msg
		}
	}
	answer, err := protocol.NewMessage(protocol.InputReply, "client-session", &ask.Header, map[string]any{"value": "Ada"})
	if err != nil {
		t.Fatal(err)
	}
	d.Handle(Stdin, answer)
	for _, s := range rec.waitFor(t, req.Header.MsgID, untilIdle) {
		if s.msg.Header.MsgType == protocol.ExecuteResult {
			var r struct {
				Data map[string]string `json:"data"`
			}
			_ = json.Unmarshal(s.msg.Content, &r)
			if r.Data["text/plain"] != `"Ada"` {
				t.Fatalf("result = %v", r.Data)
			}
			return
		}
	}
	t.Fatal("no execute_result after input_reply")
}
