package debugger

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"golessons/kernel/internal/eval"
)

// varRef is what a variablesReference stands for: the locals of a frame,
// the globals, or the parts of a value.
type varRef struct {
	kind  string // "locals", "globals", "value"
	frame frameRef
	value reflect.Value
}

// maxChildren caps the elements listed for one slice or map.
const maxChildren = 100

func (a *Adapter) stackTrace(args json.RawMessage) (any, error) {
	var in struct {
		ThreadID   int `json:"threadId"`
		StartFrame int `json:"startFrame"`
		Levels     int `json:"levels"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	frames, err := a.eng.DebugFrames(in.ThreadID)
	if err != nil {
		return nil, err
	}
	stack := make([]stackEntry, len(frames))
	for i, f := range frames {
		stack[i] = stackEntry{DebugFrame: f, ref: frameRef{Thread: in.ThreadID, Index: i}}
	}
	a.mu.Lock()
	oneThread := a.oneThread
	a.mu.Unlock()
	if oneThread {
		stack = append(stack, a.otherStopped(in.ThreadID)...)
	}
	out := []any{}
	a.mu.Lock()
	defer a.mu.Unlock()
	for i, f := range stack {
		if i < in.StartFrame || (in.Levels > 0 && i >= in.StartFrame+in.Levels) {
			continue
		}
		a.nextRef++
		id := a.nextRef
		a.frames[id] = f.ref
		// Every frame has a source: JupyterLab's Callstack reads the
		// source of each frame it lists and shows nothing without one.
		sf := map[string]any{"id": id, "name": f.Name, "line": f.Line, "column": f.Column,
			"source": map[string]any{"path": f.File, "name": "cell"}}
		switch {
		case f.label:
			sf["presentationHint"] = "label"
		case f.File == "":
			sf["source"] = map[string]any{"name": "golessons", "presentationHint": "deemphasize"}
			sf["presentationHint"] = "subtle" // the kernel's own code
		}
		out = append(out, sf)
	}
	return map[string]any{"stackFrames": out, "totalFrames": len(stack)}, nil
}

// stackEntry is a frame of a stack trace answer and what it refers to.
type stackEntry struct {
	eval.DebugFrame
	ref   frameRef
	label bool // a heading naming the goroutine of the frames below
}

// otherStopped lists the frames of the stopped goroutines other than
// thread, each under a label frame with the goroutine's name. JupyterLab
// shows the stack of one thread only, the last to stop; without these
// a student who stopped four workers at one breakpoint would see one.
// A label refers to its goroutine's innermost frame, so that selecting
// it shows that frame's variables.
func (a *Adapter) otherStopped(thread int) []stackEntry {
	var out []stackEntry
	for _, t := range a.eng.DebugThreads() {
		if !t.Stopped || t.ID == thread {
			continue
		}
		frames, err := a.eng.DebugFrames(t.ID)
		if err != nil || len(frames) == 0 {
			continue // it went on meanwhile
		}
		top := frames[0] // the label stands where the goroutine is
		label := eval.DebugFrame{Name: "── " + t.Name + " ──", File: top.File, Line: top.Line, Column: top.Column}
		out = append(out, stackEntry{DebugFrame: label, ref: frameRef{Thread: t.ID}, label: true})
		for i, f := range frames {
			out = append(out, stackEntry{DebugFrame: f, ref: frameRef{Thread: t.ID, Index: i}})
		}
	}
	return out
}

func (a *Adapter) scopes(args json.RawMessage) (any, error) {
	var in struct {
		FrameID int `json:"frameId"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	fr, ok := a.frames[in.FrameID]
	if !ok {
		return nil, fmt.Errorf("no frame %d (frames last only while their goroutine is stopped)", in.FrameID)
	}
	locals := a.refLocked(varRef{kind: "locals", frame: fr})
	globals := a.refLocked(varRef{kind: "globals"})
	return map[string]any{"scopes": []any{
		map[string]any{"name": "Locals", "variablesReference": locals, "expensive": false, "presentationHint": "locals"},
		map[string]any{"name": "Globals", "variablesReference": globals, "expensive": false},
	}}, nil
}

func (a *Adapter) refLocked(r varRef) int {
	a.nextRef++
	a.handles[a.nextRef] = r
	return a.nextRef
}

func (a *Adapter) variables(args json.RawMessage) (any, error) {
	var in struct {
		Ref int `json:"variablesReference"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	a.mu.Lock()
	r, ok := a.handles[in.Ref]
	a.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("no variables for reference %d (they last only while their goroutine is stopped)", in.Ref)
	}
	var vars []eval.DebugVar
	switch r.kind {
	case "locals":
		frames, err := a.eng.DebugFrames(r.frame.Thread)
		if err != nil {
			return nil, err
		}
		if r.frame.Index >= len(frames) {
			return nil, fmt.Errorf("the frame is gone")
		}
		vars = frames[r.frame.Index].Locals
	case "globals":
		vars = a.eng.DebugGlobals()
	default:
		vars = a.children(r.value)
	}
	out := []any{}
	for _, v := range vars {
		out = append(out, a.encodeVar(v.Name, v.Value))
	}
	return map[string]any{"variables": out}, nil
}

// encodeVar is a DAP Variable for v, with a handle when it expands.
func (a *Adapter) encodeVar(name string, v reflect.Value) map[string]any {
	v = unwrap(v)
	out := map[string]any{"name": name, "value": a.format(v, 0), "type": a.typeName(v), "variablesReference": 0, "evaluateName": name}
	if expandable(v) {
		a.mu.Lock()
		out["variablesReference"] = a.refLocked(varRef{kind: "value", value: v})
		a.mu.Unlock()
	}
	return out
}

func (a *Adapter) typeName(v reflect.Value) string {
	if !v.IsValid() {
		return "nil"
	}
	return a.eng.DebugTypeName(v.Type())
}

// unwrap goes through interfaces to the dynamic value.
func unwrap(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	return v
}

func expandable(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Struct:
		return eval.NumFields(v.Type()) > 0
	case reflect.Slice, reflect.Array, reflect.Map:
		return v.Len() > 0
	case reflect.Pointer:
		return !v.IsNil()
	}
	return false
}

// children lists the parts of a value: fields, elements, entries, and for
// a pointer what it points to.
func (a *Adapter) children(v reflect.Value) []eval.DebugVar {
	var out []eval.DebugVar
	switch v.Kind() {
	case reflect.Pointer:
		e := unwrap(v.Elem())
		if e.Kind() == reflect.Struct {
			return a.children(e)
		}
		out = append(out, eval.DebugVar{Name: "*", Value: e})
	case reflect.Struct:
		names := a.eng.DebugFieldNames(v.Type())
		for i := 0; i < eval.NumFields(v.Type()); i++ {
			name := v.Type().Field(i).Name
			if i < len(names) {
				name = names[i]
			}
			out = append(out, eval.DebugVar{Name: name, Value: v.Field(i)})
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len() && i < maxChildren; i++ {
			out = append(out, eval.DebugVar{Name: "[" + strconv.Itoa(i) + "]", Value: v.Index(i)})
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return a.format(keys[i], 1) < a.format(keys[j], 1) })
		for i, k := range keys {
			if i == maxChildren {
				break
			}
			out = append(out, eval.DebugVar{Name: "[" + a.format(k, 1) + "]", Value: v.MapIndex(k)})
		}
	}
	return out
}

// format renders v in Go syntax for the Variables panel without calling
// any of its methods (interpreted methods cannot run while a goroutine
// is stopped) and without Interface, which unexported fields refuse.
func (a *Adapter) format(v reflect.Value, depth int) string {
	v = unwrap(v)
	if !v.IsValid() {
		return "nil"
	}
	const maxLen = 200
	var s string
	switch v.Kind() {
	case reflect.Bool:
		s = strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s = strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		s = strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		s = strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.Complex64, reflect.Complex128:
		s = fmt.Sprint(v.Complex())
	case reflect.String:
		s = strconv.Quote(v.String())
	case reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		if depth > 1 {
			return fmt.Sprintf("(%s)(%#x)", a.typeName(v), v.Pointer())
		}
		s = "&" + a.format(v.Elem(), depth+1)
	case reflect.Struct:
		if depth > 2 {
			return a.typeName(v) + "{…}"
		}
		names := a.eng.DebugFieldNames(v.Type())
		var parts []string
		for i := 0; i < eval.NumFields(v.Type()); i++ {
			name := v.Type().Field(i).Name
			if i < len(names) {
				name = names[i]
			}
			parts = append(parts, name+": "+a.format(v.Field(i), depth+1))
		}
		s = a.typeName(v) + "{" + strings.Join(parts, ", ") + "}"
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return "nil"
		}
		if depth > 2 {
			return fmt.Sprintf("%s len %d", a.typeName(v), v.Len())
		}
		var parts []string
		for i := 0; i < v.Len() && i < 20; i++ {
			parts = append(parts, a.format(v.Index(i), depth+1))
		}
		if v.Len() > 20 {
			parts = append(parts, "…")
		}
		s = "[" + strings.Join(parts, " ") + "]"
	case reflect.Map:
		if v.IsNil() {
			return "nil"
		}
		if depth > 2 {
			return fmt.Sprintf("%s len %d", a.typeName(v), v.Len())
		}
		var parts []string
		for _, c := range a.children(v) {
			parts = append(parts, strings.Trim(c.Name, "[]")+":"+a.format(c.Value, depth+1))
		}
		s = "map[" + strings.Join(parts, " ") + "]"
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		if v.IsNil() {
			return "nil"
		}
		s = fmt.Sprintf("(%s)(%#x)", a.typeName(v), v.Pointer())
	default:
		s = a.typeName(v)
	}
	if len(s) > maxLen {
		s = s[:maxLen] + "…"
	}
	return s
}
