package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewerStandardLibraryInCells runs cells using what the standard
// library gained after Go 1.22 (package stdsyms): the iterator functions
// of strings and bytes through range, slices.Collect and iter.Pull, new
// packages, functions, a constant and a variable.
func TestNewerStandardLibraryInCells(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "range over strings.SplitSeq",
			cells: []string{"import (\"fmt\"; \"strings\")\nfor part := range strings.SplitSeq(\"a,b,c\", \",\") { fmt.Print(part, \";\") }"},
			out:   "a;b;c;"},
		{name: "strings.Lines collected",
			cells: []string{"import (\"slices\"; \"strings\")\nslices.Collect(strings.Lines(\"one\\ntwo\\n\"))"},
			text:  "[one\n two\n]"},
		{name: "strings.FieldsSeq pulled",
			cells: []string{"import (\"fmt\"; \"iter\"; \"strings\")\nnext, stop := iter.Pull(strings.FieldsSeq(\"  x  y \"))\na, ok1 := next()\nb, ok2 := next()\n_, ok3 := next()\nstop()\nfmt.Println(a, ok1, b, ok2, ok3)"},
			out:   "x true y true false\n"},
		{name: "iterator in a variable of a later cell",
			cells: []string{"import \"strings\"\nseq := strings.SplitAfterSeq(\"p-q\", \"-\")", "import \"fmt\"\nfor s := range seq { fmt.Printf(\"%q \", s) }"},
			out:   "\"p-\" \"q\" "},
		{name: "strings.FieldsFuncSeq with a func literal",
			cells: []string{"import (\"fmt\"; \"strings\")\nfor w := range strings.FieldsFuncSeq(\"a,b;c\", func(r rune) bool { return r == ',' || r == ';' }) { fmt.Print(w, \" \") }"},
			out:   "a b c "},
		{name: "strings.FieldsFuncSeq in a func",
			cells: []string{"import (\"strings\"; \"unicode\")\nfunc words(s string) (n int) { for range strings.FieldsFuncSeq(s, unicode.IsPunct) { n++ }; return }", "words(\"a.b,c\")"},
			text:  "3"},
		{name: "bytes.Lines",
			cells: []string{"import (\"bytes\"; \"fmt\")\nfor l := range bytes.Lines([]byte(\"x\\ny\")) { fmt.Printf(\"%q \", l) }"},
			out:   "\"x\\n\" \"y\" "},
		{name: "crypto/sha3.Sum256",
			cells: []string{"import (\"crypto/sha3\"; \"fmt\")\nfmt.Printf(\"%x\\n\", sha3.Sum256([]byte(\"abc\")))"},
			out:   "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532\n"},
		{name: "untyped constant of a new package",
			cells: []string{"import \"crypto/mlkem\"\nmlkem.SharedKeySize * 2"},
			text:  "64"},
		{name: "variable added after 1.22",
			cells: []string{"import \"log/slog\"\nlogger := slog.New(slog.DiscardHandler)\nlogger.Info(\"not shown\")\nlogger.Enabled(nil, slog.LevelError)"},
			text:  "false"},
		{name: "crypto/rand.Text",
			cells: []string{"import \"crypto/rand\"\nlen(rand.Text())"},
			text:  "26"},
		{name: "range over a Seq2 from a method added in Go 1.23",
			cells: []string{"import (\"fmt\"; \"reflect\")\nfor i, v := range reflect.ValueOf([]string{\"a\", \"b\"}).Seq2() { fmt.Println(i, v) }"},
			out:   "0 a\n1 b\n"},
		{name: "two variables over a one-value iterator: Go's error",
			cells:   []string{"import (\"fmt\"; \"strings\")\nfor i, l := range strings.Lines(\"x\") { fmt.Println(i, l) }"},
			errName: "CompileError", errHas: "permits only one iteration variable"},
		{name: "iterator used as a slice is refused by the type checker",
			cells:   []string{"import (\"slices\"; \"strings\")\nparts := strings.SplitSeq(\"b,a\", \",\")\nslices.Sort(parts)"},
			errName: "CompileError", errHas: "iter.Seq[string]"},
		{name: "a package with only generic API is refused with the reason",
			cells:   []string{"import \"crypto/hkdf\"\nhkdf.Key"},
			errName: "ImportError", errHas: "\"crypto/hkdf\": this standard library package is not available in cells: its functions and types are all generic"},
		{name: "testing/synctest is refused",
			cells:   []string{"import \"testing/synctest\"\nsynctest.Wait()"},
			errName: "ImportError", errHas: "\"testing/synctest\": this standard library package is not available in cells"},
	})
}

// TestCopyFSInCell copies an fs.FS into a new directory with os.CopyFS
// (Go 1.23) and reads the copy back.
func TestCopyFSInCell(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	if err := os.MkdirAll(filepath.Join(src, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "a", "b.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	cell := "import \"os\"\nerr := os.CopyFS(" + strconvQuote(dst) + ", os.DirFS(" + strconvQuote(src) + "))\nerr"
	runOutCases(t, []outCase{{name: "copy", cells: []string{cell}, text: "<nil>"}})
	b, err := os.ReadFile(filepath.Join(dst, "a", "b.txt"))
	if err != nil || string(b) != "hello" {
		t.Fatalf("copied file: %q, %v", b, err)
	}
}

func strconvQuote(s string) string {
	return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\""
}
