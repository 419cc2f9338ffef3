package eval

import (
	"errors"
	"fmt"
	"go/ast"

	"golessons/kernel/internal/eval/rewrite"
)

// rewriteAssertions turns the type assertions of n into calls that
// answer right (see rewrite.TypeAssertions), and its type switches into
// switches on two-value assertions (rewrite.TypeSwitches): yaegi's own
// answers are wrong for the cells' types.
func (e *Evaluator) rewriteAssertions(n ast.Node) error {
	if n == nil {
		return nil
	}
	err := rewrite.TypeAssertions(n, e.caseType, e.temp)
	if err == nil {
		err = rewrite.TypeSwitches(n, e.caseType, e.temp)
	}
	if err != nil {
		var ce *rewrite.CaseError
		if errors.As(err, &ce) {
			if p := e.i.FileSet().Position(ce.Pos); p.Filename == cellFile {
				return &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: the kernel cannot run %s", p.Line, p.Column, ce.Msg)}
			}
		}
		return &Error{Name: "CompileError", Value: "the kernel cannot run this code: " + err.Error()}
	}
	return nil
}

// caseType is what the type checker knows of t, the type of a case or
// of an assertion.
func (e *Evaluator) caseType(t ast.Expr) (rewrite.CaseType, bool) {
	ct, ok := e.facts.f.CaseTypes[e.factPos(t.Pos())]
	return rewrite.CaseType{Iface: ct.Iface, Impls: ct.Impls, Plain: ct.Plain, Twins: ct.Twins, Methods: ct.Methods}, ok
}
