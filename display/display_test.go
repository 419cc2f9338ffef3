package display

import (
	"encoding/base64"
	"image"
	"image/color"
	"reflect"
	"sync"
	"testing"
)

type page struct{ title string }

func (p page) HTML() string { return "<h1>" + p.title + "</h1>" }

type chart struct{ n int }

func (c *chart) SVG() string { return "<svg/>" }

type doc struct{}

func (doc) Markdown() string { return "# hi" }
func (doc) Latex() string    { return "$x$" }
func (doc) JSON() any        { return map[string]any{"a": 1} }
func (doc) String() string   { return "doc" }

type raw struct{}

func (raw) PNG() []byte  { return []byte{1, 2} }
func (raw) JPEG() []byte { return []byte{3} }

func TestBundle(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want map[string]any
	}{
		{"string is quoted", "a\tb", map[string]any{MIMEText: `"a\tb"`}},
		{"empty string", "", map[string]any{MIMEText: `""`}},
		{"int", 42, map[string]any{MIMEText: "42"}},
		{"nil", nil, map[string]any{MIMEText: "<nil>"}},
		{"slice", []int{1, 2}, map[string]any{MIMEText: "[1 2]"}},
		{"html", page{"x"}, map[string]any{MIMEText: "{x}", MIMEHTML: "<h1>x</h1>"}},
		{"pointer receiver on value", chart{3}, map[string]any{MIMEText: "{3}", MIMESVG: "<svg/>"}},
		{"pointer", &chart{3}, map[string]any{MIMEText: "&{3}", MIMESVG: "<svg/>"}},
		{"markdown latex json stringer", doc{}, map[string]any{
			MIMEText: "doc", MIMEMarkdown: "# hi", MIMELatex: "$x$",
			MIMEJSON: map[string]any{"a": 1},
		}},
		{"png and jpeg base64", raw{}, map[string]any{MIMEText: "{}", MIMEPNG: "AQI=", MIMEJPEG: "Aw=="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Bundle(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Bundle(%#v) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestBundleImage(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 2, 1))
	img.Set(1, 0, color.White)
	got := Bundle(img)
	s, ok := got[MIMEPNG].(string)
	if !ok {
		t.Fatalf("no %s in %v", MIMEPNG, got)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("decode base64: %v", err)
	}
	if string(b[1:4]) != "PNG" {
		t.Errorf("image bytes start %q, want a PNG signature", b[:8])
	}
	if got[MIMEText] != "<*image.Gray 2×1>" {
		t.Errorf("image text/plain = %q, want %q", got[MIMEText], "<*image.Gray 2×1>")
	}
}

// record installs a publisher that collects messages, removed at cleanup.
func record(t *testing.T) func() []Message {
	t.Helper()
	var mu sync.Mutex
	var got []Message
	SetPublisher(func(m Message) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, m)
	})
	t.Cleanup(func() { SetPublisher(nil) })
	return func() []Message {
		mu.Lock()
		defer mu.Unlock()
		return append([]Message(nil), got...)
	}
}

func TestFunctions(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want Message
	}{
		{"HTML", func() { HTML("<b>x</b>") }, Message{Kind: KindDisplay, Data: map[string]any{MIMEHTML: "<b>x</b>", MIMEText: "<b>x</b>"}}},
		{"Markdown", func() { Markdown("*x*") }, Message{Kind: KindDisplay, Data: map[string]any{MIMEMarkdown: "*x*", MIMEText: "*x*"}}},
		{"SVG", func() { SVG("<svg></svg>") }, Message{Kind: KindDisplay, Data: map[string]any{MIMESVG: "<svg></svg>", MIMEText: "<SVG image, 11 bytes>"}}},
		{"PNG", func() { PNG([]byte{1, 2}) }, Message{Kind: KindDisplay, Data: map[string]any{MIMEPNG: "AQI=", MIMEText: "<PNG image, 2 bytes>"}}},
		{"JPEG", func() { JPEG([]byte{3}) }, Message{Kind: KindDisplay, Data: map[string]any{MIMEJPEG: "Aw==", MIMEText: "<JPEG image, 1 bytes>"}}},
		{"JSON", func() { JSON([]int{1}) }, Message{Kind: KindDisplay, Data: map[string]any{MIMEJSON: []int{1}, MIMEText: "[1]"}}},
		{"Latex", func() { Latex("$x$") }, Message{Kind: KindDisplay, Data: map[string]any{MIMELatex: "$x$", MIMEText: "$x$"}}},
		{"Text", func() { Text("hi") }, Message{Kind: KindDisplay, Data: map[string]any{MIMEText: "hi"}}},
		{"Any", func() { Any("hi") }, Message{Kind: KindDisplay, Data: map[string]any{MIMEText: `"hi"`}}},
		{"Clear", func() { Clear(true) }, Message{Kind: KindClear, Wait: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := record(t)
			tt.call()
			if msgs := got(); len(msgs) != 1 || !reflect.DeepEqual(msgs[0], tt.want) {
				t.Errorf("published %#v, want [%#v]", msgs, tt.want)
			}
		})
	}
}

func TestOutputShowsThenUpdates(t *testing.T) {
	got := record(t)
	out := New()
	if New().ID() == out.ID() || len(out.ID()) != 32 {
		t.Fatalf("display ids not fresh 32-hex strings: %q", out.ID())
	}
	out.Text("1")
	out.HTML("<i>2</i>")
	out.Clear(false)
	out.Markdown("3")
	id := out.ID()
	want := []Message{
		{Kind: KindDisplay, ID: id, Data: map[string]any{MIMEText: "1"}},
		{Kind: KindUpdate, ID: id, Data: map[string]any{MIMEHTML: "<i>2</i>", MIMEText: "<i>2</i>"}},
		{Kind: KindClear},
		{Kind: KindDisplay, ID: id, Data: map[string]any{MIMEMarkdown: "3", MIMEText: "3"}},
	}
	if msgs := got(); !reflect.DeepEqual(msgs, want) {
		t.Errorf("published\n%#v\nwant\n%#v", msgs, want)
	}
}

func TestOutputConcurrentFirstShowOnce(t *testing.T) {
	got := record(t)
	out := New()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { out.Text("x") })
	}
	wg.Wait()
	displays := 0
	for _, m := range got() {
		if m.Kind == KindDisplay {
			displays++
		}
	}
	if displays != 1 {
		t.Errorf("got %d display messages from 8 concurrent calls, want 1", displays)
	}
}
