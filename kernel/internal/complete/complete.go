package complete

import (
	"go/scanner"
	"go/token"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golessons/kernel/internal/docindex/srcdoc"
	"golessons/kernel/internal/syntax"
)

// Match is one completion with its _jupyter_types_experimental data.
type Match struct {
	Text      string `json:"text"`
	Type      string `json:"type"` // function, variable, constant, type, module, keyword, field, method, path
	Signature string `json:"signature,omitempty"`
}

// Result is the content of a complete_reply. CursorStart and CursorEnd
// count Unicode code points, as the messaging spec's cursor_pos does.
type Result struct {
	Matches     []string
	CursorStart int
	CursorEnd   int
	Types       []Match
}

// Complete returns the completions for code with the cursor at code point
// offset cursor (clamped to the code).
func Complete(code string, cursor int, env srcdoc.Env) Result {
	imports, ix := env.Resolve()
	env.Index = ix
	end := syntax.ByteOffset(code, cursor)
	c := completer{env: env, imports: imports, code: code}
	start, ms := c.at(code[:end])
	res := Result{
		CursorStart: utf8.RuneCountInString(code[:start]),
		CursorEnd:   utf8.RuneCountInString(code[:end]),
		Matches:     make([]string, 0, len(ms)),
		Types:       ms,
	}
	if res.Types == nil {
		res.Types = []Match{}
	}
	for _, m := range ms {
		res.Matches = append(res.Matches, m.Text)
	}
	return res
}

type completer struct {
	env     srcdoc.Env
	imports map[string]string
	code    string // the whole cell, for the names it declares
}

// at returns where the replaced text starts (a byte offset in before) and
// the matches for the code before the cursor.
func (c completer) at(before string) (int, []Match) {
	if lit, ok := openLiteral(before); ok {
		if !lit.inImport || lit.quote == '\'' {
			return len(before), nil // in a comment or string: nothing to offer
		}
		return lit.start, c.paths(before[lit.start:])
	}
	start := len(before)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:start])
		if !isIdent(r) {
			break
		}
		start -= size
	}
	prefix := before[start:]
	if start > 0 && before[start-1] == '.' {
		chain := chainBefore(before[:start-1])
		if chain == nil {
			return start, nil
		}
		return start, filter(c.members(chain), prefix)
	}
	if prefix == "" || unicode.IsDigit(rune(prefix[0])) {
		return start, nil // nothing typed yet, or a number: offering every name helps no one
	}
	return start, filter(c.bare(localNames(c.code, start)), prefix)
}

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// chainBefore returns the selector expression that ends s, such as
// ["req", "URL"] for "x := req.URL", or nil when s ends with something
// else (a call, an index, a literal) whose type completion cannot know.
func chainBefore(s string) []string {
	var chain []string
	for {
		i := len(s)
		for i > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:i])
			if !isIdent(r) {
				break
			}
			i -= size
		}
		id := s[i:]
		if id == "" || unicode.IsDigit(rune(id[0])) {
			return nil
		}
		chain = append([]string{id}, chain...)
		if i == 0 || s[i-1] != '.' {
			return chain
		}
		s = s[:i-1]
	}
}

// literal is a string or comment still open at the cursor.
type literal struct {
	start    int // byte offset just after the opening quote
	quote    byte
	inImport bool
}

// openLiteral scans before with go/scanner and reports whether it ends
// inside a comment, string or rune literal, and whether that string is an
// import path.
func openLiteral(before string) (literal, bool) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(before))
	errAt := map[int]bool{}
	var s scanner.Scanner
	s.Init(file, []byte(before), func(pos token.Position, _ string) { errAt[pos.Offset] = true }, scanner.ScanComments)
	importState := 0 // 1 after `import`, 2 inside `import (`
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return literal{}, false
		}
		off := file.Offset(pos)
		end := off + len(lit)
		switch tok {
		case token.COMMENT:
			if end >= len(before) && (strings.HasPrefix(lit, "//") || !strings.HasSuffix(lit, "*/") || len(lit) < 4) {
				return literal{start: len(before)}, true
			}
		case token.STRING, token.CHAR:
			if end >= len(before) && unterminated(lit, off, errAt) {
				return literal{start: off + 1, quote: lit[0], inImport: importState > 0 && tok == token.STRING}, true
			}
		}
		importState = nextImportState(importState, tok)
	}
}

func unterminated(lit string, off int, errAt map[int]bool) bool {
	if len(lit) < 2 || lit[len(lit)-1] != lit[0] {
		return true
	}
	for o := off; o < off+len(lit); o++ {
		if errAt[o] {
			return true
		}
	}
	return false
}

func nextImportState(state int, tok token.Token) int {
	switch {
	case tok == token.IMPORT:
		return 1
	case state == 1 && tok == token.LPAREN:
		return 2
	case state == 2 && tok == token.RPAREN:
		return 0
	case state == 1 && (tok == token.STRING || tok == token.SEMICOLON):
		return 0
	}
	return state
}

// filter keeps the matches starting with prefix; when none does, it retries
// ignoring case, so `strings.toup` still finds ToUpper.
func filter(ms []Match, prefix string) []Match {
	var out []Match
	for _, m := range ms {
		if strings.HasPrefix(m.Text, prefix) {
			out = append(out, m)
		}
	}
	if len(out) > 0 || prefix == "" {
		return out
	}
	lower := strings.ToLower(prefix)
	for _, m := range ms {
		if strings.HasPrefix(strings.ToLower(m.Text), lower) {
			out = append(out, m)
		}
	}
	return out
}

// sortGroup sorts one group of matches by name; groups keep their order.
func sortGroup(ms []Match) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Text < ms[j].Text })
}
