package syntax

import (
	"fmt"
	"testing"
)

func TestDeclsFindsWhatACellDeclares(t *testing.T) {
	tests := []struct {
		code string
		want string
	}{
		{"x := 1", "[x variable 0]"},
		{"a, b := f()", "[a variable 0 b variable 3]"},
		{"var n int\nconst k = 2", "[n variable 4 k constant 16]"},
		{"type T struct{}\nfunc F() {}", "[T type 5 F function 21]"},
		{"_, err := f()", "[err variable 3]"},
		{"x = 1\nf(a, b)\ny == z", "[]"},
		{"for i := range 3 {", "[i variable 4]"},
		{"s := \"a := b\"", "[s variable 0]"},
		{"fmt.Pri", "[]"},
	}
	for _, tt := range tests {
		got := fmt.Sprint(Decls(tt.code))
		// Decl prints as {Name Kind Offset}; compare without the braces.
		flat := ""
		for _, d := range Decls(tt.code) {
			if flat != "" {
				flat += " "
			}
			flat += fmt.Sprintf("%s %s %d", d.Name, d.Kind, d.Offset)
		}
		if "["+flat+"]" != tt.want {
			t.Errorf("Decls(%q) = %s, want %s", tt.code, got, tt.want)
		}
	}
}
