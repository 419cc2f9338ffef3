package eval

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// segKind says how a run of top-level code in a cell must be handed to
// yaegi: as file-level declarations or as statements in a function body.
type segKind int

const (
	segImport segKind = iota // import declarations (must precede other decls in a file)
	segDecl                  // type, func, var, const declarations
	segStmt                  // statements and expressions
	segVar                   // var declarations, run as statements (see classify)
)

// segment is a maximal run of one kind of top-level code, with the cell
// position of its first byte so that errors can name the cell's own line.
type segment struct {
	kind      segKind
	text      string
	line, col int
}

// topItem is one top-level statement or declaration found by splitCell.
type topItem struct {
	kind       segKind
	start, end int // byte offsets in the cell
	skip       bool
}

// splitCell cuts a cell into runs of imports, declarations and statements,
// in source order. A `package` clause is dropped: students paste whole
// programs. Syntax errors are left for the parser, which reports them with
// cell positions.
func splitCell(src string) []segment {
	items := scanItems(src)
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	file.SetLinesForContent([]byte(src))
	var segs []segment
	var cur *topItem
	flush := func() {
		if cur == nil {
			return
		}
		cur.start = directivesAbove(src, cur.start)
		p := file.Position(file.Pos(cur.start))
		segs = append(segs, segment{kind: cur.kind, text: src[cur.start:cur.end], line: p.Line, col: p.Column})
		cur = nil
	}
	for i := range items {
		it := items[i]
		if it.skip {
			flush()
			continue
		}
		if cur != nil && cur.kind == it.kind {
			cur.end = it.end
			continue
		}
		flush()
		cur = &it
	}
	flush()
	return segs
}

// notAGoFile returns the cell position and Go's words for the first
// thing a cell with a package clause, a pasted program, has where a Go
// file cannot: a statement outside a function (a student's `count := 1`
// above func main ran, and main never did), an import after other
// declarations, a second package clause or one after the code.
func notAGoFile(src string) (line, col int, msg string, ok bool) {
	items := scanItems(src)
	hasPackage := false
	for _, it := range items {
		hasPackage = hasPackage || it.skip
	}
	if !hasPackage {
		return 0, 0, "", false
	}
	at := func(it topItem) (int, int) {
		return 1 + strings.Count(src[:it.start], "\n"), it.start - strings.LastIndex(src[:it.start], "\n")
	}
	packages, others := 0, false
	for _, it := range items {
		switch {
		case it.skip:
			packages++
			if packages > 1 || others {
				line, col = at(it)
				return line, col, "syntax error: non-declaration statement outside function body", true
			}
		case packages == 0:
			line, col = at(it)
			return line, col, "expected 'package', found " + strings.Fields(src[it.start:it.end])[0], true
		case it.kind == segStmt:
			line, col = at(it)
			return line, col, "syntax error: non-declaration statement outside function body", true
		case it.kind == segImport && others:
			line, col = at(it)
			return line, col, "syntax error: imports must appear before other declarations", true
		case it.kind != segImport:
			others = true
		}
	}
	return 0, 0, "", false
}

// scanItems finds the top-level statements of src: tokens between
// semicolons (explicit or automatic) at bracket depth zero.
func scanItems(src string) []topItem {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	var toks []scannedTok
	var items []topItem
	depth := 0
	for {
		pos, tok, lit := s.Scan()
		off := file.Offset(pos)
		if tok == token.EOF {
			if len(toks) > 0 {
				items = append(items, classify(toks, len(src)))
			}
			return items
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if tok == token.SEMICOLON && depth <= 0 {
			if len(toks) > 0 {
				end := off
				if lit == ";" {
					end++
				}
				items = append(items, classify(toks, end))
			}
			toks = toks[:0]
			continue
		}
		toks = append(toks, scannedTok{tok: tok, off: off, depth: depth})
	}
}

// scannedTok is a token of the current top-level item, with the bracket
// depth after it.
type scannedTok struct {
	tok   token.Token
	off   int
	depth int
}

// classify decides the kind of one top-level item from its first tokens.
// `func name`, `func (recv) name(` and `func name[` are declarations;
// any other `func` starts a function literal, which is a statement.
func classify(toks []scannedTok, end int) topItem {
	it := topItem{kind: segStmt, start: toks[0].off, end: end}
	switch toks[0].tok {
	case token.PACKAGE:
		it.skip = true
	case token.IMPORT:
		it.kind = segImport
	case token.TYPE, token.CONST:
		it.kind = segDecl
	case token.VAR:
		// A file-level var whose initialiser uses a global made by an
		// earlier cell's statement fails in yaegi ("variable definition
		// loop"); the same declaration as a statement works and is global.
		it.kind = segVar
	case token.FUNC:
		if isFuncDecl(toks) {
			it.kind = segDecl
		}
	}
	return it
}

func isFuncDecl(toks []scannedTok) bool {
	if len(toks) < 2 {
		return false
	}
	if toks[1].tok == token.IDENT {
		return true
	}
	if toks[1].tok != token.LPAREN {
		return false
	}
	// Skip the receiver list to its closing paren (depth back to 0).
	for i := 2; i+1 < len(toks); i++ {
		if toks[i].tok == token.RPAREN && toks[i].depth == 0 {
			return toks[i+1].tok == token.IDENT && i+2 < len(toks) &&
				(toks[i+2].tok == token.LPAREN || toks[i+2].tok == token.LBRACK)
		}
	}
	return false
}

// directivesAbove moves start back over the //go:embed lines right above
// it (comments are not part of a statement), so that the directive stays
// with its var.
func directivesAbove(src string, start int) int {
	for {
		lineStart := strings.LastIndexByte(src[:start], '\n') + 1
		if strings.TrimSpace(src[lineStart:start]) != "" || lineStart == 0 {
			return start
		}
		prevStart := strings.LastIndexByte(src[:lineStart-1], '\n') + 1
		if !strings.HasPrefix(strings.TrimSpace(src[prevStart:lineStart-1]), "//go:embed") {
			return start
		}
		start = prevStart + (len(src[prevStart:lineStart-1]) - len(strings.TrimLeft(src[prevStart:lineStart-1], " \t")))
	}
}

// bodylessFunc is Go's error for a func declared without a body in src:
// a file may declare one (its body written in assembly), a cell cannot.
// The usual cause is the brace put on the next line, which makes the
// header a declaration of its own and the body a block statement.
func bodylessFunc(src string) *Error {
	items := scanItems(src)
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	file.SetLinesForContent([]byte(src))
	for i, it := range items {
		if it.kind != segDecl || !strings.HasPrefix(src[it.start:], "func") {
			continue
		}
		text := src[it.start:it.end]
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.SkipObjectResolution)
		if err != nil || len(f.Decls) != 1 {
			continue // the parser reports it
		}
		fd, ok := f.Decls[0].(*ast.FuncDecl)
		if !ok || fd.Body != nil {
			continue
		}
		if i+1 < len(items) && strings.HasPrefix(src[items[i+1].start:], "{") {
			p := file.Position(file.Pos(items[i+1].start))
			return &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: syntax error: unexpected semicolon or newline before {", p.Line, p.Column)}
		}
		p := file.Position(file.Pos(it.start + strings.Index(text, fd.Name.Name)))
		return &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: missing function body", p.Line, p.Column)}
	}
	return nil
}
