package docindex_test

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golessons/kernel/internal/docindex"
	"golessons/kernel/internal/docindex/internal/extract"
)

func TestLookup(t *testing.T) {
	ix := docindex.Load()
	if err := docindex.LoadErr(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, pkg, member string
		wantKind, wantSig string
		wantDoc           string // a prefix of the doc
	}{
		{"func", "fmt", "Println", "func", "func Println(a ...any) (n int, err error)", "Println formats using the default formats"},
		{"method", "strings", "Builder.WriteString", "method", "func (b *Builder) WriteString(s string) (int, error)", "WriteString appends"},
		{"field", "net/http", "Request.Method", "field", "Method string", "Method specifies the HTTP method"},
		{"var", "io", "EOF", "var", `var EOF = errors.New("EOF")`, "EOF is the error returned by Read"},
		{"const", "time", "Second", "const", "const Second = 1000 * Millisecond", "Common durations."},
		{"typed const", "os", "O_RDONLY", "const", "const O_RDONLY int = syscall.O_RDONLY", "Exactly one of O_RDONLY"},
		{"iota const", "io/fs", "ModeAppend", "const", "const ModeAppend FileMode", "a: append-only"},
		// slices comes from the kernel's own sources when present, else
		// GOROOT's: both spell Contains this far.
		{"generic", "slices", "Contains", "func", "func Contains[", "Contains reports whether v"},
		{"builtin", docindex.BuiltinPath, "len", "func", "func len(v Type) int", "The len built-in function"},
		// cells have the iterator functions (eval's shims), so the index does
		{"iterator", "slices", "All", "func", "func All[E any](s []E) iter.Seq2[int, E]", "All returns an iterator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := ix.Lookup(tt.pkg, tt.member)
			if !ok {
				t.Fatalf("Lookup(%q, %q) not found", tt.pkg, tt.member)
			}
			if m.Kind != tt.wantKind || !strings.HasPrefix(m.Signature, tt.wantSig) || !strings.HasPrefix(m.Doc, tt.wantDoc) {
				t.Errorf("Lookup(%q, %q) = %q %q %q, want %q %q %q...", tt.pkg, tt.member, m.Kind, m.Signature, m.Doc, tt.wantKind, tt.wantSig, tt.wantDoc)
			}
		})
	}
}

func TestNotExported(t *testing.T) {
	ix := docindex.Load()
	tests := []struct{ name, pkg, member string }{
		{"generic type yaegi cannot export", "sync/atomic", "Pointer"},
		{"unexported", "fmt", "newPrinter"},
		{"generic, after Go 1.22", "crypto/hkdf", "Key"},
		{"builtin placeholder", docindex.BuiltinPath, "Type"},
		{"unknown package", "github.com/x/y", "Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m, ok := ix.Lookup(tt.pkg, tt.member); ok {
				t.Errorf("Lookup(%q, %q) = %+v, want not found", tt.pkg, tt.member, m)
			}
		})
	}
}

func TestPackages(t *testing.T) {
	ix := docindex.Load()
	paths := ix.Packages()
	for _, want := range []string{"fmt", "strings", "net/http", "slices", "maps", "cmp", "math/rand/v2"} {
		if !slices.Contains(paths, want) {
			t.Errorf("Packages() lacks %q", want)
		}
	}
	if slices.Contains(paths, docindex.BuiltinPath) {
		t.Errorf("Packages() lists %q, which cannot be imported", docindex.BuiltinPath)
	}
	tests := []struct{ name, want string }{
		{"rand", "math/rand"},
		{"template", "text/template"},
		{"http", "net/http"},
		{"v2", ""}, // math/rand/v2 is package rand, not v2
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if ps := ix.PathsByName(tt.name); len(ps) > 0 {
				got = ps[0]
			}
			if got != tt.want {
				t.Errorf("PathsByName(%q)[0] = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestUpToDate fails when demos, display or the kernel's slices/maps/cmp
// sources changed after the index was generated.
// Fix: go generate ./kernel/internal/docindex
func TestUpToDate(t *testing.T) {
	fresh, err := extract.Repo("../../..")
	if err != nil {
		t.Fatal(err)
	}
	ix := docindex.Load()
	paths := slices.Clone(extract.GenericPackages)
	for path := range extract.RepoPackages {
		paths = append(paths, path)
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			var want *docindex.Package
			for i := range fresh {
				if fresh[i].Path == path {
					want = &fresh[i]
				}
			}
			got, ok := ix.Package(path)
			if want == nil && slices.Contains(extract.GenericPackages, path) {
				return // documented from GOROOT, which this test does not rebuild
			}
			switch {
			case want == nil && ok:
				t.Errorf("index documents %s, which no longer exists; run go generate ./kernel/internal/docindex", path)
			case want != nil && !ok:
				t.Errorf("index lacks %s; run go generate ./kernel/internal/docindex", path)
			case want != nil && !reflect.DeepEqual(*got, *want):
				t.Errorf("index of %s is stale; run go generate ./kernel/internal/docindex", path)
			}
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	ix := docindex.Load()
	for b.Loop() {
		if _, ok := ix.Lookup("strings", "Builder.WriteString"); !ok {
			b.Fatal("not found")
		}
	}
}

func TestResolve(t *testing.T) {
	ix := docindex.Load()
	imports := map[string]string{"crand": "crypto/rand", "rand": "math/rand/v2", "bogus": "not/a/package"}
	pathTests := []struct {
		name, ident, want string
		wantOK            bool
	}{
		{"importable, not imported", "strings", "strings", true},
		{"alias", "crand", "crypto/rand", true},
		{"imported wins over preferred", "rand", "math/rand/v2", true},
		{"imported unknown path", "bogus", "not/a/package", false},
		{"unknown", "nosuchpkg", "", false},
	}
	for _, tt := range pathTests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ix.PackagePath(tt.ident, imports)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("PackagePath(%q) = %q, %v; want %q, %v", tt.ident, got, ok, tt.want, tt.wantOK)
			}
		})
	}
	typeTests := []struct{ typ, wantPath, wantName string }{
		{"*strings.Builder", "strings", "Builder"},
		{"http.Request", "net/http", "Request"},
		{"[]int", "", ""},
		{"main.Point", "", ""},
		{"strings.ToUpper", "", ""}, // a func, not a type
	}
	for _, tt := range typeTests {
		t.Run(tt.typ, func(t *testing.T) {
			path, m, _ := ix.NamedType(tt.typ, nil)
			if path != tt.wantPath || m.Name != tt.wantName {
				t.Errorf("NamedType(%q) = %q %q, want %q %q", tt.typ, path, m.Name, tt.wantPath, tt.wantName)
			}
		})
	}
}

// BenchmarkDecode measures the one-time cost of the first completion.
func BenchmarkDecode(b *testing.B) {
	data, err := os.ReadFile("index.gob.gz")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := docindex.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
