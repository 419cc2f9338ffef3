package eval

import "testing"

// errChainTypes declares cell error types and wraps them with %w.
const errChainTypes = `import ("errors"; "fmt"; "io"; "io/fs"; "strconv")
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

// A cell type's own Unwrap, Is and As methods are called as the errors
// package calls them (registered like String, errchain.go).
func TestErrorChainThroughTheCellsOwnErrorMethods(t *testing.T) {
	wrap := `type Wrap struct {
	Op  string
	err error
}
func (w *Wrap) Error() string { return w.Op + ": " + w.err.Error() }
func (w *Wrap) Unwrap() error { return w.err }
type Multi struct{ errs []error }
func (m Multi) Error() string   { return "multi" }
func (m Multi) Unwrap() []error { return m.errs }
type Temporary struct{}
func (Temporary) Error() string         { return "temporary" }
func (Temporary) Is(target error) bool { return target == io.ErrUnexpectedEOF }
type Detail struct{ code int }
func (d Detail) Error() string { return fmt.Sprint("detail ", d.code) }
type Coded struct{ code int }
func (c Coded) Error() string { return "coded" }
func (c Coded) As(target any) bool {
	if p, ok := target.(*Detail); ok {
		*p = Detail{c.code}
		return true
	}
	return false
}`
	runOutCases(t, []outCase{
		{name: "errors.Is, As and AsType past a cell type's Unwrap", cells: []string{errChainTypes, wrap, `w := &Wrap{"open", orig}
var nf *NotFound
g, ok := errors.AsType[*NotFound](fmt.Errorf("a: %w", w))
fmt.Println(errors.Is(w, orig), errors.Is(fmt.Errorf("x: %w", w), orig), errors.Is(w, ErrGone), errors.As(fmt.Errorf("a: %w", w), &nf), nf == orig, g == orig, ok)
fmt.Println(errors.Unwrap(w) == orig, errors.Unwrap(&Wrap{"x", nil}) == nil, errors.Is(&Wrap{"eof", io.EOF}, io.EOF))`},
			out: "true true false true true true true\ntrue true true\n"},
		{name: "errors.As and AsType into interfaces declared in the cell", cells: []string{errChainTypes, wrap, `import ("context"; "time")`, `type Timeouter interface{ error; Timeout() bool }
type Named interface{ Error() string; Key() string }
func (e *NotFound) Key() string { return e.Name }`, `ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
defer cancel()
<-ctx.Done()
var t Timeouter
var lit interface{ Timeout() bool }
var n Named
var none Timeouter
g, ok := errors.AsType[Timeouter](fmt.Errorf("w: %w", ctx.Err()))
fmt.Println(errors.As(ctx.Err(), &t), t.Timeout(), errors.As(&Wrap{"op", ctx.Err()}, &lit), lit.Timeout(), ok, g.Timeout())
fmt.Println(errors.As(twice, &n), n.Key(), errors.As(io.EOF, &none), none == nil)`},
			out: "true true true true true true\ntrue x false true\n"},
		{name: "errors.As into a cell's interface as a condition and an operand", cells: []string{errChainTypes, `type Keyed interface{ Key() string }
func (e *NotFound) Key() string { return e.Name }
func find(err error) string {
	var k Keyed
	switch {
	case !errors.As(err, &k):
		return "none"
	case errors.As(err, &k) && k.Key() != "":
		return "key " + k.Key()
	}
	return "empty"
}`, `var k Keyed
if errors.As(twice, &k) {
	fmt.Println("if", k.Key())
}
for i := 0; errors.As(twice, &k) && i < 1; i++ {
	fmt.Println("for", k.Key())
}
fmt.Println(find(twice), find(io.EOF), find(&NotFound{}))`},
			out: "if x\nfor x\nkey x none empty\n"},
		{name: "errors.Unwrap of an error type whose Error is promoted", cells: []string{errChainTypes, `type Base struct{ Code int }
func (e Base) Error() string { return fmt.Sprint("code ", e.Code) }
type Missing struct{ Base }
type Gone struct{ *NotFound }`, `var m error = Missing{Base{404}}
var g error = Gone{&NotFound{"g"}}
fmt.Println(errors.Unwrap(fmt.Errorf("w: %w", m)) == m, errors.Unwrap(fmt.Errorf("w: %w", g)) == g, errors.Unwrap(fmt.Errorf("w: %w", g)))`},
			out: "true true not found: g\n"},
		{name: "errors.As into a generic error type's instance", cells: []string{errChainTypes, `type Missing[K comparable] struct{ Key K }
func (e Missing[K]) Error() string { return fmt.Sprint("missing ", e.Key) }`, `var m Missing[int]
fmt.Println(errors.As(fmt.Errorf("w: %w", Missing[int]{3}), &m), m.Key)`}, out: "true 3\n"},
		{name: "errors.As into a variable that is no error panics as in Go", cells: []string{errChainTypes, `defer func() { fmt.Println("recovered:", recover()) }()
var s string
fmt.Println(errors.As(twice, &s))`}, out: "recovered: errors: *target must be interface or implement error (string does not implement error)\n"},
		{name: "errors.As and AsType of a compiled type past a cell type's Unwrap", cells: []string{errChainTypes, wrap, `_, err := strconv.Atoi("x")
w := fmt.Errorf("top: %w", &Wrap{"parse", err})
var ne *strconv.NumError
var pe *fs.PathError
g, ok := errors.AsType[*strconv.NumError](w)
fmt.Println(errors.As(w, &ne), ne.Func, errors.As(&Wrap{"p", err}, &ne), errors.As(w, &pe), g == ne, ok)`},
			out: "true Atoi true false true true\n"},
		{name: "Unwrap returning several errors", cells: []string{errChainTypes, wrap, `m := Multi{[]error{io.EOF, &Wrap{"w", Code(4)}}}
var c Code
fmt.Println(errors.Is(m, io.EOF), errors.Is(m, Code(4)), errors.Is(m, Code(5)), errors.As(fmt.Errorf("%w", m), &c), c)`},
			out: "true true false true code 4\n"},
		{name: "a cell type's Is and As methods", cells: []string{errChainTypes, wrap, `var d Detail
fmt.Println(errors.Is(Temporary{}, io.ErrUnexpectedEOF), errors.Is(fmt.Errorf("%w", Temporary{}), io.ErrUnexpectedEOF), errors.Is(Temporary{}, io.EOF))
fmt.Println(errors.As(fmt.Errorf("%w", Coded{9}), &d), d)`},
			out: "true true false\ntrue detail 9\n"},
	})
}

// Where the interpreter cannot give Go's answer, the cell fails with a
// message rather than answer false.
func TestErrorChainLimitsFailLoudly(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "errors.Is past a generic type's own Unwrap method", cells: []string{errChainTypes, `type Tagged[T any] struct {
	tag T
	err error
}
func (t Tagged[T]) Error() string { return "tagged" }
func (t Tagged[T]) Unwrap() error { return t.err }`, `errors.Is(Tagged[int]{1, orig}, orig)`}, errName: "panic", errHas: "has an Unwrap, Is or As method"},
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

func TestAsTypeWalksJoinedErrorsDepthFirst(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "errors.Join of wrapped cell errors", cells: []string{errChainTypes, `type Retry struct{ err error }
func (r *Retry) Error() string { return "retry: " + r.err.Error() }
func (r *Retry) Unwrap() error { return r.err }`, `j := errors.Join(io.EOF, &Retry{&NotFound{"first"}}, &NotFound{"second"})
g, ok := errors.AsType[*NotFound](j)
c, ok2 := errors.AsType[Code](j)
fmt.Println(g.Name, ok, c, ok2)
g, ok = errors.AsType[*NotFound](fmt.Errorf("x: %w", errors.Join(Code(1), orig)))
fmt.Println(g == orig, ok)`}, out: "first true code 0 false\ntrue true\n"},
	})
}

func TestACellValueWrappedForAPackagesInterfaceIsAssertedToACellInterface(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "an assertion from any, and errors.AsType down a chain", cells: []string{`import ("errors"; "fmt")
type TempErr struct{ Code int }
func (e TempErr) Error() string { return "temp" }
func (e TempErr) Temporary() bool { return true }
type Temp interface{ error; Temporary() bool }
type Other interface{ Other() }`, `var e error = TempErr{3}
var a any = e
y, ok := a.(Temp)
_, ok2 := a.(Other)
fmt.Println(ok, y.Temporary(), ok2)
t1, ok3 := errors.AsType[Temp](e)
t2, ok4 := errors.AsType[Temp](fmt.Errorf("w: %w", TempErr{4}))
_, ok5 := errors.AsType[Temp](errors.New("x"))
fmt.Println(ok3, t1.Temporary(), ok4, t2.Temporary(), ok5)`}, out: "true true false\ntrue true true true false\n"},
	})
}

func TestAValueOfACellErrorInterfaceIsAnErrorWithItsMethods(t *testing.T) {
	runOutCases(t, []outCase{{name: "returned, assigned and found by errors.As", cells: []string{`import ("errors"; "fmt")
type AppError interface {
	error
	Status() int
}
type notFound struct{ what string }
func (n notFound) Error() string { return n.what + " not found" }
func (n notFound) Status() int   { return 404 }
func find() AppError { return notFound{"k"} }
func handler() error { return find() }`, `err := handler()
var nf notFound
fmt.Println(errors.As(err, &nf), nf.what, errors.Is(err, notFound{"k"}), err)
wrapped := fmt.Errorf("dial: %w", notFound{"x"})
var ae AppError
if errors.As(wrapped, &ae) {
	var e error = ae
	fmt.Println(ae.Status(), e)
}`}, out: "true k true k not found\n404 x not found\n"}})
}

func TestErrorsAsWithANilTargetPanicsWithGosWords(t *testing.T) {
	runOutCases(t, []outCase{{name: "nil target", cells: []string{`import "errors"`, `errors.As(errors.New("x"), nil)`}, errName: "panic", errHas: "errors: target cannot be nil"}})
}

func TestInterfaceValuesHoldingStructsWithInterfaceFieldsCompareAsGo(t *testing.T) {
	runOutCases(t, []outCase{{name: "==, errors.Is, arrays of Stringers, a cell interface field", cells: []string{`import ("errors"; "fmt")
type E struct{ code int }
func (e E) Error() string { return fmt.Sprint("e", e.code) }
type Wrap struct{ Err error }
func (w Wrap) Error() string { return "wrap " + w.Err.Error() }
type T struct{ s string }
func (t T) String() string { return t.s }
type R interface{ Name() string }
func (t T) Name() string { return t.s }
type Box struct{ In R }`, `var err error = Wrap{E{1}}
fmt.Println(err == Wrap{E{1}}, err == Wrap{E{2}}, errors.Is(err, Wrap{E{1}}), errors.Is(fmt.Errorf("x: %w", err), Wrap{E{1}}))
var ax, ay any = [2]fmt.Stringer{T{"a"}, T{"b"}}, [2]fmt.Stringer{T{"a"}, T{"b"}}
var x any = Box{T{"a"}}
fmt.Println(ax == ay, x == Box{T{"a"}}, x == Box{T{"b"}})`}, out: "true false true true\ntrue true false\n"}})
}

func TestAValueErrorsAsFilledIsGivenToPackagesAsAnError(t *testing.T) {
	runOutCases(t, []outCase{{name: "re-wrapped, joined, unwrapped", cells: []string{`import ("errors"; "fmt")
type temporary interface {
	error
	Temporary() bool
}
type myErr struct{ s string }
func (m myErr) Error() string   { return m.s }
func (myErr) Temporary() bool { return true }`, `var t temporary
errors.As(fmt.Errorf("dial: %w", myErr{"tmp"}), &t)
fmt.Println(fmt.Errorf("again: %w", error(t)), errors.Join(error(t), errors.New("b")))`}, out: "again: tmp tmp\nb\n"}})
}

func TestErrorMethodsPromotedFromEmbeddedFields(t *testing.T) {
	runOutCases(t, []outCase{{name: "Unwrap and Is of an embedded struct, a pointer, an error", cells: []string{`import ("errors"; "fmt")
var ErrRoot = errors.New("root")
type Wrapper struct{ err error }
func (w Wrapper) Error() string { return "wrapped: " + w.err.Error() }
func (w Wrapper) Unwrap() error { return w.err }
type Detailed struct {
	Wrapper
	Detail string
}
type Base struct{ Code int }
func (b *Base) Error() string { return fmt.Sprint("code ", b.Code) }
func (b *Base) Is(t error) bool { return t == ErrRoot }
type NotFound struct{ *Base }
type Annotated struct {
	error
	note string
}`, `var e error = Detailed{Wrapper{ErrRoot}, "d"}
var n error = NotFound{&Base{404}}
var a error = Annotated{fmt.Errorf("x: %w", ErrRoot), "n"}
fmt.Println(errors.Is(e, ErrRoot), errors.Unwrap(e), errors.Is(n, ErrRoot), errors.Is(fmt.Errorf("w: %w", e), ErrRoot))
fmt.Println(errors.Is(a, ErrRoot), errors.Unwrap(a))`}, out: "true root true true\nfalse <nil>\n"}})
}

func TestAMapKeyedByErrorGivenACellsNamedErrorSaysWhy(t *testing.T) {
	runOutCases(t, []outCase{{name: "m[k] = v", cells: []string{"import \"fmt\"\ntype Code int\nfunc (c Code) Error() string { return fmt.Sprint(\"code \", int(c)) }", "counts := map[error]int{}\ncounts[Code(1)] = 5"},
		errName: "panic", errHas: "key the map by the concrete type, a string, or any"}})
}
