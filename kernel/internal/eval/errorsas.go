package eval

import (
	"go/ast"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
)

// The compiled errors.As cannot work with an error type declared in a
// cell: yaegi v0.16.1 gives compiled code a reflect type without the
// cell's methods, so it sees `var me *MyErr` as a pointer to a plain
// struct and panics ("*target must be interface or implement error").
// Calls errors.As(...) in cells go to a helper instead (errchain.go);
// the panic is left only where errors.As is used as a function value,
// and says what works instead.

// errorsAsPanic is the message of errors.As's panic for such a target.
const errorsAsPanic = "errors: *target must be interface or implement error"

// errorsAsHint is appended to that panic.
const errorsAsHint = " (errors.As cannot fill a variable whose type is declared in a cell: " +
	"the interpreter does not show that type's Error method to compiled code. " +
	"Instead, check the error you got directly with a type assertion, " +
	"`if me, ok := err.(*MyErr); ok { ... }`, or give the error a sentinel value, " +
	"`var ErrNotFound = errors.New(\"not found\")`, wrap it with fmt.Errorf(\"...: %w\", ErrNotFound) " +
	"and test it with errors.Is(err, ErrNotFound))"

// explainErrorsAs adds errorsAsHint to errors.As's panic message, but for
// a target the kernel found to be no error (errchain.go), which says so.
func explainErrorsAs(msg string) string {
	if strings.Contains(msg, errorsAsPanic) && !strings.Contains(msg, errorsAsHint) && !strings.Contains(msg, "does not implement error)") {
		return msg + errorsAsHint
	}
	return msg
}

// fixAsType is rewrite.AsType with the cells' names.
func (e *Evaluator) fixAsType(n ast.Node) { rewrite.AsType(n, e.i.FileSet(), cellNames{e}) }
