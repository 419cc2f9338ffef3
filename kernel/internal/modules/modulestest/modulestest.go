// Package modulestest builds file-based Go module proxies for tests: a
// folder that GOPROXY=file://... serves, with the go.sum lines of what it
// holds.
package modulestest

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// Proxy is a GOPROXY folder.
type Proxy struct {
	Dir  string
	Sums map[string]string // go.sum lines: "path version[/go.mod]" → hash
}

// New makes an empty proxy in a test's temporary folder.
func New(t testing.TB) *Proxy {
	return &Proxy{Dir: t.TempDir(), Sums: map[string]string{}}
}

// URL is the GOPROXY value that serves p.
func (p *Proxy) URL() string { return "file://" + filepath.ToSlash(p.Dir) }

// Publish adds path@version holding files (a go.mod is made when files has
// none): list, .info, .mod and .zip, as a proxy serves them.
func (p *Proxy) Publish(t testing.TB, path, version string, files map[string]string) {
	t.Helper()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = "module " + path + "\n\ngo 1.21\n"
	}
	esc, err := module.EscapePath(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(p.Dir, filepath.FromSlash(esc), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var zf []modzip.File
	for name, body := range files {
		zf = append(zf, file{name, []byte(body)})
	}
	var buf bytes.Buffer
	if err := modzip.Create(&buf, module.Version{Path: path, Version: version}, zf); err != nil {
		t.Fatal(err)
	}
	zipName := filepath.Join(dir, version+".zip")
	info, _ := json.Marshal(map[string]string{"Version": version, "Time": "2026-01-02T03:04:05Z"})
	for name, data := range map[string][]byte{zipName: buf.Bytes(), filepath.Join(dir, version+".mod"): []byte(files["go.mod"]),
		filepath.Join(dir, version+".info"): info} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := os.ReadFile(filepath.Join(dir, "list"))
	if err := os.WriteFile(filepath.Join(dir, "list"), append(list, version+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := dirhash.HashZip(zipName, dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	p.Sums[path+" "+version] = h
	mh, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(files["go.mod"])), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p.Sums[path+" "+version+"/go.mod"] = mh
}

type file struct {
	name string
	data []byte
}

func (f file) Path() string                 { return f.name }
func (f file) Lstat() (os.FileInfo, error)  { return info{f}, nil }
func (f file) Open() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f.data)), nil }

type info struct{ f file }

func (i info) Name() string       { return filepath.Base(i.f.name) }
func (i info) Size() int64        { return int64(len(i.f.data)) }
func (i info) Mode() os.FileMode  { return 0o644 }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return false }
func (i info) Sys() any           { return nil }
