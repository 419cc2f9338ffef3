package complete

import (
	"go/scanner"
	"go/token"
)

// localNames returns the names the cell being edited declares itself
// (`x :=`, `a, b :=`, `var`, `const`, `type`, `func`), which the symbol
// table cannot know before the cell runs. skip is the byte offset of the
// identifier being typed, which is not offered back to itself.
func localNames(code string, skip int) []Match {
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
	var out []Match
	add := func(t item, typ string) {
		if t.off != skip && t.lit != "_" {
			out = append(out, Match{Text: t.lit, Type: typ})
		}
	}
	for i, t := range toks {
		if t.tok != token.IDENT {
			continue
		}
		prev := token.ILLEGAL
		if i > 0 {
			prev = toks[i-1].tok
		}
		switch prev {
		case token.FUNC:
			add(t, "function")
			continue
		case token.TYPE:
			add(t, "type")
			continue
		case token.CONST:
			add(t, "constant")
			continue
		case token.VAR:
			add(t, "variable")
			continue
		}
		// a, b := ... : walk the identifier list to see whether := ends it.
		j := i
		for j+2 < len(toks) && toks[j+1].tok == token.COMMA && toks[j+2].tok == token.IDENT {
			j += 2
		}
		if j+1 < len(toks) && toks[j+1].tok == token.DEFINE {
			add(t, "variable")
		}
	}
	return out
}
