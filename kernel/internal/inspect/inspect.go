package inspect

import (
	"go/scanner"
	"go/token"
	"unicode"
	"unicode/utf8"

	"golessons/kernel/internal/docindex/srcdoc"
	"golessons/kernel/internal/syntax"
)

// Result is the content of an inspect_reply: when Found, Text is the
// text/plain rendering and Markdown the text/markdown one.
type Result struct {
	Found    bool
	Text     string
	Markdown string
}

// Inspect describes what is at code point offset cursor in code. detail
// is the request's detail_level: 0 gives signatures and summaries, 1 or
// more adds member docs and package listings.
func Inspect(code string, cursor int, detail int, env srcdoc.Env) Result {
	imports, ix := env.Resolve()
	env.Index = ix
	chain := target(code, syntax.ByteOffset(code, cursor))
	if len(chain) == 0 {
		return Result{}
	}
	r := resolver{env: env, imports: imports, detail: detail, code: code}
	d, ok := r.resolve(chain)
	if !ok {
		return Result{}
	}
	return Result{Found: true, Text: d.text(), Markdown: d.markdown()}
}

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// target returns the dotted name to describe, e.g. ["fmt", "Println"]:
// the identifier touching the cursor with the selectors before it, or else
// the function being called around the cursor (`fmt.Println(|`).
func target(code string, at int) []string {
	start, end := at, at
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:start])
		if !isIdent(r) {
			break
		}
		start -= size
	}
	for end < len(code) {
		r, size := utf8.DecodeRuneInString(code[end:])
		if !isIdent(r) {
			break
		}
		end += size
	}
	if start == end {
		return callee(code[:at])
	}
	return chainEndingAt(code, start, end)
}

// chainEndingAt returns the identifiers of a selector expression
// a.b.c whose last identifier is code[start:end].
func chainEndingAt(code string, start, end int) []string {
	chain := []string{code[start:end]}
	for start > 0 && code[start-1] == '.' {
		e := start - 1
		s := e
		for s > 0 {
			r, size := utf8.DecodeLastRuneInString(code[:s])
			if !isIdent(r) {
				break
			}
			s -= size
		}
		if s == e {
			break
		}
		chain = append([]string{code[s:e]}, chain...)
		start = s
	}
	if r, _ := utf8.DecodeRuneInString(chain[0]); unicode.IsDigit(r) {
		return nil // a number such as 1.5
	}
	return chain
}

// callee finds the innermost call still open at the end of before and
// returns the selector naming the function, or nil.
func callee(before string) []string {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(before))
	var s scanner.Scanner
	s.Init(file, []byte(before), nil, 0)
	type item struct {
		off int
		tok token.Token
		lit string
	}
	var toks []item
	var open []int // indexes in toks of unclosed '('
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		toks = append(toks, item{file.Offset(pos), tok, lit})
		switch tok {
		case token.LPAREN:
			open = append(open, len(toks)-1)
		case token.RPAREN:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return nil
	}
	i := open[len(open)-1] - 1
	if i < 0 || toks[i].tok != token.IDENT {
		return nil
	}
	return chainEndingAt(before, toks[i].off, toks[i].off+len(toks[i].lit))
}
