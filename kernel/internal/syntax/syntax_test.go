package syntax

import "testing"

func TestIsComplete(t *testing.T) {
	tests := []struct {
		name       string
		code       string
		wantStatus string
		wantIndent string
	}{
		{"empty", "", Complete, ""},
		{"blank lines", "\n  \n", Complete, ""},
		{"statement", "x := 1", Complete, ""},
		{"open func", "func f() {", Incomplete, "    "},
		{"invalid statement", "x := )", Invalid, ""},
		{"closed func", "func f() {\n\treturn\n}", Complete, ""},
		{"func body continues with same indent", "func f() {\n    x := 1", Incomplete, "    "},
		{"tab indented cell continues with tabs", "func f() {\n\tif true {", Incomplete, "\t\t"},
		{"open call", "fmt.Println(1,", Incomplete, ""},
		{"open call then newline", "fmt.Println(\n", Incomplete, "    "},
		{"open composite literal", "xs := []int{", Incomplete, "    "},
		{"switch case", "switch x {\ncase 1:", Incomplete, "    "},
		{"raw string", "s := `line one", Incomplete, ""},
		{"block comment", "/* a note", Incomplete, ""},
		{"interpreted string across lines", "s := \"abc", Invalid, ""},
		{"trailing binary operator", "x := 1 +", Incomplete, ""},
		{"type without body", "type T struct", Incomplete, ""},
		{"unmatched close", "}", Invalid, ""},
		{"mismatched close", "f(]", Invalid, ""},
		{"illegal character", "x := 1 @ 2", Invalid, ""},
		{"syntax error inside", "x := 1\ny := := 2\nz := 3", Invalid, ""},
		{"mixed decls and statements", "import \"fmt\"\n\ntype P struct{ X int }\n\nfunc (p P) Show() { fmt.Println(p.X) }\n\nfunc main2() {}\np := P{1}\np.Show()", Complete, ""},
		{"func literal statement", "func() {\n\tfmt.Println(1)\n}()", Complete, ""},
		{"go statement", "go func(i int) { done <- i }(3)", Complete, ""},
		{"generic func", "func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}", Complete, ""},
		{"bare expression", "x", Complete, ""},
		{"package clause", "package main\n\nfunc main() {}", Complete, ""},
		{"comment after opener", "for i := range 3 { // loop", Incomplete, "    "},
		{"non-ASCII", "s := \"héllo 🌍\"\nfunc g() {", Incomplete, "    "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, indent := IsComplete(tt.code)
			if status != tt.wantStatus || indent != tt.wantIndent {
				t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", tt.code, status, indent, tt.wantStatus, tt.wantIndent)
			}
		})
	}
}

func BenchmarkIsComplete(b *testing.B) {
	code := "import \"fmt\"\n\nfunc f(x int) int {\n\treturn x * 2\n}\n\nfor i := range 10 {\n\tfmt.Println(f(i))\n}\n"
	for b.Loop() {
		IsComplete(code)
	}
}
