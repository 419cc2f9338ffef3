package modules

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// caches lists the caches looked in, writable one first.
func (f *Fetcher) caches() []string {
	return append([]string{f.cfg.Cache}, f.cfg.ReadOnly...)
}

// cached finds path@version extracted in one of the caches. The go
// command writes the .ziphash after extracting, so a directory without
// it in the writable cache is an interrupted download and not used.
func (f *Fetcher) cached(path, version string) (Module, bool) {
	esc, err1 := module.EscapePath(path)
	escV, err2 := module.EscapeVersion(version)
	if err1 != nil || err2 != nil {
		return Module{}, false
	}
	for _, c := range f.caches() {
		dir := filepath.Join(c, filepath.FromSlash(esc)+"@"+escV)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		zh, err := os.ReadFile(filepath.Join(c, "cache", "download", filepath.FromSlash(esc), "@v", escV+".ziphash"))
		if err != nil {
			continue
		}
		return Module{Path: path, Version: version, Dir: dir, From: "cache", sum: strings.TrimSpace(string(zh))}, true
	}
	return Module{}, false
}

// newestCached is the highest version of path in any cache.
func (f *Fetcher) newestCached(path string) (Module, bool) {
	best := ""
	for _, v := range f.CachedVersions(path) {
		if best == "" || semver.Compare(v, best) > 0 {
			best = v
		}
	}
	if best == "" {
		return Module{}, false
	}
	return f.cached(path, best)
}

// CachedVersions lists the versions of path the caches hold.
func (f *Fetcher) CachedVersions(path string) []string {
	esc, err := module.EscapePath(path)
	if err != nil {
		return nil
	}
	var out []string
	for _, c := range f.caches() {
		parent := filepath.Join(c, filepath.FromSlash(esc))
		entries, err := os.ReadDir(filepath.Dir(parent))
		if err != nil {
			continue
		}
		prefix := filepath.Base(parent) + "@"
		for _, e := range entries {
			rest, ok := strings.CutPrefix(e.Name(), prefix)
			if !ok || !e.IsDir() || strings.Contains(rest, ".tmp-") {
				continue
			}
			v, err := module.UnescapeVersion(rest)
			if err == nil && semver.IsValid(v) {
				if _, ok := f.cached(path, v); ok {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// readOnly makes the extracted tree read-only, as the go command does, so
// an edit by mistake cannot change what every kernel runs.
func readOnly(root string) {
	var dirs []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		} else {
			os.Chmod(p, 0o444)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Chmod(dirs[i], 0o555)
	}
}

// makeWritable undoes readOnly so a leftover can be removed.
func makeWritable(root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			if d.IsDir() {
				os.Chmod(p, 0o755)
			} else {
				os.Chmod(p, 0o644)
			}
		}
		return nil
	})
}

// CachedPackage finds, without the network, the cached module a kernel
// would use for importPath (the go.mod pin, else the newest cached
// version) and the package's folder in it; for documentation.
func (f *Fetcher) CachedPackage(importPath string) (Module, string, bool) {
	for _, p := range modulePrefixes(importPath) {
		m, ok := Module{}, false
		if v, pinned := f.cfg.Pins[p]; pinned {
			m, ok = f.cached(p, v)
		} else {
			m, ok = f.newestCached(p)
		}
		if !ok {
			continue
		}
		if dir, ok := pkgDir(m, importPath); ok {
			return m, dir, true
		}
	}
	return Module{}, "", false
}
