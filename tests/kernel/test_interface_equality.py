"""== and != on interface values holding types declared in cells give Go's answers.

yaegi compares an `error` or `any` holding a cell's type wrongly (false for the
same pointer, a panic for two error variables); the kernel routes comparisons
with an interface operand through a helper told each operand's static type by
the type checker. The full program, compared with `go run`, is
testdata/programs/interface_equality.go; here: the reported cell, Go's panics,
the interpreter's own limit (empty struct types), and cells that build on earlier ones.
"""

from __future__ import annotations

REPORTED = (
    'import ("errors";"fmt")\n'
    "type NotFound struct{ Name string }\n"
    'func (e *NotFound) Error() string { return e.Name + " not found" }\n'
    'orig := &NotFound{"x"}\n'
    "var e error = orig\n"
    'wrapped := fmt.Errorf("w: %w", orig)\n'
    "fmt.Println(e == orig, errors.Unwrap(wrapped) == orig, e != orig)\n"
    "var e2 error = orig\n"
    "fmt.Println(e == e2)\n"
    "type Code int\n"
    'func (c Code) Error() string { return "code" }\n'
    "var ce error = Code(3)\n"
    "fmt.Println(ce == Code(3), ce == Code(4))\n"
    "var a any = orig\n"
    "fmt.Println(a == orig)\n"
    "var nilErr error\n"
    "fmt.Println(nilErr == nil, e == nil)\n"
)


def test_the_reported_cell_prints_what_go_run_prints(fresh_kernel):
    r = fresh_kernel.execute(REPORTED).ok()
    assert r.stdout == "true true false\ntrue\ntrue false\ntrue\ntrue false\n", r.describe()


def test_comparisons_in_later_cells_and_recompiled_funcs(fresh_kernel):
    k = fresh_kernel
    k.execute(
        'import ("errors"; "fmt"; "io")\n'
        "type NotFound struct{ Name string }\n"
        'func (e *NotFound) Error() string { return e.Name + " not found" }\n'
        'var ErrGone = &NotFound{"gone"}\n'
        'var ErrClosed = errors.New("closed")\n'
        "func label(s string) string { return s }\n"
        "func kind(err error) string {\n"
        "\tswitch err {\n"
        '\tcase ErrGone:\n\t\treturn label("gone")\n'
        '\tcase ErrClosed, io.EOF:\n\t\treturn label("closed")\n'
        "\t}\n"
        '\treturn label("other")\n'
        "}"
    ).ok()
    r = k.execute('var err error = ErrGone\nfmt.Println(err == ErrGone, kind(err), kind(io.EOF), kind(&NotFound{"gone"}))').ok()
    assert r.stdout == "true gone closed other\n", r.describe()
    # Redefining label recompiles kind from its recorded source, which
    # must still compare as Go does.
    k.execute('func label(s string) string { return "<" + s + ">" }').ok()
    r = k.execute("fmt.Println(kind(err), kind(ErrClosed), kind(nil), err != ErrGone)").ok()
    assert r.stdout == "<gone> <closed> <other> false\n", r.describe()


def test_an_uncomparable_dynamic_type_panics_as_in_go(fresh_kernel):
    r = fresh_kernel.execute(
        'import "fmt"\ntype Days []int\nvar a, b any = Days{1}, Days{1}\nfmt.Println("before")\nfmt.Println(a == b)'
    )
    assert r.status == "error", r.describe()
    assert "runtime error: comparing uncomparable type main.Days" in r.error_text, r.describe()
    assert r.stdout == "before\n", r.describe()


def test_struct_types_with_the_same_fields_compare_as_in_go(fresh_kernel):
    r = fresh_kernel.execute(
        'import "fmt"\ntype A struct{ X int }\ntype B struct{ X int }\nvar a, b any = A{1}, B{1}\nfmt.Println(a == b, a == any(A{1}))'
    ).ok()
    assert r.stdout == "false true\n", r.describe()


def test_empty_struct_types_compare_as_in_go(fresh_kernel):
    r = fresh_kernel.execute(
        'import "fmt"\ntype A struct{}\ntype B struct{}\nvar a, b any = A{}, B{}\nfmt.Println(a == b, a == any(A{}), b == B{})'
    ).ok()
    assert r.stdout == "false true true\n", r.describe()


def test_compiled_values_compare_as_before(fresh_kernel):
    r = fresh_kernel.execute(
        'import ("bufio"; "errors"; "fmt"; "io"; "strings")\n'
        'var ErrSentinel = errors.New("sentinel")\n'
        'rd := bufio.NewReader(strings.NewReader("a"))\n'
        "_, _ = rd.ReadByte()\n"
        "_, err := rd.ReadByte()\n"
        "var x any = 3\n"
        "var s error = ErrSentinel\n"
        'fmt.Println(err == io.EOF, err != io.EOF, s == ErrSentinel, s == io.EOF, x == 3, x == "3", x == 3.0)'
    ).ok()
    assert r.stdout == "true false true false true false false\n", r.describe()
