package eval

import (
	"fmt"
	"strings"

	"golessons/third_party/yaegi/interp"
)

// DebugFrame is one call frame of a stopped goroutine, innermost first.
type DebugFrame struct {
	Name   string // the function; "cell" for a cell's own statements
	File   string // the cell file ("" when the code is not a cell's)
	Line   int    // the cell's own line
	Column int
	Locals []DebugVar
}

// DebugFrames returns the frames of a stopped goroutine.
func (e *Evaluator) DebugFrames(thread int) ([]DebugFrame, error) {
	s := e.session()
	if s == nil {
		return nil, errNoSession
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.byIDLocked(thread)
	if t == nil || t.ev == nil {
		return nil, fmt.Errorf("goroutine %d is not stopped", thread)
	}
	frames, _ := goroutineFrames(s.framesLocked(t.ev), t == s.main)
	return frames, nil
}

// framesLocked converts yaegi's frames of a stopped goroutine.
func (s *debugSession) framesLocked(ev *interp.DebugEvent) []DebugFrame {
	var out []DebugFrame
	for _, f := range ev.Frames(0, ev.FrameDepth()) {
		pos := f.Position()
		df := DebugFrame{Name: f.Name(), Line: pos.Line, Column: pos.Column}
		if file, ok := s.cellFileLocked(pos.Filename, f.Name()); ok {
			df.File = file
		}
		switch df.Name {
		case "<init>":
			df.Name = "cell"
		case mainName:
			df.Name = "main"
		}
		for _, sc := range f.Scopes() {
			for _, v := range sc.Variables() {
				if v.Name == "_" || strings.HasPrefix(v.Name, "__gl") || strings.HasPrefix(v.Name, "#") {
					continue
				}
				df.Locals = append(df.Locals, DebugVar{Name: v.Name, Value: v.Value})
			}
		}
		out = append(out, df)
	}
	return out
}

// goroutineFrames trims a goroutine's frames to its own. yaegi walks a
// frame's lexical ancestors, so below the recover guard a goroutine
// starts in (an anonymous func at the go statement) come the frames of
// the code that ran the go statement: the guard's own closure, at the
// same line, marks the cut. The guard's frame stays, named "go f", and
// its line is where the goroutine started (0 when not found).
func goroutineFrames(frames []DebugFrame, cell bool) ([]DebugFrame, int) {
	if cell {
		return frames, 0
	}
	for i := 0; i+1 < len(frames); i++ {
		g, next := frames[i], frames[i+1]
		if g.Name == "<anonymous>" && next.Name == "<anonymous>" && g.File == next.File && g.Line == next.Line {
			fn := "func literal"
			if i > 0 && frames[i-1].Name != "<anonymous>" {
				fn = frames[i-1].Name
			}
			frames[i].Name = "go " + fn
			return frames[:i+1], g.Line
		}
	}
	return frames, 0
}
