package debugger

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"time"

	"golessons/kernel/internal/eval"
	"golessons/kernel/internal/symtab"
)

// Engine is what the adapter drives; *eval.Evaluator implements it.
type Engine interface {
	DebugAttach(cfg eval.DebugConfig) error
	DebugDetach()
	DebugBreakpoints(file string, lines []int) ([]bool, error)
	DebugThreads() []eval.DebugThread
	DebugFrames(thread int) ([]eval.DebugFrame, error)
	DebugResume(thread int, how string) error
	DebugPause(thread int) error
	DebugGlobals() []eval.DebugVar
	DebugTypeName(t reflect.Type) string
	DebugFieldNames(t reflect.Type) []string
	DebugRich(ctx context.Context, name string) (map[string]any, error)
	DebugRichValue(v reflect.Value, wait time.Duration) (map[string]any, string)
	Symbols() []symtab.Symbol
}

// HashSeed is debugInfo's hashSeed (ipykernel's, so cell files look alike).
const HashSeed = 0xc70f6907

// fileSuffix ends every cell file: a folder per cell holding a file named
// "cell", because the evaluator's files must all have that base name (see
// eval.DebugConfig.FileOf).
const fileSuffix = "/cell"

// Request is a DAP request as JupyterLab sends it.
type Request struct {
	Seq       int             `json:"seq"`
	Type      string          `json:"type"`
	Command   string          `json:"command"`
	Arguments json.RawMessage `json:"arguments,omitempty"`
}

// Response is a DAP response.
type Response struct {
	Seq        int    `json:"seq"`
	Type       string `json:"type"`
	RequestSeq int    `json:"request_seq"`
	Success    bool   `json:"success"`
	Command    string `json:"command"`
	Message    string `json:"message,omitempty"`
	Body       any    `json:"body"`
}

// Event is a DAP event.
type Event struct {
	Seq   int    `json:"seq"`
	Type  string `json:"type"`
	Event string `json:"event"`
	Body  any    `json:"body"`
}

// Adapter answers DAP requests for one runner. Handle may be called from
// any goroutine; the engine's notes arrive on the cells' goroutines.
type Adapter struct {
	eng  Engine
	emit func(json.RawMessage)
	dir  string // tmpFilePrefix's folder

	mu       sync.Mutex
	seq      int
	attached bool
	// oneThread is set for clients that show a single thread's stack
	// (JupyterLab: its Callstack follows the last "stopped" event).
	oneThread bool
	sources   map[string]string       // file → cell code
	bps       map[string][]breakpoint // file → breakpoints as set
	stopped   map[int]bool            // thread ids
	frames    map[int]frameRef        // frame id → where
	handles   map[int]varRef          // variablesReference → what
	nextRef   int
}

type breakpoint struct {
	Line int `json:"line"`
}

// frameRef names frame Index of Thread's stack.
type frameRef struct{ Thread, Index int }

// New returns an adapter over eng; emit sends a DAP event (it must not
// block for long: it is called on cell goroutines).
func New(eng Engine, emit func(json.RawMessage)) *Adapter {
	return &Adapter{
		eng: eng, emit: emit,
		dir:     filepath.Join(os.TempDir(), fmt.Sprintf("golessons_%d", os.Getpid())),
		sources: map[string]string{}, bps: map[string][]breakpoint{},
		stopped: map[int]bool{}, frames: map[int]frameRef{}, handles: map[int]varRef{},
	}
}

// FileOf is the file a cell's code is shown under.
func (a *Adapter) FileOf(code string) string {
	f := a.dir + string(filepath.Separator) + strconv.FormatUint(uint64(Murmur2(code, HashSeed)), 10) + fileSuffix
	a.mu.Lock()
	a.sources[f] = code
	a.mu.Unlock()
	return f
}

type handler func(a *Adapter, args json.RawMessage) (any, error)

var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"initialize":           (*Adapter).initialize,
		"attach":               (*Adapter).attach,
		"configurationDone":    func(*Adapter, json.RawMessage) (any, error) { return struct{}{}, nil },
		"disconnect":           (*Adapter).disconnect,
		"debugInfo":            (*Adapter).debugInfo,
		"dumpCell":             (*Adapter).dumpCell,
		"setBreakpoints":       (*Adapter).setBreakpoints,
		"source":               (*Adapter).source,
		"threads":              (*Adapter).threads,
		"stackTrace":           (*Adapter).stackTrace,
		"scopes":               (*Adapter).scopes,
		"variables":            (*Adapter).variables,
		"continue":             resumeWith(eval.StepContinue),
		"next":                 resumeWith(eval.StepOver),
		"stepIn":               resumeWith(eval.StepIn),
		"stepOut":              resumeWith(eval.StepOut),
		"pause":                (*Adapter).pause,
		"evaluate":             (*Adapter).evaluate,
		"inspectVariables":     (*Adapter).inspectVariables,
		"richInspectVariables": (*Adapter).richInspectVariables,
	}
}

// Handle answers one DAP request (raw JSON) with its DAP response.
func (a *Adapter) Handle(raw json.RawMessage) json.RawMessage {
	var req Request
	if err := json.Unmarshal(raw, &req); err != nil || req.Command == "" {
		return a.response(req, nil, fmt.Errorf("not a DAP request: %s", shortJSON(raw)))
	}
	h, ok := handlers[req.Command]
	if !ok {
		return a.response(req, nil, fmt.Errorf("the Go kernel's debugger does not support the %q request", req.Command))
	}
	body, err := h(a, req.Arguments)
	return a.response(req, body, err)
}

func (a *Adapter) response(req Request, body any, err error) json.RawMessage {
	a.mu.Lock()
	a.seq++
	r := Response{Seq: a.seq, Type: "response", RequestSeq: req.Seq, Success: err == nil, Command: req.Command, Body: body}
	a.mu.Unlock()
	if err != nil {
		r.Message, r.Body = err.Error(), map[string]any{"error": map[string]any{"id": 1, "format": err.Error()}}
	} else if r.Body == nil {
		r.Body = struct{}{}
	}
	out, merr := json.Marshal(r)
	if merr != nil {
		out, _ = json.Marshal(Response{Seq: r.Seq, Type: "response", RequestSeq: req.Seq, Command: req.Command, Message: "cannot encode the answer: " + merr.Error(), Body: struct{}{}})
	}
	return out
}

// event sends a DAP event.
func (a *Adapter) event(name string, body any) {
	a.mu.Lock()
	a.seq++
	ev := Event{Seq: a.seq, Type: "event", Event: name, Body: body}
	a.mu.Unlock()
	if out, err := json.Marshal(ev); err == nil {
		a.emit(out)
	}
}

func shortJSON(raw []byte) string {
	if len(raw) > 80 {
		return string(raw[:80]) + "…"
	}
	return string(raw)
}

func decode(args json.RawMessage, v any) error {
	if len(args) == 0 {
		return nil
	}
	if err := json.Unmarshal(args, v); err != nil {
		return fmt.Errorf("bad arguments: %v", err)
	}
	return nil
}

func (a *Adapter) initialize(args json.RawMessage) (any, error) {
	var in struct {
		ClientID string `json:"clientID"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	a.mu.Lock()
	a.oneThread = in.ClientID == "jupyterlab"
	a.mu.Unlock()
	return map[string]any{
		"supportsConfigurationDoneRequest": true,
		"supportsEvaluateForHovers":        true,
		"supportsDelayedStackTraceLoading": false,
		"supportsTerminateRequest":         false,
		"exceptionBreakpointFilters":       []any{},
	}, nil
}

func (a *Adapter) attach(json.RawMessage) (any, error) {
	if err := a.eng.DebugAttach(eval.DebugConfig{FileOf: a.FileOf, Notify: a.note}); err != nil {
		return nil, err
	}
	a.mu.Lock()
	a.attached = true
	a.mu.Unlock()
	a.event("initialized", struct{}{})
	return struct{}{}, nil
}

func (a *Adapter) disconnect(json.RawMessage) (any, error) {
	a.mu.Lock()
	was := a.attached
	a.attached = false
	a.bps = map[string][]breakpoint{}
	a.resetHandlesLocked()
	a.mu.Unlock()
	if was {
		a.eng.DebugDetach() // resumes stopped goroutines, with "continued" notes
	}
	return struct{}{}, nil
}

func (a *Adapter) debugInfo(json.RawMessage) (any, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	bps := []any{}
	for file, list := range a.bps {
		bps = append(bps, map[string]any{"source": file, "breakpoints": list})
	}
	stopped := []int{}
	for id := range a.stopped {
		stopped = append(stopped, id)
	}
	sort.Ints(stopped)
	return map[string]any{
		"isStarted":      a.attached,
		"hashMethod":     "Murmur2",
		"hashSeed":       HashSeed,
		"tmpFilePrefix":  a.dir + string(filepath.Separator),
		"tmpFileSuffix":  fileSuffix,
		"breakpoints":    bps,
		"stoppedThreads": stopped,
		"richRendering":  true,
		"exceptionPaths": []string{},
	}, nil
}

func (a *Adapter) dumpCell(args json.RawMessage) (any, error) {
	var in struct {
		Code *string `json:"code"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	if in.Code == nil {
		return nil, fmt.Errorf("dumpCell needs the cell's code")
	}
	file := a.FileOf(*in.Code)
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return nil, err
	}
	if err := os.WriteFile(file, []byte(*in.Code), 0o600); err != nil {
		return nil, err
	}
	return map[string]any{"sourcePath": file}, nil
}

func (a *Adapter) setBreakpoints(args json.RawMessage) (any, error) {
	var in struct {
		Source struct {
			Path string `json:"path"`
		} `json:"source"`
		Breakpoints []breakpoint `json:"breakpoints"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	if in.Source.Path == "" {
		return nil, fmt.Errorf("setBreakpoints needs source.path")
	}
	lines := make([]int, len(in.Breakpoints))
	for i, b := range in.Breakpoints {
		lines[i] = b.Line
	}
	valid, err := a.eng.DebugBreakpoints(in.Source.Path, lines)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	if len(in.Breakpoints) == 0 {
		delete(a.bps, in.Source.Path)
	} else {
		a.bps[in.Source.Path] = in.Breakpoints
	}
	a.mu.Unlock()
	out := []any{}
	for i, l := range lines {
		bp := map[string]any{"verified": true, "line": l, "source": map[string]any{"path": in.Source.Path}}
		if !valid[i] {
			// Not yet compiled (the cell runs next) or no statement there:
			// yaegi only knows once the cell's code is compiled.
			bp["message"] = "set when the cell runs; a line without a statement never stops"
		}
		out = append(out, bp)
	}
	return map[string]any{"breakpoints": out}, nil
}

func (a *Adapter) source(args json.RawMessage) (any, error) {
	var in struct {
		Source struct {
			Path string `json:"path"`
		} `json:"source"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	a.mu.Lock()
	code, ok := a.sources[in.Source.Path]
	a.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("no cell source for %q", in.Source.Path)
	}
	return map[string]any{"content": code, "mimeType": "text/x-go"}, nil
}
