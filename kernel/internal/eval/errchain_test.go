package eval

import "testing"

// errChainTypes declares cell error types and wraps them with %w.
const errChainTypes = `import ("errors"; "fmt"; "io"; "io/fs")
type NotFound struct{ Name string }
func (e *NotFound) Error() string { return "not found: " + e.Name }
type Code int
func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }
var ErrGone = &NotFound{"gone"}
orig := &NotFound{"x"}
err := fmt.Errorf("lookup: %w", orig)
twice := fmt.Errorf("outer: %w", err)`

// errors.As, errors.AsType, errors.Is and errors.Unwrap see a cell's
// error through fmt.Errorf's %w as Go does (errchain.go).
func TestErrorChainWithCellTypes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "%v and %w of a wrapped cell error", cells: []string{errChainTypes, `fmt.Println(err); fmt.Printf("%v|%s\n", twice, fmt.Errorf("c: %w", Code(7)))`},
			out: "lookup: not found: x\nouter: lookup: not found: x|c: code 7\n"},
		{name: "errors.As through one and two wraps", cells: []string{errChainTypes, `var a, b *NotFound
var c Code
fmt.Println(errors.As(err, &a), a == orig, errors.As(twice, &b), b == orig, errors.As(fmt.Errorf("c: %w", Code(7)), &c), c)`},
			out: "true true true true true code 7\n"},
		{name: "errors.As of a cell type not in the chain", cells: []string{errChainTypes, `var c Code
fmt.Println(errors.As(twice, &c), c, errors.As(io.EOF, &c))`}, out: "false code 0 false\n"},
		{name: "errors.As into error and a compiled type", cells: []string{errChainTypes, `var e error
var pe *fs.PathError
fmt.Println(errors.As(twice, &e), e.Error(), errors.As(twice, &pe))`}, out: "true outer: lookup: not found: x false\n"},
		{name: "errors.AsType through two wraps", cells: []string{errChainTypes, `g, ok := errors.AsType[*NotFound](twice)
c, ok2 := errors.AsType[Code](fmt.Errorf("a: %w", fmt.Errorf("b: %w", Code(3))))
fmt.Println(ok, g == orig, c, ok2)`}, out: "true true code 3 true\n"},
		{name: "errors.Is with a wrapped sentinel of a cell type", cells: []string{errChainTypes, `w := fmt.Errorf("w: %w", fmt.Errorf("v: %w", ErrGone))
fmt.Println(errors.Is(w, ErrGone), errors.Is(err, ErrGone), errors.Is(twice, orig), errors.Is(fmt.Errorf("%w", Code(2)), Code(2)), errors.Is(fmt.Errorf("%w", Code(2)), Code(3)))`},
			out: "true false true true false\n"},
		{name: "errors.Unwrap gives the cell value back", cells: []string{errChainTypes, `u := errors.Unwrap(errors.Unwrap(twice))
fmt.Println(u.(*NotFound) == orig, errors.Is(u, orig), errors.Unwrap(fmt.Errorf("%w", Code(3))).(Code), errors.Unwrap(orig) == nil, errors.Unwrap(fmt.Errorf("%w", io.EOF)) == io.EOF)`},
			out: "true true code 3 true true\n"},
		{name: "errors.Join of cell errors", cells: []string{errChainTypes, `j := errors.Join(io.EOF, fmt.Errorf("x: %w", Code(5)))
var c Code
fmt.Println(errors.As(j, &c), c, errors.Is(j, Code(5)))`}, out: "true code 5 true\n"},
	})
}

// Where the interpreter cannot give Go's answer, the cell fails with a
// message rather than answer false.
func TestErrorChainLimitsFailLoudly(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "errors.As into an interface type declared in a cell", cells: []string{errChainTypes, `var e interface{ Error() string }
errors.As(twice, &e)`}, errName: "panic", errHas: "interface declared in a cell"},
		{name: "a cell type's own Unwrap method", cells: []string{errChainTypes, `type Wrap struct{ err error }
func (w *Wrap) Error() string { return "wrap" }
func (w *Wrap) Unwrap() error { return w.err }`, `var nf *NotFound
errors.As(fmt.Errorf("a: %w", &Wrap{orig}), &nf)`}, errName: "panic", errHas: "has an Unwrap, Is or As method"},
		{name: "errors.AsType past a cell type's own Unwrap method", cells: []string{errChainTypes, `type Wrap struct{ err error }
func (w *Wrap) Error() string { return "wrap" }
func (w *Wrap) Unwrap() error { return w.err }`, `_, ok := errors.AsType[Code](fmt.Errorf("a: %w", &Wrap{orig}))
ok`}, errName: "panic", errHas: "has an Unwrap, Is or As method"},
		{name: "errors.Is past a cell type's own Unwrap method", cells: []string{errChainTypes, `type Wrap struct{ err error }
func (w *Wrap) Error() string { return "wrap" }
func (w *Wrap) Unwrap() error { return w.err }`, `errors.Is(&Wrap{orig}, orig)`}, errName: "panic", errHas: "has an Unwrap, Is or As method"},
		{name: "errors.Unwrap with two cell error types of one underlying type", cells: []string{errChainTypes, `type Other int
func (o Other) Error() string { return "other" }`, `u := errors.Unwrap(fmt.Errorf("%w", Code(1)))
fmt.Println(u)`}, errName: "panic", errHas: "fits more than one error type"},
		{name: "errors.AsType with two cell error types of one underlying type", cells: []string{errChainTypes, `type Other int
func (o Other) Error() string { return "other" }`, `o, ok := errors.AsType[Other](fmt.Errorf("%w", Code(1)))
fmt.Println(o, ok)`}, errName: "panic", errHas: "fits more than one error type"},
		{name: "errors.As with two cell error types of one underlying type", cells: []string{errChainTypes, `type Other int
func (o Other) Error() string { return "other" }`, `var o Other
errors.As(fmt.Errorf("%w", Code(1)), &o)`}, errName: "panic", errHas: "fits more than one error type"},
	})
}
