package eval

import (
	"embed"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"strings"

	"github.com/traefik/yaegi/stdlib/generic"
)

// shimFiles holds source packages interpreted in place of the standard
// library's generic packages (slices, maps, cmp), whose yaegi tables are
// empty and whose real sources use constraints yaegi cannot infer.
//
//go:embed shims
var shimFiles embed.FS

// shimPackages are the import paths served from shimFiles.
var shimPackages = map[string]bool{"slices": true, "maps": true, "cmp": true, "iter": true, "embed": true}

// sourceFS is the interpreter's source filesystem, laid out as a GOPATH
// rooted at "/": /src/<shim> comes from the embedded shims, any other
// /src/<path> from the teacher's packages folder.
type sourceFS struct {
	shims    fs.FS
	packages fs.FS // nil when no packages folder was given
	modules  fs.FS // Go modules fetched for cells, by import path
}

func newSourceFS(packagesDir string) *sourceFS {
	shims, err := fs.Sub(shimFiles, "shims")
	if err != nil {
		panic("eval: embedded shims missing: " + err.Error()) // cannot happen: embedded at build time
	}
	s := &sourceFS{shims: shims}
	if packagesDir != "" {
		s.packages = os.DirFS(packagesDir)
	}
	return s
}

// Open implements fs.FS for the paths yaegi asks for.
func (s *sourceFS) Open(name string) (fs.File, error) {
	name = strings.TrimPrefix(name, "/")
	rest, ok := strings.CutPrefix(name, "src/")
	if !ok || rest == "" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	first, _, _ := strings.Cut(rest, "/")
	if shimPackages[first] {
		return s.shims.Open(rest)
	}
	if first == "vendor" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	module := strings.Contains(first, ".")
	if s.packages != nil {
		// A teacher's package wins over a module of the same path.
		if f, err := s.packages.Open(rest); err == nil || !module {
			return f, err
		}
	}
	if module && s.modules != nil {
		return s.modules.Open(rest)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// stdlibGenericSources returns yaegi's own generic standard library
// sources (sync.OnceFunc, atomic.Pointer...) except those replaced by the
// shims.
func stdlibGenericSources() []string {
	var out []string
	for _, src := range generic.Sources {
		f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly)
		if err != nil || shimPackages[f.Name.Name] {
			continue
		}
		out = append(out, src)
	}
	return out
}
