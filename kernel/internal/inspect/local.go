package inspect

import (
	"strings"

	"golessons/kernel/internal/syntax"
)

// localDecl returns the source line where the cell being edited declares
// name: before the cell runs, the symbol table does not know the name yet.
func localDecl(code, name string) (string, bool) {
	for _, d := range syntax.Decls(code) {
		if d.Name != name {
			continue
		}
		start := strings.LastIndexByte(code[:d.Offset], '\n') + 1
		end := strings.IndexByte(code[d.Offset:], '\n')
		if end < 0 {
			end = len(code) - d.Offset
		}
		return strings.TrimSpace(code[start : d.Offset+end]), true
	}
	return "", false
}
