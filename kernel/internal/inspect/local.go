package inspect

import (
	"go/scanner"
	"go/token"
	"strings"
)

// localDecl finds where the cell being edited declares name (`name :=`,
// `a, name :=`, `var name`, `const name`, `type name`, `func name`) and
// returns that source line: before the cell runs, the symbol table does
// not know the name yet.
func localDecl(code, name string) (string, bool) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), nil, 0)
	var toks []token.Token
	var lits []string
	var offs []int
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		toks, lits, offs = append(toks, tok), append(lits, lit), append(offs, file.Offset(pos))
	}
	for i, t := range toks {
		if t != token.IDENT || lits[i] != name {
			continue
		}
		declared := i > 0 && (toks[i-1] == token.VAR || toks[i-1] == token.CONST || toks[i-1] == token.TYPE || toks[i-1] == token.FUNC)
		j := i
		for j+2 < len(toks) && toks[j+1] == token.COMMA && toks[j+2] == token.IDENT {
			j += 2
		}
		declared = declared || j+1 < len(toks) && toks[j+1] == token.DEFINE
		if declared {
			start := strings.LastIndexByte(code[:offs[i]], '\n') + 1
			end := strings.IndexByte(code[offs[i]:], '\n')
			if end < 0 {
				end = len(code) - offs[i]
			}
			return strings.TrimSpace(code[start : offs[i]+end]), true
		}
	}
	return "", false
}
