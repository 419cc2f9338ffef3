package modules

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golessons/kernel/internal/modules/modulestest"
)

// fileProxy is a GOPROXY folder built by a test.
type fileProxy struct {
	t *testing.T
	*modulestest.Proxy
	sums map[string]string // go.sum lines of everything published
}

func newFileProxy(t *testing.T) *fileProxy {
	p := modulestest.New(t)
	return &fileProxy{t: t, Proxy: p, sums: p.Sums}
}

func (p *fileProxy) publish(path, version string, files map[string]string) {
	p.t.Helper()
	p.Publish(p.t, path, version, files)
}

// config is a Config using only this proxy and a fresh cache, with the
// checksum database off (a file proxy serves none).
func (p *fileProxy) config(t *testing.T) Config {
	return Config{Proxies: ParseProxy(p.URL()), ProxySetting: p.URL(), Cache: filepath.Join(t.TempDir(), "mod"),
		HTTP: http.DefaultClient, WritableCache: true, Sums: map[string]string{}}
}

func TestGetDownloadsVerifiesAndCaches(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/hello", "v1.0.0", map[string]string{"hello.go": "package hello\n\nfunc Hi() string { return \"hi\" }\n"})
	p.publish("example.com/hello", "v1.2.0", map[string]string{"hello.go": "package hello\n\nfunc Hi() string { return \"hello\" }\n"})
	p.publish("example.com/hello", "v1.3.0-rc.1", map[string]string{"hello.go": "package hello\n"})
	cfg := p.config(t)
	cfg.Sums = p.sums
	m, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "")
	if err != nil {
		t.Fatal(err)
	}
	if m.Version != "v1.2.0" || m.From != p.URL() {
		t.Fatalf("got %+v, want v1.2.0 (highest release) from the proxy", m)
	}
	src, err := os.ReadFile(filepath.Join(m.Dir, "hello.go"))
	if err != nil || !strings.Contains(string(src), `"hello"`) {
		t.Fatalf("extracted source: %q, %v", src, err)
	}
	for _, ext := range []string{".zip", ".ziphash", ".mod", ".info"} {
		if _, err := os.Stat(filepath.Join(cfg.Cache, "cache/download/example.com/hello/@v/v1.2.0"+ext)); err != nil {
			t.Errorf("go command's cache file missing: %v", err)
		}
	}
	// Later, with downloads off, the cache answers.
	cfg.Proxies = ParseProxy("off")
	m2, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "")
	if err != nil || m2.Version != "v1.2.0" || m2.From != "cache" {
		t.Fatalf("offline: %+v, %v", m2, err)
	}
	// A version the cache lacks names the proxy setting and the cache.
	_, err = NewFetcher(cfg).Get(context.Background(), "example.com/hello", "v1.0.0")
	if err == nil || !strings.Contains(err.Error(), "GOPROXY=off") || !strings.Contains(err.Error(), cfg.Cache) {
		t.Fatalf("offline miss: %v", err)
	}
}

func TestGetRefusesChecksumMismatch(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/hello", "v1.0.0", map[string]string{"hello.go": "package hello\n"})
	cfg := p.config(t)
	cfg.Sums = map[string]string{"example.com/hello v1.0.0": "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}
	cfg.PinFile = "/nb/go.mod"
	_, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "v1.0.0")
	if err == nil || !strings.Contains(err.Error(), "SECURITY ERROR") || !strings.Contains(err.Error(), "/nb/go.sum") {
		t.Fatalf("err = %v, want a checksum mismatch naming go.sum", err)
	}
	if _, err := os.Stat(filepath.Join(cfg.Cache, "example.com/hello@v1.0.0")); err == nil {
		t.Fatal("a module that failed verification was extracted into the cache")
	}
}

func TestGetNoNetworkNamesProxyAndCache(t *testing.T) {
	cfg := Config{Proxies: ParseProxy("http://127.0.0.1:1"), ProxySetting: "http://127.0.0.1:1",
		Cache: t.TempDir(), HTTP: http.DefaultClient}
	_, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "")
	if err == nil || !strings.Contains(err.Error(), "cannot reach the module proxy http://127.0.0.1:1") || !strings.Contains(err.Error(), cfg.Cache) {
		t.Fatalf("err = %v", err)
	}
}

func TestPinsFromGoMod(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module nb\n\ngo 1.22\n\nrequire example.com/hello v1.0.0\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "go.sum"), []byte("example.com/hello v1.0.0 h1:x=\n"), 0o644)
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOMODCACHE", t.TempDir())
	cfg, err := FromEnv("", dir)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Pins["example.com/hello"] != "v1.0.0" || cfg.Sums["example.com/hello v1.0.0"] != "h1:x=" {
		t.Fatalf("pins %v sums %v", cfg.Pins, cfg.Sums)
	}
}

func TestParseProxy(t *testing.T) {
	got := ParseProxy("https://a.example,file:///p|direct")
	want := []Proxy{{"https://a.example", false}, {"file:///p", true}, {"direct", false}}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%v, want %v", got, want)
		}
	}
}

func TestCachedModuleIsCheckedAgainstGoSum(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/hello", "v1.0.0", map[string]string{"hello.go": "package hello\n"})
	cfg := p.config(t)
	if _, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "v1.0.0"); err != nil {
		t.Fatal(err)
	}
	cfg.Sums = map[string]string{"example.com/hello v1.0.0": "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}
	cfg.PinFile = "/nb/go.mod"
	_, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "v1.0.0")
	if err == nil || !strings.Contains(err.Error(), "SECURITY ERROR") || !strings.Contains(err.Error(), "the module cache has") {
		t.Fatalf("err = %v", err)
	}
	cfg.Sums = p.sums
	if _, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "v1.0.0"); err != nil {
		t.Fatalf("matching go.sum: %v", err)
	}
}

func TestGOPROXYDirectOnlyIsExplained(t *testing.T) {
	cfg := Config{Proxies: ParseProxy("direct"), ProxySetting: "direct", Cache: t.TempDir(), HTTP: http.DefaultClient}
	l := NewLoader(NewFetcher(cfg), stdKnown)
	_, err := l.Import(context.Background(), "example.com/hello")
	if err == nil || !strings.Contains(err.Error(), "GOPROXY=direct") || !strings.Contains(err.Error(), "does not download from repositories directly") {
		t.Fatalf("err = %v", err)
	}
}

func TestKernelsDownloadingTheSameModuleShareOneCache(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/hello", "v1.0.0", map[string]string{"hello.go": "package hello\n"})
	cfg := p.config(t)
	cfg.WritableCache = false // the go command's read-only tree, as kernels leave it
	t.Cleanup(func() { makeWritable(cfg.Cache) })
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			m, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "v1.0.0")
			if err == nil && m.Dir != filepath.Join(cfg.Cache, "example.com/hello@v1.0.0") {
				err = fmt.Errorf("dir %s", m.Dir)
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(cfg.Cache, "example.com", "*tmp*"))
	zips, _ := filepath.Glob(filepath.Join(cfg.Cache, "cache/download/example.com/hello/@v/*tmp*"))
	if len(left)+len(zips) > 0 {
		t.Errorf("temporary files left behind: %v %v", left, zips)
	}
	if fi, err := os.Stat(filepath.Join(cfg.Cache, "example.com/hello@v1.0.0/hello.go")); err != nil || fi.Mode().Perm()&0o222 != 0 {
		t.Errorf("extracted file: %v, %v (want read-only)", fi, err)
	}
}
