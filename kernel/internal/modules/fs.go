package modules

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Open implements fs.FS over the modules in use, addressed by import
// path: "golang.org/x/sync/errgroup" is that package's folder, whose
// listing holds only the Go files the build constraints select (the
// interpreter reads every .go file it is shown and understands only the
// old "+build" lines).
func (l *Loader) Open(name string) (fs.File, error) {
	name = path.Clean(strings.TrimPrefix(name, "/"))
	var m Module
	for p := name; p != "." && p != "/"; p = path.Dir(p) {
		if mm, ok := l.mods[p]; ok {
			m = mm
			break
		}
	}
	if m.Path == "" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(name, m.Path), "/")
	full := filepath.Join(m.Dir, filepath.FromSlash(rel))
	f, err := os.Open(full)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil || !fi.IsDir() {
		return f, err
	}
	return &goDir{File: f, l: l, dir: full}, nil
}

// goDir is a package folder whose listing is filtered by l.goFiles.
type goDir struct {
	*os.File
	l   *Loader
	dir string
}

func (d *goDir) ReadDir(n int) ([]fs.DirEntry, error) {
	names, err := d.l.goFiles(d.dir)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, n := range names {
		keep[n] = true
	}
	all, err := d.File.ReadDir(n)
	var out []fs.DirEntry
	for _, e := range all {
		if e.IsDir() || keep[e.Name()] {
			out = append(out, e)
		}
	}
	return out, err
}
