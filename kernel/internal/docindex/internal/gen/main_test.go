package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGoAPI(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go1.21.txt": "pkg slices, func Contains[$0 interface{ ~[]$1 }, $1 comparable]($0, $1) bool #57433\npkg maps, func Clone[$0 interface{ ~map[$1]$2 }, $1 comparable, $2 interface{}]($0) $0 #57436\n",
		"go1.22.txt": "pkg slices, func Concat[$0 interface{ ~[]$1 }, $1 interface{}](...$0) $0 #56353\npkg fmt, func Append([]uint8, ...interface{}) []uint8 #47579\n",
		"go1.23.txt": "pkg maps, func Keys[$0 interface{ ~map[$1]$2 }, $1 comparable, $2 interface{}]($0) iter.Seq[$1] #61900\n",
		"go1.txt":    "pkg cmp, type Ordered interface {} \n",
		"next.txt":   "pkg slices, func Later() #1\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	api, err := goAPI(dir, []string{"slices", "maps", "cmp"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pkg, name string
		want      bool
	}{
		{"slices", "Contains", true},
		{"slices", "Concat", true},
		{"maps", "Clone", true},
		{"maps", "Keys", false}, // Go 1.23: after yaegi's Go 1.22
		{"cmp", "Ordered", true},
		{"slices", "Later", false},
		{"fmt", "Append", false}, // not asked for
	}
	for _, tt := range tests {
		t.Run(tt.pkg+"."+tt.name, func(t *testing.T) {
			if got := api[tt.pkg][tt.name]; got != tt.want {
				t.Errorf("api[%q][%q] = %v, want %v", tt.pkg, tt.name, got, tt.want)
			}
		})
	}
}
