package eval

import "strings"

// A cell's struct type is, in reflection, an unnamed struct whose first
// field's tag carries its name ("yaegi:\"main.Config\""). Compiled code
// that names a value's type in a message (a runtime panic comparing
// uncomparable values, binary.Write, template and xml errors) writes
// that struct in full; tidyTypeNames puts the declared name back.

// yaegiMark is how the name mark reads inside a printed struct type: a
// tag quoted by reflect's String, so its own quotes are escaped.
const yaegiMark = `yaegi:\"`

// tidyTypeNames replaces each printed struct type in s that carries the
// interpreter's name mark with the name it marks ("main.Config"). The
// structs inside one are tidied first, so the mark left is its own.
func tidyTypeNames(s string) string {
	if !strings.Contains(s, yaegiMark) {
		return s
	}
	const open = "struct {"
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			break
		}
		end := closingBrace(s, i+len(open))
		if end < 0 {
			break
		}
		inner := tidyTypeNames(s[i+len(open) : end-1])
		b.WriteString(s[:i])
		if j := strings.Index(inner, yaegiMark); j >= 0 {
			rest := inner[j+len(yaegiMark):]
			if k := strings.Index(rest, `\"`); k > 0 {
				b.WriteString(rest[:k])
				s = s[end:]
				continue
			}
		}
		b.WriteString(open + inner + "}") // an anonymous struct, left as it is
		s = s[end:]
	}
	b.WriteString(s)
	return b.String()
}

// closingBrace returns the index just past the brace closing the struct
// whose body starts at from, skipping quoted tags; -1 if there is none.
func closingBrace(s string, from int) int {
	depth := 1
	inQuote := false
	for i := from; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++ // an escaped character, inside a tag
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// tidyError is a compiled error whose message named a cell's struct
// type the interpreter's way: it says the declared name, and unwraps to
// the error itself (a printed argument) or to what it wrapped (Errorf).
type tidyError struct {
	err error
	msg string
}

func (t tidyError) Error() string { return t.msg }
func (t tidyError) Unwrap() error { return t.err }

// tidyArg is x, a printed value, as a tidyError when it is a compiled
// error whose message names a cell's struct type the interpreter's way.
func tidyArg(x any) (any, bool) {
	e, ok := x.(error)
	if !ok {
		return x, false
	}
	if _, wrapped := unwrapYaegi(x); wrapped {
		return x, false // a cell's own error: its method says what it says
	}
	if msg := e.Error(); strings.Contains(msg, yaegiMark) {
		return tidyError{e, tidyTypeNames(msg)}, true
	}
	return x, false
}

// tidyWrapped is err, made by fmt.Errorf, with its message tidied when
// an error it wraps (%w) named a cell's struct type the interpreter's
// way; it unwraps to what err wraps.
func tidyWrapped(err error) error {
	if err == nil || !strings.Contains(err.Error(), yaegiMark) {
		return err
	}
	msg := tidyTypeNames(err.Error())
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		return tidyJoined{msg, u.Unwrap()}
	case interface{ Unwrap() error }:
		return tidyError{u.Unwrap(), msg}
	}
	return tidyError{nil, msg}
}

// tidyJoined is tidyWrapped's error for an Errorf with several %w.
type tidyJoined struct {
	msg  string
	errs []error
}

func (t tidyJoined) Error() string   { return t.msg }
func (t tidyJoined) Unwrap() []error { return t.errs }
