// Errors of the program's own types, wrapped with fmt.Errorf's %w and
// found again with errors.As, errors.AsType, errors.Is and errors.Unwrap.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

type NotFound struct{ Name string }

func (e *NotFound) Error() string { return "not found: " + e.Name }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

var ErrGone = &NotFound{"gone"}

func lookup(name string) error {
	switch name {
	case "":
		return fmt.Errorf("lookup: %w", Code(400))
	case "old":
		return fmt.Errorf("lookup %q: %w", name, ErrGone)
	}
	return fmt.Errorf("lookup: %w", &NotFound{name})
}

func main() {
	orig := &NotFound{"x"}
	err := fmt.Errorf("lookup: %w", orig)
	twice := fmt.Errorf("outer: %w", err)
	fmt.Println(err)
	fmt.Printf("%v | %s\n", twice, lookup(""))

	var nf *NotFound
	fmt.Println("As:", errors.As(err, &nf), nf == orig)
	var nf2 *NotFound
	fmt.Println("As twice:", errors.As(twice, &nf2), nf2 == orig)
	var c Code
	fmt.Println("As Code:", errors.As(lookup(""), &c), c)
	fmt.Println("As missing:", errors.As(twice, &c), errors.As(io.EOF, &nf))

	got, ok := errors.AsType[*NotFound](twice)
	fmt.Println("AsType twice:", ok, got == orig, got.Name)
	code, ok := errors.AsType[Code](fmt.Errorf("a: %w", lookup("")))
	fmt.Println("AsType Code:", code, ok)

	u := errors.Unwrap(errors.Unwrap(twice))
	fmt.Println("Unwrap:", u.(*NotFound) == orig, errors.Unwrap(orig) == nil)

	fmt.Println("Is:", errors.Is(lookup("old"), ErrGone), errors.Is(lookup("y"), ErrGone), errors.Is(lookup(""), Code(400)))

	for _, name := range []string{"a", "old", ""} {
		err := lookup(name)
		var pe *fs.PathError
		if got, ok := errors.AsType[*NotFound](err); ok {
			fmt.Println(name, "-> missing", got.Name)
		} else if errors.As(err, &c) {
			fmt.Println(name, "-> code", int(c))
		} else if errors.As(err, &pe) {
			fmt.Println(name, "-> path error")
		}
	}
	j := errors.Join(io.EOF, lookup("b"))
	fmt.Println("Join:", errors.Is(j, io.EOF), errors.As(j, &nf), nf.Name)
}
