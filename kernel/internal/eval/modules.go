package eval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golessons/kernel/internal/modules"
	"golessons/third_party/yaegi/interp"
)

// listPath is the compiled package cells import to see the modules in use.
const listPath = "golessons/modules"

// moduleTimeout bounds the downloads of one import (the HTTP client
// bounds each request; an interrupt restarts the runner meanwhile).
const moduleTimeout = 10 * time.Minute

// moduleSet gives cells Go modules: made at the first module import, so a
// kernel that imports none reads no go.mod and touches no cache.
type moduleSet struct {
	loader   *modules.Loader
	cfgErr   error
	listUsed bool
}

// Open serves the modules' sources to the interpreter (see sourceFS).
func (s *moduleSet) Open(name string) (fs.File, error) {
	if s.loader == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return s.loader.Open(name)
}

// list is what golessons/modules.List returns.
func (s *moduleSet) list() modules.List {
	if s.loader == nil {
		return nil
	}
	return modules.List(s.loader.Modules())
}

// moduleImport handles import path p when it names a module package or
// golessons/modules: ok is false for other paths; msg is why the import
// cannot work, "" when it can. The first import of a module says which
// version it uses and where it came from, on stderr as the go command does.
func (e *Evaluator) moduleImport(p string) (msg string, ok bool) {
	s := &e.mods
	if p == listPath {
		if !s.listUsed {
			if err := e.i.Use(interp.Exports{listPath + "/modules": {
				"List":   reflect.ValueOf(s.list),
				"Module": reflect.ValueOf((*modules.Module)(nil)),
			}}); err != nil {
				return fmt.Sprintf("import %q: %v", p, err), true
			}
			s.listUsed = true
		}
		return "", true
	}
	if !modules.IsModulePath(p) {
		return "", false
	}
	if s.loader == nil && s.cfgErr == nil {
		wd, _ := os.Getwd() // Jupyter starts kernels in the notebook's folder
		cfg, err := modules.FromEnv(wd, e.opts.PackagesDir)
		if err != nil {
			s.cfgErr = err
		} else {
			s.loader = modules.NewLoader(modules.NewFetcher(cfg), e.providesCompiled)
		}
	}
	if s.cfgErr != nil {
		return fmt.Sprintf("import %q: %v", p, s.cfgErr), true
	}
	ctx, cancel := context.WithTimeout(context.Background(), moduleTimeout)
	defer cancel()
	added, err := s.loader.Import(ctx, p)
	for _, m := range added {
		fmt.Fprintln(e.opts.Stderr, moduleNotice(m))
	}
	if err != nil {
		var nm *modules.NoModuleError
		var ne *modules.NetError
		if errors.As(err, &nm) || errors.As(err, &ne) {
			return fmt.Sprintf("import %q: %v; for a package of your own, put its source in a sub-folder %s of the folder named by GOLESSONS_PACKAGES (kernel option --packages)", p, err, p), true
		}
		return fmt.Sprintf("import %q: %v", p, err), true
	}
	if msg := e.precompile(p); msg != "" {
		return fmt.Sprintf("import %q: %s", p, msg), true
	}
	return "", true
}

// precompile has yaegi load module package p on its own, so that a
// failure inside the package's source (often without a position) is
// reported as the package's, not as the cell's. yaegi keeps the loaded
// package: the cell's own import reuses it.
func (e *Evaluator) precompile(p string) (msg string) {
	var mod modules.Module
	for _, m := range e.mods.loader.Modules() {
		if (p == m.Path || strings.HasPrefix(p, m.Path+"/")) && len(m.Path) > len(mod.Path) {
			mod = m
		}
	}
	fail := func(why string) string {
		why = strings.ReplaceAll(why, "/src/", "")
		return fmt.Sprintf("package %s (module %s) cannot be interpreted: the interpreter fails on its source: %s", p, mod, why)
	}
	// yaegi reports some failures with log.Panic, which first prints the
	// message through the standard logger (the cell's stderr). Hold what
	// the logger gets meanwhile and pass on all but that message.
	var held bytes.Buffer
	prev := log.Writer()
	log.SetOutput(&held)
	defer func() {
		r := recover()
		log.SetOutput(prev)
		for _, line := range strings.SplitAfter(held.String(), "\n") {
			if line != "" && (r == nil || !strings.Contains(line, fmt.Sprint(r))) {
				io.WriteString(prev, line)
			}
		}
		if r != nil {
			msg = fail(fmt.Sprint(r))
		}
	}()
	if _, err := e.i.Compile("package main\n\nimport _ " + strconv.Quote(p) + "\n"); err != nil {
		return fail(err.Error())
	}
	return ""
}

// providesCompiled reports the packages the interpreter has without
// source, for the modules' own imports.
func (e *Evaluator) providesCompiled(p string) bool {
	return e.hasCompiled(p) || shimPackages[p]
}

func moduleNotice(m modules.Module) string {
	how := "downloaded from " + m.From
	if m.From == "cache" {
		how = "from the module cache"
	}
	if m.Pinned != "" {
		how += ", pinned by " + m.Pinned
	}
	return fmt.Sprintf("go: %s (%s; %s)", m, how, m.Dir)
}

// moduleSource matches a yaegi position inside a module's source.
var moduleSource = regexp.MustCompile(`^/src/(\S+?)/[^/\s]+\.go:\d+:\d+: `)

// explainModule rewords a yaegi error raised inside a module's source:
// it names the package and module and says it cannot be interpreted,
// instead of a bare interpreter message. "" when v is not such an error.
func (e *Evaluator) explainModule(v string) string {
	m := moduleSource.FindStringSubmatch(v)
	if m == nil || e.mods.loader == nil {
		return ""
	}
	for _, mod := range e.mods.loader.Modules() {
		if m[1] == mod.Path || strings.HasPrefix(m[1], mod.Path+"/") {
			return fmt.Sprintf("package %s (module %s) cannot be interpreted: the interpreter fails on its source: %s", m[1], mod, strings.TrimPrefix(v, "/src/"))
		}
	}
	return ""
}
