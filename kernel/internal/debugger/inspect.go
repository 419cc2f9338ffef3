package debugger

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"time"

	"golessons/kernel/internal/eval"
)

// inspectVariables lists the user's declarations while idle (and while
// stopped), as the Variables panel shows them without a stopped frame.
func (a *Adapter) inspectVariables(json.RawMessage) (any, error) {
	values := map[string]reflect.Value{}
	for _, g := range a.eng.DebugGlobals() {
		values[g.Name] = g.Value
	}
	out := []any{}
	for _, s := range a.eng.Symbols() {
		if s.Kind == "import" {
			continue
		}
		if v, ok := values[s.Name]; ok {
			enc := a.encodeVar(s.Name, v)
			if s.Type != "" {
				enc["type"] = s.Type
			}
			out = append(out, enc)
			continue
		}
		value := s.Value
		if value == "" {
			value = s.Decl
		}
		typ := s.Type
		if typ == "" {
			typ = s.Kind
		}
		out = append(out, map[string]any{"name": s.Name, "value": value, "type": typ, "variablesReference": 0, "evaluateName": s.Name})
	}
	return map[string]any{"variables": out}, nil
}

// richInspectVariables shows a variable as a cell's value would show:
// with its HTML(), SVG(), Markdown()... methods. While idle the name runs
// as a cell expression; in a stopped frame the engine calls the methods
// on the frame's value, each given richWait to answer (a method that
// blocks leaves the plain text and a note saying so).
func (a *Adapter) richInspectVariables(args json.RawMessage) (any, error) {
	var in struct {
		Name    string `json:"variableName"`
		FrameID *int   `json:"frameId"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	if in.FrameID != nil {
		v, err := a.evalExpr(in.Name, in.FrameID)
		if err != nil {
			return nil, err
		}
		data, note := a.eng.DebugRichValue(v, richWait)
		if data == nil {
			data = map[string]any{}
		}
		// Without a String method, the text names cell types and fields
		// as the Variables panel does.
		text, ok := data["text/plain"].(string)
		if !ok {
			text = a.format(v, 0)
		}
		if note != "" {
			text += "\n(" + in.Name + ": " + note + ")"
		}
		data["text/plain"] = text
		return map[string]any{"data": data, "metadata": map[string]any{}}, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	data, err := a.eng.DebugRich(ctx, in.Name)
	if err != nil {
		return nil, fmt.Errorf("cannot show %s: %v", in.Name, err)
	}
	if data == nil {
		data = map[string]any{"text/plain": ""}
	}
	return map[string]any{"data": data, "metadata": map[string]any{}}, nil
}

// richWait bounds the rich methods of a value in a stopped frame.
const richWait = 2 * time.Second

// evaluate evaluates names, fields, indexes and dereferences in a stopped
// frame (or among the globals); anything else is refused with a message
// that says so, never guessed.
func (a *Adapter) evaluate(args json.RawMessage) (any, error) {
	var in struct {
		Expression string `json:"expression"`
		FrameID    *int   `json:"frameId"`
	}
	if err := decode(args, &in); err != nil {
		return nil, err
	}
	v, err := a.evalExpr(in.Expression, in.FrameID)
	if err != nil {
		return nil, err
	}
	enc := a.encodeVar(in.Expression, v)
	return map[string]any{"result": enc["value"], "type": enc["type"], "variablesReference": enc["variablesReference"]}, nil
}

// errUnsupported says which expressions the debugger evaluates.
const errUnsupported = "the Go debugger evaluates names, fields (a.b), indexes (a[i], m[\"k\"]) and *p while stopped, not %s"

func (a *Adapter) evalExpr(src string, frameID *int) (reflect.Value, error) {
	x, err := parser.ParseExpr(src)
	if err != nil {
		return reflect.Value{}, fmt.Errorf("cannot parse %q: %v", src, err)
	}
	var scope []eval.DebugVar
	if frameID != nil {
		a.mu.Lock()
		fr, ok := a.frames[*frameID]
		a.mu.Unlock()
		if !ok {
			return reflect.Value{}, fmt.Errorf("no frame %d (frames last only while their goroutine is stopped)", *frameID)
		}
		frames, err := a.eng.DebugFrames(fr.Thread)
		if err != nil {
			return reflect.Value{}, err
		}
		if fr.Index < len(frames) {
			scope = frames[fr.Index].Locals
		}
	}
	scope = append(scope, a.eng.DebugGlobals()...)
	return a.walk(x, scope)
}

func (a *Adapter) walk(x ast.Expr, scope []eval.DebugVar) (reflect.Value, error) {
	switch x := x.(type) {
	case *ast.ParenExpr:
		return a.walk(x.X, scope)
	case *ast.Ident:
		for _, v := range scope {
			if v.Name == x.Name {
				return v.Value, nil
			}
		}
		return reflect.Value{}, fmt.Errorf("%s is not a variable here", x.Name)
	case *ast.StarExpr:
		v, err := a.walk(x.X, scope)
		if err != nil {
			return v, err
		}
		v = unwrap(v)
		if v.Kind() != reflect.Pointer || v.IsNil() {
			return reflect.Value{}, fmt.Errorf("cannot dereference %s", a.format(v, 0))
		}
		return v.Elem(), nil
	case *ast.SelectorExpr:
		v, err := a.walk(x.X, scope)
		if err != nil {
			return v, err
		}
		v = unwrap(v)
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			v = unwrap(v.Elem())
		}
		if v.Kind() != reflect.Struct {
			return reflect.Value{}, fmt.Errorf("%s has no field %s (methods are not called while stopped)", a.typeName(v), x.Sel.Name)
		}
		names := a.eng.DebugFieldNames(v.Type())
		for i := 0; i < eval.NumFields(v.Type()); i++ {
			name := v.Type().Field(i).Name
			if i < len(names) {
				name = names[i]
			}
			if name == x.Sel.Name {
				return v.Field(i), nil
			}
		}
		return reflect.Value{}, fmt.Errorf("%s has no field %s (methods are not called while stopped)", a.typeName(v), x.Sel.Name)
	case *ast.IndexExpr:
		v, err := a.walk(x.X, scope)
		if err != nil {
			return v, err
		}
		v = unwrap(v)
		key, err := a.indexValue(x.Index, scope)
		if err != nil {
			return reflect.Value{}, err
		}
		return a.index(v, key)
	}
	return reflect.Value{}, fmt.Errorf(errUnsupported, fmt.Sprintf("%T", x)[5:])
}

// indexValue evaluates an index: a literal or an expression of the above.
func (a *Adapter) indexValue(x ast.Expr, scope []eval.DebugVar) (reflect.Value, error) {
	if lit, ok := x.(*ast.BasicLit); ok {
		switch lit.Kind {
		case token.INT:
			n, err := strconv.Atoi(lit.Value)
			return reflect.ValueOf(n), err
		case token.STRING:
			s, err := strconv.Unquote(lit.Value)
			return reflect.ValueOf(s), err
		}
		return reflect.Value{}, fmt.Errorf(errUnsupported, "a "+lit.Kind.String()+" index")
	}
	v, err := a.walk(x, scope)
	return unwrap(v), err
}

func (a *Adapter) index(v, key reflect.Value) (reflect.Value, error) {
	switch v.Kind() {
	case reflect.Slice, reflect.Array, reflect.String:
		var i int
		switch key.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			i = int(key.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			i = int(key.Uint())
		default:
			return reflect.Value{}, fmt.Errorf("index of type %s is not an integer", a.typeName(key))
		}
		if i < 0 || i >= v.Len() {
			return reflect.Value{}, fmt.Errorf("index %d out of range [0:%d]", i, v.Len())
		}
		return v.Index(i), nil
	case reflect.Map:
		kt := v.Type().Key()
		if !key.Type().ConvertibleTo(kt) || (key.Kind() == reflect.String) != (kt.Kind() == reflect.String) {
			return reflect.Value{}, fmt.Errorf("key of type %s does not fit %s", a.typeName(key), a.typeName(v))
		}
		e := v.MapIndex(key.Convert(kt))
		if !e.IsValid() {
			return reflect.Zero(v.Type().Elem()), nil
		}
		return e, nil
	}
	return reflect.Value{}, fmt.Errorf("cannot index %s", a.typeName(v))
}
