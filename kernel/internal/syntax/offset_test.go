package syntax

import "testing"

func TestByteOffset(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		cursor int
		want   int
	}{
		{"start", "abc", 0, 0},
		{"negative", "abc", -3, 0},
		{"ascii", "abc", 2, 2},
		{"after two-byte rune", "é.x", 2, 3},
		{"after astral rune", "🌍x", 1, 4},
		{"past the end", "日本", 9, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ByteOffset(tc.code, tc.cursor); got != tc.want {
				t.Errorf("ByteOffset(%q, %d) = %d, want %d", tc.code, tc.cursor, got, tc.want)
			}
		})
	}
}
