package modules

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/note"
)

// checksumDB serves a signed checksum database over HTTP whose records
// come from sums ("path version[/go.mod]" → hash), as sum.golang.org does.
func checksumDB(t *testing.T, sums map[string]string) *SumDB {
	skey, vkey, err := note.GenerateKey(rand.Reader, "sum.test")
	if err != nil {
		t.Fatal(err)
	}
	gosum := func(path, vers string) ([]byte, error) {
		h, ok := sums[path+" "+vers]
		hm, okm := sums[path+" "+vers+"/go.mod"]
		if !ok || !okm {
			return nil, fmt.Errorf("no record for %s@%s", path, vers)
		}
		return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, h, path, vers, hm)), nil
	}
	srv := httptest.NewServer(sumdb.NewServer(sumdb.NewTestServer(skey, gosum)))
	t.Cleanup(srv.Close)
	return &SumDB{Name: "sum.test", Key: vkey, URL: srv.URL}
}

func TestChecksumDatabaseVerifiesDownloads(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/hello", "v1.0.0", map[string]string{"hello.go": "package hello\n"})
	cfg := p.config(t)
	cfg.SumDB = checksumDB(t, p.sums)
	m, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "v1.0.0")
	if err != nil {
		t.Fatalf("honest database: %v", err)
	}
	if _, err := os.Stat(filepath.Join(cfg.Cache, "cache/download/sumdb/sum.test/lookup/example.com/hello@v1.0.0")); err != nil {
		t.Errorf("the lookup is not cached where the go command caches it: %v", err)
	}
	if m.Version != "v1.0.0" {
		t.Fatal(m)
	}
}

func TestChecksumDatabaseMismatchIsRefused(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/hello", "v1.0.0", map[string]string{"hello.go": "package hello\n"})
	lying := map[string]string{}
	for k, v := range p.sums {
		lying[k] = v
	}
	lying["example.com/hello v1.0.0"] = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
	cfg := p.config(t)
	cfg.SumDB = checksumDB(t, lying)
	_, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", "v1.0.0")
	if err == nil || !strings.Contains(err.Error(), "SECURITY ERROR") || !strings.Contains(err.Error(), "sum.test") {
		t.Fatalf("err = %v, want a checksum mismatch naming the database", err)
	}
}

func TestGONOSUMDBSkipsTheDatabase(t *testing.T) {
	p := newFileProxy(t)
	p.publish("corp.example/tool", "v0.1.0", map[string]string{"tool.go": "package tool\n"})
	cfg := p.config(t)
	cfg.SumDB = &SumDB{Name: "sum.test", Key: "sum.test+00000000+AAAA", URL: "http://127.0.0.1:9"}
	cfg.NoSumDB = "corp.example"
	if _, err := NewFetcher(cfg).Get(context.Background(), "corp.example/tool", "v0.1.0"); err != nil {
		t.Fatalf("a GONOSUMDB module must not need the database: %v", err)
	}
	cfg.NoSumDB = ""
	cfg.Cache = t.TempDir()
	if _, err := NewFetcher(cfg).Get(context.Background(), "corp.example/tool", "v0.1.0"); err == nil {
		t.Fatal("with the database unreachable and no GONOSUMDB, the download must not be trusted")
	}
}

func TestGONOPROXYNeedsADirectDownload(t *testing.T) {
	p := newFileProxy(t)
	p.publish("corp.example/tool", "v0.1.0", map[string]string{"tool.go": "package tool\n"})
	cfg := p.config(t)
	cfg.NoProxy = "corp.example/*"
	_, err := NewFetcher(cfg).Get(context.Background(), "corp.example/tool", "")
	if err == nil || !strings.Contains(err.Error(), "GONOPROXY") {
		t.Fatalf("err = %v", err)
	}
}

func TestProxyFallBack(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/hello", "v1.0.0", map[string]string{"hello.go": "package hello\n"})
	cfg := p.config(t)
	// "," falls back only on not found; "|" on any error.
	cfg.Proxies = ParseProxy("file:///nonexistent-proxy," + p.URL())
	if _, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", ""); err != nil {
		t.Fatalf("not found at the first proxy should try the second: %v", err)
	}
	cfg.Cache = t.TempDir()
	cfg.Proxies = ParseProxy("http://127.0.0.1:9|" + p.URL())
	if _, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", ""); err != nil {
		t.Fatalf("| should fall back after a network error: %v", err)
	}
	cfg.Cache = t.TempDir()
	cfg.Proxies = ParseProxy("http://127.0.0.1:9," + p.URL())
	var ne *NetError
	if _, err := NewFetcher(cfg).Get(context.Background(), "example.com/hello", ""); err == nil || !errorsAs(err, &ne) {
		t.Fatalf(", must stop at a network error: %v", err)
	}
}
