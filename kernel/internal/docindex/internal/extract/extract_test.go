package extract

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

const lessonSrc = `// Package lesson shows things.
//
// More words.
package lesson

// Point is a place.
//
// Second paragraph, dropped.
type Point struct {
	X, Y int // coordinates
	// Label names the point.
	Label string
	hidden bool
}

// Dist returns the distance.
func (p Point) Dist() float64 { return 0 }

// NewPoint makes a Point.
func NewPoint() Point { return Point{} }

// Pair holds two values.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

const (
	// A is first.
	A Kind = iota
	B
)

// Kind is a kind.
type Kind int

func unexported() {}
`

const ignoredSrc = `//go:build ignore

// Package maps is interpreted.
package maps

// Keys returns the keys.
func Keys[M ~map[K]V, K comparable, V any](m M) []K { return nil }
`

func write(t *testing.T, name, src string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestDir(t *testing.T) {
	p, err := Dir(write(t, "lesson", lessonSrc), "example.com/lesson", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "lesson" || p.Doc != "Package lesson shows things." {
		t.Errorf("package = %q %q", p.Name, p.Doc)
	}
	got := map[string]string{}
	for _, m := range p.Members {
		got[m.Name] = m.Kind + "|" + m.Signature + "|" + m.Doc
	}
	want := map[string]string{
		"A":        "const|const A Kind = iota|A is first.",
		"B":        "const|const B Kind|",
		"Kind":     "type|type Kind int|Kind is a kind.",
		"NewPoint": "func|func NewPoint() Point|NewPoint makes a Point.",
		"Pair":     "type|type Pair[K comparable, V any] struct {\n\tKey K\n\tVal V\n}|Pair holds two values.",
		"Point":    "type|type Point struct {\n\tX int\n\tY int\n\tLabel string\n\t// contains filtered or unexported fields\n}|Point is a place.",
	}
	for name, w := range want {
		t.Run(name, func(t *testing.T) {
			if got[name] != w {
				t.Errorf("member %s = %q, want %q", name, got[name], w)
			}
		})
	}
	if len(got) != len(want) {
		t.Errorf("members %v, want exactly %d", got, len(want))
	}
}

func TestDirAnyBuildTags(t *testing.T) {
	dir := write(t, "maps", ignoredSrc)
	tests := []struct {
		name    string
		opts    Options
		wantErr error
		want    int
	}{
		{"ignored by default", Options{}, ErrNoGo, 0},
		{"read with AnyBuildTags", Options{AnyBuildTags: true}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Dir(dir, "maps", tt.opts)
			if !errors.Is(err, tt.wantErr) || len(p.Members) != tt.want {
				t.Errorf("Dir = %d members, %v; want %d, %v", len(p.Members), err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestRepo(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"demos/demos.go":                    "// Package demos shows.\npackage demos\n\n// Run runs.\nfunc Run() {}\n",
		"kernel/eval/shims/maps/maps.go":    ignoredSrc,
		"kernel/other/slices/notslices.go":  "package other\n\nfunc X() {}\n",
		"build/node/cmp/cmp.go":             "package cmp\n\nfunc Y() {}\n",
		"kernel/eval/shims/cmp/cmp_test.go": "package cmp\n",
	}
	for name, src := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgs, err := Repo(root)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, p := range pkgs {
		got[p.Path] = len(p.Members)
	}
	// display is absent; slices is another package; cmp lives under build/
	// or only in a test file.
	want := map[string]int{"golessons/demos": 1, "maps": 1}
	if len(got) != len(want) || got["golessons/demos"] != 1 || got["maps"] != 1 {
		t.Errorf("Repo documented %v, want %v", got, want)
	}
}
