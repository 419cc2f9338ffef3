package syntax

import (
	"errors"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// Statuses returned by IsComplete (messaging spec, is_complete_reply).
const (
	Complete   = "complete"
	Incomplete = "incomplete"
	Invalid    = "invalid"
)

// IsComplete reports the status of code and, when incomplete, the
// whitespace the next line should start with.
func IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return Complete, ""
	}
	toks, st := scan(code)
	switch st {
	case Invalid:
		return Invalid, ""
	case Incomplete:
		return Incomplete, nextIndent(code)
	}
	if err := parseCell(code, toks); err != nil {
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 && list[0].Pos.Offset >= len(strings.TrimRight(code, " \t\r\n")) {
			// The parser ran out of input (`x := 1 +`, `type T struct`):
			// more lines can still make it valid.
			return Incomplete, nextIndent(code)
		}
		return Invalid, ""
	}
	return Complete, ""
}

// tok is a scanned token with its byte offset in the cell.
type tok struct {
	off int
	tok token.Token
	lit string
}

// scan tokenizes code and checks its brackets: an unclosed bracket, raw
// string or block comment leaves the cell incomplete; a closing bracket
// without its opener, or any other scanner error, makes it invalid.
func scan(code string) ([]tok, string) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var errs []string
	var s scanner.Scanner
	s.Init(file, []byte(code), func(_ token.Position, msg string) { errs = append(errs, msg) }, 0)
	var toks []tok
	var stack []token.Token
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{off: file.Offset(pos), tok: t, lit: lit})
		switch t {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			stack = append(stack, t)
		case token.RPAREN, token.RBRACE, token.RBRACK:
			if len(stack) == 0 || closer(stack[len(stack)-1]) != t {
				return toks, Invalid
			}
			stack = stack[:len(stack)-1]
		}
	}
	for _, msg := range errs {
		if msg == "raw string literal not terminated" || msg == "comment not terminated" {
			return toks, Incomplete
		}
	}
	if len(errs) > 0 {
		return toks, Invalid
	}
	if len(stack) > 0 {
		return toks, Incomplete
	}
	return toks, Complete
}

func closer(open token.Token) token.Token {
	switch open {
	case token.LPAREN:
		return token.RPAREN
	case token.LBRACE:
		return token.RBRACE
	}
	return token.RBRACK
}

// nextIndent is the last non-blank line's indent, one level deeper when
// that line opens a block or a case clause. The level is a tab when the
// cell already indents with tabs (gofmt style), else four spaces.
func nextIndent(code string) string {
	unit := "    "
	lines := strings.Split(code, "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "\t") {
			unit = "\t"
			break
		}
	}
	last := ""
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			last = lines[i]
			break
		}
	}
	base := last[:len(last)-len(strings.TrimLeft(last, " \t"))]
	body := strings.TrimSpace(last)
	if i := strings.Index(body, "//"); i >= 0 {
		body = strings.TrimSpace(body[:i])
	}
	switch {
	case strings.HasSuffix(body, "{"), strings.HasSuffix(body, "("), strings.HasSuffix(body, "["):
		return base + unit
	case strings.HasSuffix(body, ":") && (strings.HasPrefix(body, "case") || strings.HasPrefix(body, "default")):
		return base + unit
	}
	return base
}

// The wrappers give a cell's parts the context go/parser needs.
const (
	filePrefix = "package cell\n"
	bodyPrefix = "package cell\nfunc _() {\n"
	bodySuffix = "\n}\n"
)

// parseCell parses the cell's top-level func and import declarations as a
// file and the rest as a function body. Blanking instead of cutting keeps
// every part at its offset, so error offsets are cell offsets.
func parseCell(code string, toks []tok) error {
	decls := declSpans(toks, len(code))
	declSrc, stmtSrc := []byte(code), []byte(code)
	// 0: a statement; 1: a file-level declaration; 2: a package clause,
	// dropped from both because the wrappers bring their own.
	part := make([]byte, len(code))
	for _, sp := range decls {
		kind := byte(1)
		if strings.HasPrefix(code[sp[0]:], "package") {
			kind = 2
		}
		for i := sp[0]; i < sp[1]; i++ {
			part[i] = kind
		}
	}
	for i := range code {
		if code[i] == '\n' {
			continue
		}
		if part[i] != 0 {
			stmtSrc[i] = ' '
		}
		if part[i] != 1 {
			declSrc[i] = ' '
		}
	}
	fset := token.NewFileSet()
	if len(decls) > 0 {
		if _, err := parser.ParseFile(fset, "", filePrefix+string(declSrc), parser.SkipObjectResolution); err != nil {
			return shift(err, len(filePrefix))
		}
	}
	if strings.TrimSpace(string(stmtSrc)) != "" {
		if _, err := parser.ParseFile(fset, "", bodyPrefix+string(stmtSrc)+bodySuffix, parser.SkipObjectResolution); err != nil {
			return shift(err, len(bodyPrefix))
		}
	}
	return nil
}

// shift moves error offsets from wrapped source back to the cell.
func shift(err error, by int) error {
	var list scanner.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	for _, e := range list {
		e.Pos.Offset -= by
	}
	return list
}

// declSpans returns the byte spans of top-level declarations that only a
// file may hold: `package`, `import` and named funcs and methods. Each runs
// from its keyword to the end of its statement at bracket depth 0.
func declSpans(toks []tok, size int) [][2]int {
	var spans [][2]int
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		atStmtStart := i == 0 || toks[i-1].tok == token.SEMICOLON
		if depth == 0 && atStmtStart && isFileDecl(toks, i) {
			j, d := i, 0
			for ; j < len(toks); j++ {
				d += bracketDelta(toks[j].tok)
				if d == 0 && toks[j].tok == token.SEMICOLON {
					break
				}
			}
			end := size
			if j < len(toks) {
				end = toks[j].off
			}
			spans = append(spans, [2]int{t.off, end})
			i = j
			continue
		}
		depth += bracketDelta(t.tok)
	}
	return spans
}

func bracketDelta(t token.Token) int {
	switch t {
	case token.LPAREN, token.LBRACE, token.LBRACK:
		return 1
	case token.RPAREN, token.RBRACE, token.RBRACK:
		return -1
	}
	return 0
}

// isFileDecl reports whether toks[i] starts a package clause, an import,
// `func Name` or a method `func (r T) Name(`, as opposed to a statement
// starting with a func literal such as `func() { ... }()`.
func isFileDecl(toks []tok, i int) bool {
	switch toks[i].tok {
	case token.PACKAGE, token.IMPORT:
		return true
	case token.FUNC:
	default:
		return false
	}
	if i+1 >= len(toks) {
		return false
	}
	if toks[i+1].tok == token.IDENT {
		return true
	}
	if toks[i+1].tok != token.LPAREN {
		return false
	}
	d := 0
	for j := i + 1; j < len(toks); j++ {
		d += bracketDelta(toks[j].tok)
		if d == 0 {
			return j+2 < len(toks) && toks[j+1].tok == token.IDENT &&
				(toks[j+2].tok == token.LPAREN || toks[j+2].tok == token.LBRACK)
		}
	}
	return false
}

// ByteOffset converts a cursor position counted in Unicode code points, as
// the messaging spec's cursor_pos is, to a byte offset in code (clamped).
func ByteOffset(code string, cursor int) int {
	if cursor <= 0 {
		return 0
	}
	n := 0
	for i := range code {
		if n == cursor {
			return i
		}
		n++
	}
	return len(code)
}
