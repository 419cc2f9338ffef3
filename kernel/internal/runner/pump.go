package runner

import (
	"strings"
	"sync"

	"golessons/kernel/internal/capture"
	"golessons/kernel/internal/link"
)

// tailSize is how much of the runner's stderr is kept to explain a crash:
// enough for a panic message and the first lines after it.
const tailSize = 16 << 10

// pump moves one runner's output and events, in order, to the current
// Output and to Execute. An event is handled only once capture has
// delivered everything the runner wrote before it (its sync marker).
type pump struct {
	out *outputSwitch
	ctl chan<- link.Event

	mu   sync.Mutex // guards the tails, read by Execute after a crash
	tail []byte     // the last tailSize bytes of stderr
	// fatal is the last "fatal error: ..." line of stderr: the Go
	// runtime's stack overflow report starts with it, then dumps more
	// goroutines than the tail keeps.
	fatal   string
	outTail []byte // the last outTailSize bytes of stdout
	// dump holds stderr from the runtime's crash report on ("fatal
	// error: ...", "panic: ...", "runtime: ..." lines before them): the
	// goroutines it lists are the interpreter's, not the cell's, and
	// the cell's error says what happened. Text that only looked like
	// one is published at the runner's next event (the cell's result at
	// the latest).
	dump   strings.Builder
	dumped bool // dump is open
}

// crashStarts are the lines the Go runtime starts a crash report with.
var crashStarts = []string{"fatal error: ", "panic: ", "runtime: "}

// crashStart is the index in text of the first line starting a crash
// report, or -1.
func crashStart(text string) int {
	first := -1
	for _, c := range crashStarts {
		for i := 0; i < len(text); {
			j := strings.Index(text[i:], c)
			if j < 0 {
				break
			}
			if k := i + j; k == 0 || text[k-1] == '\n' {
				if first < 0 || k < first {
					first = k
				}
				break
			}
			i += j + 1
		}
	}
	return first
}

// outTailSize is how much of stdout is kept: enough for the runner's own
// last words when its stderr was closed (link.RunnerErrorPrefix).
const outTailSize = 1 << 10

// run serves until both chunks and events are closed.
func (p *pump) run(chunks <-chan capture.Chunk, events <-chan link.Event) {
	var (
		waiting *link.Event // event whose marker capture has not reached
		reached uint64      // marker reached by capture, event not seen yet
		held    string      // stdout text just before marker reached
	)
	for chunks != nil || events != nil {
		// Read only the side that can make progress, so text after a
		// marker is never published before the event of that marker.
		cin, ein := chunks, events
		if waiting != nil {
			ein = nil
		}
		if reached > 0 {
			cin = nil
		}
		select {
		case ch, ok := <-cin:
			switch {
			case !ok:
				chunks = nil
				if waiting != nil {
					p.deliver(*waiting, "")
					waiting = nil
				}
			case ch.Sync == 0:
				p.stream(ch.Stream, ch.Text)
			case waiting != nil && ch.Sync >= waiting.Sync:
				p.deliver(*waiting, ch.Text)
				waiting = nil
			case waiting != nil:
				p.stream(ch.Stream, ch.Text) // an older marker: its event came already
			default:
				reached, held = ch.Sync, ch.Text
			}
		case ev, ok := <-ein:
			switch {
			case !ok:
				events = nil
				if reached > 0 {
					p.stream(capture.Stdout, held)
					reached, held = 0, ""
				}
			case ev.Sync == 0 || chunks == nil:
				p.deliver(ev, "")
			case reached >= ev.Sync:
				p.deliver(ev, held)
				reached, held = 0, ""
			default:
				if reached > 0 {
					// The event of marker reached never came (the runner
					// could not send it): its text is just text.
					p.stream(capture.Stdout, held)
					reached, held = 0, ""
				}
				waiting = &ev
			}
		}
	}
}

// deliver handles ev after its output. before is the stdout text written
// just before ev's marker and not yet published: for an input request its
// unfinished last line is the prompt, as Python's input() shows it.
func (p *pump) deliver(ev link.Event, before string) {
	p.mu.Lock()
	release := ""
	if p.dumped {
		release = p.releaseDump()
	}
	p.mu.Unlock()
	if release != "" {
		p.out.stream(string(capture.Stderr), release)
	}
	if ev.Kind == link.KindInputRequest && ev.Prompt == "" {
		i := strings.LastIndexByte(before, '\n') + 1
		before, ev.Prompt = before[:i], before[i:]
	}
	p.stream(capture.Stdout, before)
	switch ev.Kind {
	case link.KindDisplay:
		if ev.Display != nil {
			p.out.display(*ev.Display)
		}
	case link.KindCommOpen, link.KindCommMsg, link.KindCommClose:
		if ev.Comm != nil {
			p.out.comm(ev.Kind, *ev.Comm)
		}
	case link.KindDebugReply, link.KindDebugEvent:
		p.out.debug.deliver(ev)
	case link.KindReady, link.KindResult, link.KindInputRequest, link.KindRestored:
		select {
		case p.ctl <- ev:
		default:
			// Only a runner that sends events nobody asked for fills ctl;
			// dropping them keeps its output flowing.
		}
	}
}

// stream publishes text and keeps the tail of stderr; a crash report is
// held (see pump.dump).
func (p *pump) stream(s capture.Stream, text string) {
	if text == "" {
		return
	}
	p.mu.Lock()
	var held string
	if s == capture.Stderr {
		p.tail = keepTail(p.tail, text, tailSize)
		if i := strings.Index(text, "fatal error: "); i >= 0 && (i == 0 || text[i-1] == '\n') {
			p.fatal, _, _ = strings.Cut(text[i:], "\n")
		}
		if !p.dumped {
			if i := crashStart(text); i >= 0 {
				p.dumped = true
				text, held = text[:i], text[i:]
			}
		} else {
			text, held = "", text
		}
		if held != "" && p.dump.Len() < tailSize {
			p.dump.WriteString(held)
		}
	} else {
		p.outTail = keepTail(p.outTail, text, outTailSize)
	}
	// Stdout text does not release a held report: the two pipes are
	// read apart, so text the cell printed just before a crash often
	// arrives after the runtime's report (a double Unlock showed the
	// report, then the cell's line). The next event releases it.
	p.mu.Unlock()
	if text != "" {
		p.out.stream(string(s), text)
	}
}

// releaseDump closes the dump and returns its text: the runner went on,
// so it was the cell's own. Called with p.mu held.
func (p *pump) releaseDump() string {
	t := p.dump.String()
	p.dump.Reset()
	p.dumped = false
	return t
}

// keepTail appends text to tail and keeps its last size bytes.
func keepTail(tail []byte, text string, size int) []byte {
	if len(text) >= size {
		return append(tail[:0], text[len(text)-size:]...)
	}
	tail = append(tail, text...)
	if over := len(tail) - size; over > 0 {
		tail = append(tail[:0], tail[over:]...)
	}
	return tail
}

// runnerError returns the reason the runner gave for stopping, or "".
func (p *pump) runnerError() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, t := range [][]byte{p.tail, p.outTail} {
		if i := strings.LastIndex(string(t), link.RunnerErrorPrefix); i >= 0 {
			line, _, _ := strings.Cut(string(t[i+len(link.RunnerErrorPrefix):]), "\n")
			return line
		}
	}
	return ""
}

// stderrTail returns the last bytes the runner wrote to stderr, and its
// last "fatal error:" line (which may be before them).
func (p *pump) stderrTail() (string, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return string(p.tail), p.fatal
}
