package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Restore replays the declarations of earlier cells in a fresh
// evaluator (after the runner had to restart the process): imports,
// types, funcs, vars, consts, and top-level `x := expr` / `x = expr`
// statements. Other statements are skipped, so nothing is printed twice
// and nothing blocks. It returns the names kept and, for the student,
// what was not re-run.
func (e *Evaluator) Restore(ctx context.Context, cells []string) (kept, lost []string) {
	for n, cell := range cells {
		skipped := 0
		for _, s := range splitCell(cell) {
			if s.kind == segStmt || s.kind == segVar {
				var text string
				text, skipped = simpleAssignments(s, skipped)
				if text == "" {
					continue
				}
				s.text = text
			}
			if _, err := e.run(ctx, segmentCell(s), true); err != nil {
				lost = append(lost, fmt.Sprintf("cell %d: %s", n+1, errText(err)))
				continue
			}
		}
		if skipped > 0 {
			lost = append(lost, fmt.Sprintf("statements in cell %d", n+1))
		}
	}
	for _, s := range e.Symbols() {
		kept = append(kept, s.Name)
	}
	return kept, lost
}

// segmentCell rebuilds cell text whose lines match the segment's.
func segmentCell(s segment) string {
	return strings.Repeat("\n", s.line-1) + strings.Repeat(" ", s.col-1) + s.text
}

// simpleAssignments keeps only the top-level `x := expr` and `x = expr`
// statements of a statement segment, blanking the others with spaces so
// positions stay those of the cell; it counts the skipped statements.
func simpleAssignments(s segment, skipped int) (string, int) {
	b := []byte(s.text)
	kept := false
	for _, it := range scanItems(s.text) {
		text := s.text[it.start:it.end]
		if isSimpleAssign(text) {
			kept = true
			continue
		}
		if !isPureExpr(text) { // showing a value again is no loss
			skipped++
		}
		for k := it.start; k < it.end; k++ {
			if b[k] != '\n' {
				b[k] = ' '
			}
		}
	}
	if !kept {
		return "", skipped
	}
	return string(b), skipped
}

// isSimpleAssign reports whether text is one `a, b := expr`, `a = expr`
// or `var` statement.
func isSimpleAssign(text string) bool {
	f, err := parseStmt(text)
	if err != nil || len(f) != 1 {
		return false
	}
	switch x := f[0].(type) {
	case *ast.AssignStmt:
		return x.Tok == token.DEFINE || x.Tok == token.ASSIGN
	case *ast.DeclStmt:
		return true
	}
	return false
}

// isPureExpr reports whether text is an expression statement without
// effects (a name, a field, a literal): the cell only displayed a value.
func isPureExpr(text string) bool {
	list, err := parseStmt(text)
	if err != nil || len(list) != 1 {
		return false
	}
	es, ok := list[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	switch es.X.(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.BasicLit:
		return true
	}
	return false
}

// parseStmt parses text as the statements of a function body.
func parseStmt(text string) ([]ast.Stmt, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p; func _() {\n"+text+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	return f.Decls[0].(*ast.FuncDecl).Body.List, nil
}
