package srcdoc

import (
	"os"
	"path/filepath"
	"testing"

	"golessons/kernel/internal/docindex"
)

// cacheModule lays out path@version in a module cache as the go command
// (and modules.Fetcher) leave it: extracted source plus the .ziphash.
func cacheModule(t *testing.T, cache, path, version string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		f := filepath.Join(cache, path+"@"+version, name)
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zh := filepath.Join(cache, "cache", "download", path, "@v", version+".ziphash")
	os.MkdirAll(filepath.Dir(zh), 0o755)
	if err := os.WriteFile(zh, []byte("h1:x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIndexDocumentsCachedModulePackages(t *testing.T) {
	cache := t.TempDir()
	cacheModule(t, cache, "example.com/shapes", "v1.0.0", map[string]string{
		"go.mod":       "module example.com/shapes\n",
		"area/area.go": "// Package area measures shapes.\npackage area\n\n// Square is s×s.\nfunc Square(s float64) float64 { return s * s }\n",
	})
	cacheModule(t, cache, "example.com/shapes", "v1.1.0", map[string]string{
		"go.mod":       "module example.com/shapes\n",
		"area/area.go": "// Package area measures shapes.\npackage area\n\n// Square is the area of a square of side s.\nfunc Square(s float64) float64 { return s * s }\n",
	})
	t.Setenv("GOMODCACHE", cache)
	t.Setenv("GOLESSONS_MODCACHE", "")
	d := New("")
	base := docindex.New([]docindex.Package{{Path: "fmt", Name: "fmt"}})
	ix := d.Index(base, map[string]string{"area": "example.com/shapes/area", "fmt": "fmt"})
	m, ok := ix.Lookup("example.com/shapes/area", "Square")
	if !ok || m.Signature != "func Square(s float64) float64" || m.Doc != "Square is the area of a square of side s." {
		t.Fatalf("Square: %+v %v (want the newest cached version's docs)", m, ok)
	}
	if _, ok := ix.Lookup("golessons/modules", "List"); !ok {
		t.Fatal("golessons/modules is not documented")
	}
	if _, ok := ix.Package("fmt"); !ok {
		t.Fatal("the base index was lost")
	}
	if paths := ix.PathsByName("area"); len(paths) != 1 {
		t.Fatalf("area → %v", paths)
	}
	if again := d.Index(base, map[string]string{"area": "example.com/shapes/area"}); again != ix {
		t.Fatal("the same imports should reuse the built index")
	}
	if _, ok := base.Package("example.com/shapes/area"); ok {
		t.Fatal("the base index was changed")
	}
}
