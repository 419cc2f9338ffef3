package complete

import (
	"slices"
	"testing"
	"unicode/utf8"

	"golessons/kernel/internal/docindex/srcdoc"
	"golessons/kernel/internal/symtab"
)

// testEnv is a session in which the user declared a struct var p, a
// Builder b the evaluator listed no members for, a func and a type, and
// imported strings under the alias str.
func testEnv() srcdoc.Env {
	return srcdoc.Env{
		Symbols: []symtab.Symbol{
			{Name: "p", Kind: symtab.KindVar, Decl: "p := Point{1, 2}", Type: "main.Point", Value: "{1 2}", Members: []symtab.Member{
				{Name: "X", Kind: symtab.MemberField, Signature: "int"},
				{Name: "Y", Kind: symtab.MemberField, Signature: "int"},
				{Name: "Dist", Kind: symtab.MemberMethod, Signature: "func() float64"},
				{Name: "Zone", Kind: symtab.MemberField, Signature: "*time.Location"},
			}},
			{Name: "q", Kind: symtab.KindVar, Decl: "var q Point", Type: "main.Point"},
			{Name: "req", Kind: symtab.KindVar, Decl: "req, _ := http.NewRequest(\"GET\", u, nil)", Type: "*http.Request"},
			{Name: "b", Kind: symtab.KindVar, Decl: "var b strings.Builder", Type: "*strings.Builder"},
			{Name: "printAll", Kind: symtab.KindFunc, Decl: "func printAll(xs []int)", Type: "func([]int)"},
			{Name: "Point", Kind: symtab.KindType, Decl: "type Point struct{ X, Y int }", Type: "main.Point", Members: []symtab.Member{
				{Name: "X", Kind: symtab.MemberField, Signature: "int"},
				{Name: "Y", Kind: symtab.MemberField, Signature: "int"},
			}},
			{Name: "str", Kind: symtab.KindImport, Decl: "strings"},
		},
		Imports: map[string]string{"fmt": "fmt"},
	}
}

func TestComplete(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		cursor int // code points; -1 means the end of code
		want   []string
		// wantAbsent must not be among the matches.
		wantAbsent []string
		// wantFirst, when set, must be the first match.
		wantFirst string
		// wantStart is CursorStart counted back from the cursor.
		wantBack int
	}{
		{name: "package members", code: "strings.", cursor: -1, want: []string{"ToUpper", "Builder", "HasPrefix"}},
		{name: "package member prefix", code: "strings.ToU", cursor: -1, want: []string{"ToUpper", "ToUpperSpecial"}, wantAbsent: []string{"ToLower"}, wantBack: 3},
		{name: "ignores case when nothing else matches", code: "strings.toup", cursor: -1, want: []string{"ToUpper"}, wantBack: 4},
		{name: "not yet imported", code: "x := http.Get", cursor: -1, want: []string{"Get"}, wantBack: 3},
		{name: "import alias", code: "str.Has", cursor: -1, want: []string{"HasPrefix", "HasSuffix"}, wantBack: 3},
		{name: "non-ASCII before cursor", code: "s := \"héllo wörld 🌍\"\nfmt.Pri", cursor: -1, want: []string{"Print", "Printf", "Println"}, wantBack: 3},
		{name: "cursor mid-line after non-ASCII", code: "é := 1; fmt.Spr + é", cursor: 15, want: []string{"Sprint", "Sprintf", "Sprintln"}, wantBack: 3},
		{name: "user var members", code: "p.", cursor: -1, want: []string{"Dist", "X", "Y"}},
		{name: "user var members prefix", code: "d := p.D", cursor: -1, want: []string{"Dist"}, wantAbsent: []string{"X"}, wantBack: 1},
		{name: "members from the var's type", code: "b.Wr", cursor: -1, want: []string{"WriteString", "WriteByte"}, wantBack: 2},
		{name: "members of the user type of a var", code: "q.", cursor: -1, want: []string{"X", "Y"}, wantAbsent: []string{"Dist"}},
		{name: "field of a user var", code: "p.Zone.", cursor: -1, want: []string{"String"}},
		{name: "field of a library type", code: "req.URL.Ho", cursor: -1, want: []string{"Host"}, wantBack: 2},
		{name: "method expressions", code: "strings.Builder.", cursor: -1, want: []string{"WriteString", "Len"}},
		{name: "package var is not a type", code: "os.Stdout.", cursor: -1},
		{name: "bare prefix puts user names first", code: "pri", cursor: -1, want: []string{"printAll", "print", "println"}, wantFirst: "printAll", wantBack: 3},
		{name: "bare prefix: packages, builtins, keywords", code: "x := str", cursor: -1, want: []string{"str", "strings", "strconv", "string", "struct"}, wantFirst: "str", wantBack: 3},
		{name: "names declared in this cell", code: "total, count := 0, 0\nvar limit = 3\nfunc tally() {}\nfor _, n := range xs {\n\tto", cursor: -1, want: []string{"total"}, wantAbsent: []string{"to"}, wantFirst: "total", wantBack: 2},
		{name: "names declared after the cursor", code: "fmt.Println(cou)\ncount := 1", cursor: 15, want: []string{"count"}, wantBack: 3},
		{name: "bare user type", code: "var q Po", cursor: -1, want: []string{"Point"}, wantBack: 2},
		{name: "in a string", code: `fmt.Println("strings.`, cursor: -1},
		{name: "in a line comment", code: "// strings.", cursor: -1},
		{name: "in a block comment", code: "/* strings.", cursor: -1},
		{name: "after a closed string", code: `s := "a" + str`, cursor: -1, want: []string{"str", "strings"}, wantBack: 3},
		{name: "import path", code: `import "net/h`, cursor: -1, want: []string{"net/http", "net/http/httptest"}, wantAbsent: []string{"fmt"}, wantBack: 5},
		{name: "import group path", code: "import (\n\t\"fmt\"\n\t\"encoding/j", cursor: -1, want: []string{"encoding/json"}, wantBack: 10},
		{name: "unknown package", code: "nosuchpkg.", cursor: -1},
		{name: "index expression", code: "xs[0].", cursor: -1},
		{name: "number", code: "x := 1.", cursor: -1},
		{name: "empty", code: "", cursor: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cursor := tt.cursor
			if cursor < 0 {
				cursor = utf8.RuneCountInString(tt.code)
			}
			got := Complete(tt.code, cursor, testEnv())
			for _, w := range tt.want {
				if !slices.Contains(got.Matches, w) {
					t.Errorf("matches %v lack %q", got.Matches, w)
				}
			}
			for _, w := range tt.wantAbsent {
				if slices.Contains(got.Matches, w) {
					t.Errorf("matches %v contain %q", got.Matches, w)
				}
			}
			if len(tt.want) == 0 && len(got.Matches) > 0 {
				t.Errorf("matches = %v, want none", got.Matches)
			}
			if tt.wantFirst != "" && (len(got.Matches) == 0 || got.Matches[0] != tt.wantFirst) {
				t.Errorf("first match of %v, want %q", got.Matches, tt.wantFirst)
			}
			if got.CursorEnd != cursor || got.CursorStart != cursor-tt.wantBack {
				t.Errorf("cursor = [%d, %d], want [%d, %d]", got.CursorStart, got.CursorEnd, cursor-tt.wantBack, cursor)
			}
			if len(got.Types) != len(got.Matches) {
				t.Errorf("%d types for %d matches", len(got.Types), len(got.Matches))
			}
		})
	}
}

func TestLocalNames(t *testing.T) {
	tests := []struct {
		name, code string
		want       []string
	}{
		{"every kind", "type Celsius float64\nconst limit = 3\nvar ratio float64\nfunc tally() {}\na, b := 1, 2\n_, err := f()", []string{
			"Celsius type", "limit constant", "ratio variable", "tally function", "a variable", "b variable", "err variable"}},
		{"range and if", "for i, v := range xs {}\nif ok := f(); ok {}", []string{"i variable", "v variable", "ok variable"}},
		{"assignment is not a declaration", "x = 1\nx, y = 2, 3", []string{}},
		{"broken code", "x := )\ny :=", []string{"x variable", "y variable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, m := range localNames(tt.code, -1) {
				got = append(got, m.Text+" "+m.Type)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("localNames(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestTypes(t *testing.T) {
	tests := []struct {
		code, text, wantType, wantSig string
	}{
		{"strings.ToUpper", "ToUpper", "function", "func ToUpper(s string) string"},
		{"strings.Builder", "Builder", "type", "type Builder struct {\n\t// contains filtered or unexported fields\n}"},
		{"io.EOF", "EOF", "variable", `var EOF = errors.New("EOF")`},
		{"math.Pi", "Pi", "constant", "const Pi = 3.14159265358979323846264338327950288419716939937510582097494459"},
		{"p.Dist", "Dist", "method", "func() float64"},
		{"p.X", "X", "field", "int"},
		{"printA", "printAll", "function", "func printAll(xs []int)"},
		{"Poi", "Point", "type", "type Point struct{ X, Y int }"},
		{"fm", "fmt", "module", `import "fmt"`},
		{"sel", "select", "keyword", ""},
		{"appe", "append", "function", "func append(slice []Type, elems ...Type) []Type"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got := Complete(tt.code, utf8.RuneCountInString(tt.code), testEnv())
			i := slices.Index(got.Matches, tt.text)
			if i < 0 {
				t.Fatalf("matches %v lack %q", got.Matches, tt.text)
			}
			if m := got.Types[i]; m.Type != tt.wantType || m.Signature != tt.wantSig {
				t.Errorf("type of %q = %q %q, want %q %q", tt.text, m.Type, m.Signature, tt.wantType, tt.wantSig)
			}
		})
	}
}

func BenchmarkComplete(b *testing.B) {
	env := testEnv()
	cases := []struct{ name, code string }{
		{"package", "x := 1\nstrings.To"},
		{"bare", "x := 1\npr"},
		{"user var", "x := 1\np."},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			Complete(c.code, len(c.code), env) // warm: decode the index
			for b.Loop() {
				Complete(c.code, len(c.code), env)
			}
		})
	}
}
