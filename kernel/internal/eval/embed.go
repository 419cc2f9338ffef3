package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golessons/kernel/internal/eval/rewrite"
)

// //go:embed in a cell: the interpreter ignores the directive, which
// would leave the variable silently empty. A string or []byte variable
// under the directive is given the file's content instead, read when the
// cell is prepared, from the kernel's working directory (the notebook's
// folder), as go build reads it from the package's folder. An embed.FS
// cannot be built outside the compiler: that is refused with the reason.

// fixEmbeds fills the variables that //go:embed comments of f name in
// the statements list.
func (e *Evaluator) fixEmbeds(f *ast.File, list []ast.Stmt) error {
	fset := e.i.FileSet()
	for _, cg := range f.Comments {
		var patterns []string
		var where token.Position
		for _, c := range cg.List {
			if rest, ok := strings.CutPrefix(c.Text, "//go:embed"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
				patterns = append(patterns, strings.Fields(rest)...)
				if !where.IsValid() {
					where = fset.Position(c.Pos())
				}
			}
		}
		if len(patterns) == 0 {
			continue
		}
		line := fset.Position(cg.End()).Line
		spec := varSpecAt(fset, list, line+1)
		fail := func(format string, a ...any) error {
			return &Error{Name: "CompileError", Value: fmt.Sprintf("%d:%d: ", where.Line, where.Column) + fmt.Sprintf(format, a...)}
		}
		if spec == nil || len(spec.Names) != 1 || len(spec.Values) != 0 {
			return fail("go:embed must be followed by one var declaration without a value")
		}
		kind := exprString(spec.Type)
		if kind != "string" && kind != "[]byte" {
			return fail("go:embed into %s is not available in the kernel: only string and []byte variables are filled (read a folder with os.DirFS(\".\") or os.ReadFile instead)", kind)
		}
		if len(patterns) != 1 || strings.ContainsAny(patterns[0], "*?[") {
			return fail("go:embed into a %s takes exactly one file name, got %s", kind, strings.Join(patterns, " "))
		}
		name, err := strconv.Unquote(patterns[0])
		if err != nil {
			name = patterns[0]
		}
		data, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil {
			wd, _ := os.Getwd()
			return fail("go:embed %s: cannot read it from the notebook's folder %s: %v", name, wd, err)
		}
		pos := spec.Names[0].Pos()
		var val ast.Expr = &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(string(data))}
		if kind == "[]byte" {
			val = &ast.CallExpr{Fun: &ast.ArrayType{Lbrack: pos, Elt: rewrite.Ident("byte", pos)}, Lparen: pos, Args: []ast.Expr{val}, Rparen: pos}
		}
		spec.Values = []ast.Expr{val}
	}
	return nil
}

// varSpecAt finds the var spec of list starting on the given line.
func varSpecAt(fset *token.FileSet, list []ast.Stmt, line int) *ast.ValueSpec {
	for _, s := range list {
		ds, ok := s.(*ast.DeclStmt)
		if !ok {
			continue
		}
		g, ok := ds.Decl.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, sp := range g.Specs {
			// The spec's own line, or the line of `var` for a one-spec
			// declaration. (Not End: a filled value spans no real lines.)
			if vs, ok := sp.(*ast.ValueSpec); ok && (fset.Position(vs.Pos()).Line == line ||
				(len(g.Specs) == 1 && fset.Position(g.Pos()).Line == line)) {
				return vs
			}
		}
	}
	return nil
}
