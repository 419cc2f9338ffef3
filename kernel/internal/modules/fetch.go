package modules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// Module is one module version in a cache.
type Module struct {
	Path, Version string
	Dir           string // the extracted source
	// From says where it came from: a proxy URL when it was downloaded
	// now, else "cache" (and the cache folder in Dir).
	From string
	// Pinned is the go.mod that chose the version, "" for the latest.
	Pinned string
	sum    string // the cache's .ziphash
}

// String is "path version", as go.mod writes a requirement.
func (m Module) String() string { return m.Path + " " + m.Version }

// Fetcher downloads and verifies modules into the cache. It is safe for
// concurrent use.
type Fetcher struct {
	cfg     Config
	mu      sync.Mutex
	sumOnce sync.Once
	ops     *sumOps
	sum     *sumdb.Client
}

// NewFetcher returns a Fetcher for cfg.
func NewFetcher(cfg Config) *Fetcher {
	if cfg.Sums == nil {
		cfg.Sums = map[string]string{}
	}
	return &Fetcher{cfg: cfg}
}

// Config returns the Fetcher's configuration.
func (f *Fetcher) Config() Config { return f.cfg }

// Get returns module path at version (a semantic version, "latest", or ""
// for the go.mod pin else the latest), downloading it when no cache has
// it. "latest" prefers the newest cached version, so later kernels work
// offline; a pin or an exact version is fetched when missing.
func (f *Fetcher) Get(ctx context.Context, path, version string) (Module, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := module.CheckPath(path); err != nil {
		return Module{}, err
	}
	pinned := ""
	if version == "" {
		if v, ok := f.cfg.Pins[path]; ok {
			version, pinned = v, f.cfg.PinFile
		} else {
			version = "latest"
		}
	}
	if version == "latest" {
		if m, ok := f.newestCached(path); ok {
			return m, f.checkCached(m)
		}
		v, err := f.latest(ctx, path)
		if err != nil {
			return Module{}, err
		}
		version = v
	}
	if m, ok := f.cached(path, version); ok {
		m.Pinned = pinned
		return m, f.checkCached(m)
	}
	m, err := f.download(ctx, path, version)
	m.Pinned = pinned
	return m, err
}

// checkCached compares a cached module with go.sum, as the go command
// does each time it uses one: the cache is trusted only as far as go.sum
// agrees with it.
func (f *Fetcher) checkCached(m Module) error {
	key := m.Path + " " + m.Version
	if want, ok := f.cfg.Sums[key]; ok && m.sum != "" && want != m.sum {
		return fmt.Errorf("SECURITY ERROR: checksum mismatch for %s: the module cache has %s, but %s says %s", key, m.sum, filepath.Join(filepath.Dir(f.cfg.PinFile), "go.sum"), want)
	}
	return nil
}

// latest asks the proxy for the highest release version (else the highest
// pre-release, else the proxy's @latest), as the go command does.
func (f *Fetcher) latest(ctx context.Context, path string) (string, error) {
	data, _, err := f.cfg.fetchBytes(ctx, path, "@v/list")
	if err != nil {
		return "", f.explain(path, err)
	}
	best := ""
	for _, v := range strings.Fields(string(data)) {
		if !semver.IsValid(v) {
			continue
		}
		rel, bestRel := semver.Prerelease(v) == "", best != "" && semver.Prerelease(best) == ""
		if best == "" || (rel && !bestRel) || (rel == bestRel && semver.Compare(v, best) > 0) {
			best = v
		}
	}
	if best != "" {
		return best, nil
	}
	data, _, err = f.cfg.fetchBytes(ctx, path, "@latest")
	if err != nil {
		return "", f.explain(path, err)
	}
	var info struct{ Version string }
	if err := json.Unmarshal(data, &info); err != nil || !semver.IsValid(info.Version) {
		return "", fmt.Errorf("module %s: the proxy's @latest answer is not a version: %.100q", path, data)
	}
	return info.Version, nil
}

// explain adds the cache to a proxy error: the student must know both
// where the kernel looked and what it could use instead.
func (f *Fetcher) explain(path string, err error) error {
	var ne *NetError
	if errors.As(err, &ne) {
		return fmt.Errorf("module %s: %w; it is not in the module cache %s either (once downloaded, modules work offline)", path, err, strings.Join(f.caches(), ", "))
	}
	return fmt.Errorf("module %s: %w", path, err)
}

// download fetches, verifies and extracts path@version into the writable cache.
func (f *Fetcher) download(ctx context.Context, path, version string) (Module, error) {
	esc, err := module.EscapePath(path)
	if err != nil {
		return Module{}, err
	}
	escV, err := module.EscapeVersion(version)
	if err != nil {
		return Module{}, err
	}
	mv := module.Version{Path: path, Version: version}
	dl := filepath.Join(f.cfg.Cache, "cache", "download", filepath.FromSlash(esc), "@v")
	if err := os.MkdirAll(dl, 0o755); err != nil {
		return Module{}, fmt.Errorf("module cache %s: %w", f.cfg.Cache, err)
	}
	info, src, err := f.cfg.fetchBytes(ctx, path, "@v/"+escV+".info")
	if err != nil {
		return Module{}, f.explain(path+"@"+version, err)
	}
	mod, _, err := f.cfg.fetchBytes(ctx, path, "@v/"+escV+".mod")
	if err != nil {
		return Module{}, f.explain(path+"@"+version, err)
	}
	modHash, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(string(mod))), nil
	})
	if err != nil {
		return Module{}, err
	}
	if err := f.checkSum(ctx, path, version, "/go.mod", modHash); err != nil {
		return Module{}, err
	}
	tmp, err := os.CreateTemp(dl, escV+".zip.tmp-*")
	if err != nil {
		return Module{}, fmt.Errorf("module cache %s: %w", f.cfg.Cache, err)
	}
	defer os.Remove(tmp.Name())
	_, err = f.cfg.fetch(ctx, path, "@v/"+escV+".zip", func(r io.Reader) error {
		_, err := io.Copy(tmp, r)
		return err
	})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Module{}, f.explain(path+"@"+version, err)
	}
	zipHash, err := dirhash.HashZip(tmp.Name(), dirhash.Hash1)
	if err != nil {
		return Module{}, fmt.Errorf("module %s@%s: the proxy's zip is not a module zip: %w", path, version, err)
	}
	if err := f.checkSum(ctx, path, version, "", zipHash); err != nil {
		return Module{}, err
	}
	dir := filepath.Join(f.cfg.Cache, filepath.FromSlash(esc)+"@"+escV)
	if err := f.extract(tmp.Name(), dir, mv); err != nil {
		return Module{}, err
	}
	// The files the go command keeps, so it uses this download too.
	base := filepath.Join(dl, escV)
	for _, w := range []struct {
		ext  string
		data []byte
	}{{".info", info}, {".mod", mod}} {
		if err := writeAtomic(base+w.ext, w.data, 0o644); err != nil {
			return Module{}, err
		}
	}
	if err := os.Rename(tmp.Name(), base+".zip"); err != nil {
		return Module{}, err
	}
	if err := writeAtomic(base+".ziphash", []byte(zipHash), 0o644); err != nil {
		return Module{}, err
	}
	return Module{Path: path, Version: version, Dir: dir, From: src}, nil
}

// extract unzips into a temporary sibling of dir and renames it into
// place, so another kernel never sees a half-extracted module.
func (f *Fetcher) extract(zipFile, dir string, mv module.Version) error {
	if _, err := os.Stat(dir); err == nil {
		return nil // another kernel got there first
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".tmp-*")
	if err != nil {
		return err
	}
	if err := modzip.Unzip(tmp, mv, zipFile); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("module %s: %w", mv, err)
	}
	if !f.cfg.WritableCache {
		readOnly(tmp)
	}
	if err := os.Rename(tmp, dir); err != nil {
		makeWritable(tmp)
		os.RemoveAll(tmp)
		if _, serr := os.Stat(dir); serr == nil {
			return nil
		}
		return err
	}
	return nil
}

// writeAtomic writes data to name through a temporary file and a rename.
func writeAtomic(name string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), perm)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// List is the modules a kernel uses, one "path version" line each.
type List []Module

// String shows one module a line, with where it came from.
func (l List) String() string {
	if len(l) == 0 {
		return "no modules loaded"
	}
	var b strings.Builder
	for i, m := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(m.String())
		if m.Pinned != "" {
			b.WriteString("  (pinned by " + m.Pinned + ")")
		}
	}
	return b.String()
}
