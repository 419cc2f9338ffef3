package extract

import (
	"errors"
	"path/filepath"

	"golessons/kernel/internal/docindex"
)

// RepoPackages are the repository's own packages importable in cells, by
// import path → directory relative to the module root.
var RepoPackages = map[string]string{
	"golessons/demos":   "demos",
	"golessons/display": "display",
}

// Repo documents the packages of [RepoPackages] found under the module
// root; a package that does not exist (yet) is skipped.
func Repo(root string) ([]docindex.Package, error) {
	var out []docindex.Package
	for path, dir := range RepoPackages {
		p, err := Dir(filepath.Join(root, dir), path, Options{})
		if errors.Is(err, ErrNoGo) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
