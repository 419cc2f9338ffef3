package eval

import (
	"fmt"
	"go/ast"
	"go/token"

	"golessons/kernel/internal/eval/rewrite"
)

// temp returns a fresh reserved identifier.
func (e *Evaluator) temp(hint string, pos token.Pos) *ast.Ident {
	e.tmp++
	return rewrite.Ident(fmt.Sprintf("__gl_%s%d", hint, e.tmp), pos)
}
