package syntax

import (
	"go/scanner"
	"go/token"
)

// Decl is a name the cell being edited declares itself: before the cell
// runs, the symbol table cannot know it, yet completion should offer it and
// inspection should describe it.
type Decl struct {
	Name   string
	Kind   string // "function", "type", "constant" or "variable"
	Offset int    // byte offset of the name in the code
}

// Decls scans code for `func name`, `type name`, `const name`, `var name`,
// and the names on the left of `:=` (`a, b := …`). A token scan, not a
// parse, so it works on the half-typed code completion sees.
func Decls(code string) []Decl {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), nil, 0)
	type item struct {
		off int
		tok token.Token
		lit string
	}
	var toks []item
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		toks = append(toks, item{file.Offset(pos), tok, lit})
	}
	keyword := map[token.Token]string{token.FUNC: "function", token.TYPE: "type", token.CONST: "constant", token.VAR: "variable"}
	var out []Decl
	for i, t := range toks {
		if t.tok != token.IDENT || t.lit == "_" {
			continue
		}
		if i > 0 {
			if kind, ok := keyword[toks[i-1].tok]; ok {
				out = append(out, Decl{t.lit, kind, t.off})
				continue
			}
		}
		// a, b := ... : walk the identifier list to see whether := ends it.
		j := i
		for j+2 < len(toks) && toks[j+1].tok == token.COMMA && toks[j+2].tok == token.IDENT {
			j += 2
		}
		if j+1 < len(toks) && toks[j+1].tok == token.DEFINE {
			out = append(out, Decl{t.lit, "variable", t.off})
		}
	}
	return out
}
