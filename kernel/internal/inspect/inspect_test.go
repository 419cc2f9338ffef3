package inspect

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golessons/kernel/internal/docindex/srcdoc"
	"golessons/kernel/internal/symtab"
)

func testEnv() srcdoc.Env {
	return srcdoc.Env{
		Symbols: []symtab.Symbol{
			{Name: "p", Kind: symtab.KindVar, Decl: "p := Point{1, 2}", Type: "main.Point", Value: "{1 2}", Members: []symtab.Member{
				{Name: "X", Kind: symtab.MemberField, Signature: "int"},
				{Name: "Dist", Kind: symtab.MemberMethod, Signature: "func() float64"},
			}},
			{Name: "b", Kind: symtab.KindVar, Decl: "var b strings.Builder", Type: "*strings.Builder", Value: "&{...}"},
			{Name: "q", Kind: symtab.KindVar, Decl: "var q Point", Type: "main.Point", Value: "{0 0}"},
			{Name: "Point", Kind: symtab.KindType, Decl: "type Point struct{ X, Y int }", Type: "main.Point", Members: []symtab.Member{
				{Name: "X", Kind: symtab.MemberField, Signature: "int"},
			}},
			{Name: "req", Kind: symtab.KindVar, Decl: "req, _ := http.NewRequest(\"GET\", u, nil)", Type: "*http.Request"},
			{Name: "double", Kind: symtab.KindFunc, Decl: "func double(x int) int", Type: "func(int) int"},
			{Name: "crand", Kind: symtab.KindImport, Decl: "crypto/rand"},
		},
		Imports: map[string]string{"fmt": "fmt"},
	}
}

func TestInspect(t *testing.T) {
	tests := []struct {
		name string
		code string
		// at marks the cursor: the code point offset of the first "|",
		// which is removed from code. No "|" means the end.
		wantFound bool
		wantText  string // prefix of Text
		wantIn    string // also somewhere in Text
	}{
		{"issue example", "fmt.Println|", true, "func Println(a ...any) (n int, err error)\n\nPrintln formats using the default formats for its operands and writes to standard output.", ""},
		{"cursor inside the name", "fmt.Pri|ntln(x)", true, "func Println(a ...any) (n int, err error)", ""},
		{"cursor at the start of the name", "fmt.|Println(x)", true, "func Println(a ...any)", ""},
		{"inside the call", "fmt.Println(|", true, "func Println(a ...any)", ""},
		{"inside the call after non-ASCII", "fmt.Println(\"héllo 🌍\", |)", true, "func Println(a ...any)", ""},
		{"non-ASCII before the name", "s := \"日本語 🌍\"\nt := strings.ToUp|per(s)", true, "func ToUpper(s string) string", "ToUpper returns s with all Unicode letters mapped to their upper case."},
		{"innermost call", "fmt.Println(strings.Repeat(\"x\", |", true, "func Repeat(s string, count int) string", ""},
		{"package name", "fm|t.Println", true, `package fmt // import "fmt"`, "Println"},
		{"not yet imported package", "os|", true, `package os // import "os"`, ""},
		{"alias", "crand.Read|", true, "func Read(b []byte) (n int, err error)", ""},
		{"type with methods", "var sb strings.Builder|", true, "type Builder struct {", "func (b *Builder) WriteString(s string) (int, error)"},
		{"method through the type", "strings.Builder.Len|", true, "func (b *Builder) Len() int", ""},
		{"user var", "p|", true, "p := Point{1, 2}\n\ntype: main.Point\nvalue: {1 2}", "Dist() float64"},
		{"user var member", "p.Dis|t()", true, "Dist() float64", "method of p"},
		{"user var of a library type", "b.WriteString|", true, "func (b *Builder) WriteString(s string) (int, error)", ""},
		{"user var of a library type, itself", "b|", true, "var b strings.Builder\n\ntype: *strings.Builder\nvalue: &{...}", "A Builder is used to efficiently build a string"},
		{"member of a var through its user type", "q.X|", true, "X int", "field of q"},
		{"field of a library type", "req.URL.Host|", true, "Host string", `"host" or "host:port"`},
		{"method of a library field", "req.URL.Query|()", true, "func (u *URL) Query() Values", ""},
		{"user func", "double|(3)", true, "func double(x int) int", ""},
		{"builtin", "len|(xs)", true, "func len(v Type) int", "The len built-in function"},
		{"declared in this cell", "total, count := 0, 0\nfor range 3 {\n\tcount|++\n}", true, "total, count := 0, 0\n\nnote: declared in this cell", ""},
		{"func declared in this cell", "func triple(x int) int { return 3 * x }\ntriple|(2)", true, "func triple(x int) int { return 3 * x }", ""},
		{"local shadows a package", "strings := []string{}\nstrings|", true, "strings := []string{}", ""},
		{"unknown name", "nosuch|", false, "", ""},
		{"unknown package member", "fmt.Nosuch|", false, "", ""},
		{"number", "x := 1.5|", false, "", ""},
		{"nothing at the cursor", "x := 1 + |", false, "", ""},
		{"empty", "", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, cursor := tt.code, utf8.RuneCountInString(tt.code)
			if i := strings.Index(tt.code, "|"); i >= 0 {
				code = tt.code[:i] + tt.code[i+1:]
				cursor = utf8.RuneCountInString(tt.code[:i])
			}
			got := Inspect(code, cursor, 0, testEnv())
			if got.Found != tt.wantFound {
				t.Fatalf("Found = %v, want %v (text %q)", got.Found, tt.wantFound, got.Text)
			}
			if !strings.HasPrefix(got.Text, tt.wantText) || !strings.Contains(got.Text, tt.wantIn) {
				t.Errorf("Text = %q, want prefix %q containing %q", got.Text, tt.wantText, tt.wantIn)
			}
			if tt.wantFound && !strings.HasPrefix(got.Markdown, "```go\n"+firstLine(tt.wantText)) {
				t.Errorf("Markdown = %q, want a Go block starting %q", got.Markdown, firstLine(tt.wantText))
			}
		})
	}
}

func TestDetail(t *testing.T) {
	tests := []struct {
		name, code        string
		detail            int
		wantIn, wantNotIn string
	}{
		{"methods without docs", "strings.Builder", 0, "func (b *Builder) Grow(n int)", "Grow grows b's capacity"},
		{"methods with docs", "strings.Builder", 1, "Grow grows b's capacity", ""},
		{"package names", "strings", 0, "Builder, Clone, Compare", "func ToUpper"},
		{"package signatures", "strings", 1, "func ToUpper(s string) string", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Inspect(tt.code, utf8.RuneCountInString(tt.code), tt.detail, testEnv())
			if !strings.Contains(got.Text, tt.wantIn) {
				t.Errorf("Text = %q, want it to contain %q", got.Text, tt.wantIn)
			}
			if tt.wantNotIn != "" && strings.Contains(got.Text, tt.wantNotIn) {
				t.Errorf("Text = %q, want it without %q", got.Text, tt.wantNotIn)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct{ name, code, want string }{
		{"library func", "fmt.Println", "```go\nfunc Println(a ...any) (n int, err error)\n```\n\nPrintln formats using the default formats"},
		{"user var facts", "p", "```go\np := Point{1, 2}\n```\n\n**type**: `main.Point`\n\n**value**: `{1 2}`\n\n**Fields and methods**\n\n```go\nX int\nDist() float64\n```"},
		{"prose fact", "p.X", "```go\nX int\n```\n\n*field of p*"},
		{"note", "n := 1\nn", "```go\nn := 1\n```\n\n*declared in this cell, which has not run yet*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Inspect(tt.code, utf8.RuneCountInString(tt.code), 0, testEnv())
			if !strings.HasPrefix(got.Markdown, tt.want) {
				t.Errorf("Markdown = %q, want prefix %q", got.Markdown, tt.want)
			}
		})
	}
}

func BenchmarkInspect(b *testing.B) {
	env := testEnv()
	cases := []struct{ name, code string }{
		{"package func", "x := 1\nfmt.Println(x)"},
		{"call context", "x := 1\nfmt.Println(strings.Repeat(\"x\", "},
		{"user var", "x := 1\np"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			cursor := utf8.RuneCountInString(c.code)
			Inspect(c.code, cursor, 0, env) // warm: decode the index
			for b.Loop() {
				Inspect(c.code, cursor, 0, env)
			}
		})
	}
}
