package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"golessons/kernel/internal/modules"
)

// modulesCmd is `golessons modules download [--cache DIR] PATH@VERSION...`:
// fills a module cache the way a cell's import does (GOPROXY, GOSUMDB,
// go.sum checks), e.g. the one the classroom image ships.
func modulesCmd(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "download" {
		return usageError{fmt.Errorf("modules: want `modules download [--cache DIR] PATH@VERSION...`")}
	}
	fs := flag.NewFlagSet("modules download", flag.ContinueOnError)
	cache := fs.String("cache", "", "module cache to fill (default: GOMODCACHE, else GOPATH/pkg/mod)")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args[1:]); err != nil {
		return usageError{err}
	}
	if fs.NArg() == 0 {
		return usageError{fmt.Errorf("modules download: name at least one PATH@VERSION (VERSION may be latest)")}
	}
	cfg, err := modules.FromEnv()
	if err != nil {
		return err
	}
	if *cache != "" {
		cfg.Cache = *cache
	}
	cfg.ReadOnly = nil // fill this cache even when another already has the module
	f := modules.NewFetcher(cfg)
	for _, arg := range fs.Args() {
		path, version, ok := strings.Cut(arg, "@")
		if !ok || version == "" {
			return usageError{fmt.Errorf("modules download: %q: want PATH@VERSION", arg)}
		}
		m, err := f.Get(context.Background(), path, version)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\t%s\n", m, m.Dir)
	}
	return nil
}
