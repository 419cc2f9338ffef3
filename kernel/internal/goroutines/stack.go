// Package goroutines reads the runtime's text dump of all goroutines
// (runtime.Stack with all=true) into structured records and says what an
// interpreted goroutine is waiting on.
//
// The runner uses it to find cells that can never finish (every goroutine
// the cells started is blocked on something only another of them could
// release) and to describe goroutines a cell leaves running. It works on
// text, not on the runtime's internals, so it is a pure function of the
// dump and tested on recorded dumps. The dump carries goroutine labels
// when the process runs with GODEBUG=tracebacklabels=1, which is how the
// runner marks the goroutines that cells started.
package goroutines

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
)

// Goroutine is one goroutine of a dump.
type Goroutine struct {
	ID int64
	// State is the runtime's wait reason or status: "running", "select",
	// "chan receive", "sleep", "sync.WaitGroup.Wait", "IO wait", ...
	State  string
	Labels map[string]string
	// Frames are the calls on the stack, innermost first.
	Frames []Frame
	// CreatedBy is the function whose go statement started it, and
	// Creator the goroutine that ran it (0 when the dump does not say).
	CreatedBy string
	Creator   int64
}

// Frame is one call of a stack.
type Frame struct {
	Func string // e.g. "sync.(*WaitGroup).Wait", arguments stripped
	File string
	Line int
}

// Dump returns the text of runtime.Stack for all goroutines. It stops the
// world for as long as the dump takes: call it rarely.
func Dump() []byte {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// Parse reads a dump. Malformed parts are skipped, never guessed.
func Parse(dump []byte) []Goroutine {
	var out []Goroutine
	var g *Goroutine
	for _, line := range strings.Split(string(dump), "\n") {
		switch {
		case strings.HasPrefix(line, "goroutine "):
			if g != nil {
				out = append(out, *g)
			}
			g = parseHeader(line)
		case g == nil, line == "":
		case strings.HasPrefix(line, "\t"):
			if n := len(g.Frames); n > 0 && g.Frames[n-1].File == "" {
				g.Frames[n-1].File, g.Frames[n-1].Line = fileLine(strings.TrimSpace(line))
			}
		case strings.HasPrefix(line, "created by "):
			by := strings.TrimPrefix(line, "created by ")
			if i := strings.Index(by, " in goroutine "); i >= 0 {
				g.Creator, _ = strconv.ParseInt(by[i+len(" in goroutine "):], 10, 64)
				by = by[:i]
			}
			g.CreatedBy = by
		case strings.HasPrefix(line, "..."):
		default:
			g.Frames = append(g.Frames, Frame{Func: funcName(line)})
		}
	}
	if g != nil {
		out = append(out, *g)
	}
	return out
}

// parseHeader reads `goroutine 7 [chan send, 2 minutes labels:{"k": "v"}]:`.
func parseHeader(line string) *Goroutine {
	rest := strings.TrimPrefix(line, "goroutine ")
	sp := strings.IndexByte(rest, ' ')
	if sp < 0 {
		return nil
	}
	id, err := strconv.ParseInt(rest[:sp], 10, 64)
	if err != nil {
		return nil
	}
	inner := strings.TrimSuffix(strings.TrimSpace(rest[sp:]), ":")
	inner = strings.TrimSuffix(strings.TrimPrefix(inner, "["), "]")
	g := &Goroutine{ID: id}
	if i := strings.Index(inner, " labels:{"); i >= 0 {
		g.Labels = parseLabels(strings.TrimSuffix(inner[i+len(" labels:{"):], "}"))
		inner = inner[:i]
	}
	if i := strings.IndexByte(inner, ','); i >= 0 {
		inner = inner[:i]
	}
	g.State = inner
	return g
}

// parseLabels reads `"k": "v", "k2": "v2"` (Go-quoted strings).
func parseLabels(s string) map[string]string {
	m := map[string]string{}
	for s != "" {
		k, rest, ok := quoted(s)
		if !ok || !strings.HasPrefix(rest, ": ") {
			return m
		}
		v, rest2, ok := quoted(rest[2:])
		if !ok {
			return m
		}
		m[k] = v
		s = strings.TrimPrefix(rest2, ", ")
	}
	return m
}

// quoted unquotes the Go string literal at the start of s.
func quoted(s string) (val, rest string, ok bool) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, false
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err == nil
}

// funcName strips the argument list of a frame line; parentheses inside
// the name (methods: "sync.(*Mutex).Lock") are kept.
func funcName(line string) string {
	if i := strings.LastIndexByte(line, '('); i > 0 && strings.HasSuffix(line, ")") {
		return line[:i]
	}
	return line
}

// fileLine reads "/path/file.go:123 +0x1f".
func fileLine(s string) (string, int) {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0
	}
	n, _ := strconv.Atoi(s[i+1:])
	return s[:i], n
}

// ID returns the calling goroutine's id, read from its own stack header.
func ID() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		id, _ := strconv.ParseInt(string(b[:i]), 10, 64)
		return id
	}
	return 0
}
