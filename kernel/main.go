// Command golessons is a Jupyter kernel for Go built on the yaegi interpreter.
//
//	golessons install [--user | --sys-prefix | --prefix DIR]   write the kernelspec
//	golessons kernel -f CONNECTION_FILE                          serve Jupyter clients
//	golessons version                                            print the version
//
// The same binary is also the runner process that evaluates cells
// ("golessons runner", started by the kernel, never by people) and the demos'
// worker processes; see docs/architecture.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golessons/demos"
	"golessons/kernel/internal/kernelspec"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0"

const usage = `golessons — a Jupyter kernel for Go (yaegi)

Usage:
  golessons install [--user | --sys-prefix | --prefix DIR] [--packages DIR] [--memory-limit SIZE]
      write the "golessons" kernelspec ("Go (yaegi)") where Jupyter finds it
  golessons kernel -f CONNECTION_FILE [--packages DIR] [--memory-limit SIZE]
      run the kernel (Jupyter starts this from kernel.json)
  golessons modules download [--cache DIR] PATH@VERSION...
      put modules in the module cache cells import from (VERSION may be latest)
  golessons version
      print the version

Options:
  --packages DIR       folder of Go source packages cells may import
                       (also: GOLESSONS_PACKAGES)
  --memory-limit SIZE  stop a cell whose process grows past SIZE, e.g. 2GiB
                       (also: GOLESSONS_MEMORY_LIMIT; default 2GiB; "off" for none)
`

func main() {
	// A demos worker process is this binary re-executed; it must do its job
	// and exit before anything else starts.
	demos.RunChildIfRequested()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version", "--version":
		fmt.Fprintln(stdout, "golessons", version)
		return 0
	case "install":
		err = install(args[1:], stdout, stderr)
	case "modules":
		err = modulesCmd(args[1:], stdout)
	case "kernel":
		stop := startProfiling("kernel")
		err = serveKernel(args[1:], stderr)
		stop()
	case "runner":
		stop := startProfiling("runner")
		err = serveRunner()
		stop()
	default:
		fmt.Fprintf(stderr, "golessons: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "golessons: %v\n\n%s", err, usage)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "golessons: %v\n", err)
		return 1
	}
	return 0
}

// usageError marks errors that deserve the usage text and exit status 2.
type usageError struct{ error }

// parseFlags parses args with fs and turns any mistake into a usageError.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

func install(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	user := fs.Bool("user", false, "install for the current user")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the active Python environment")
	prefix := fs.String("prefix", "", "install under DIR/share/jupyter")
	packages := fs.String("packages", "", "teacher packages folder")
	memLimit := fs.String("memory-limit", "", "memory limit per cell process")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	env := map[string]string{}
	if *packages != "" {
		env["GOLESSONS_PACKAGES"] = *packages
	}
	if *memLimit != "" {
		if _, err := memoryLimit(*memLimit); err != nil {
			return usageError{err}
		}
		env["GOLESSONS_MEMORY_LIMIT"] = *memLimit
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable: %w", err)
	}
	dir, err := kernelspec.Install(kernelspec.Options{
		User: *user, SysPrefix: *sysPrefix, Prefix: *prefix, Executable: exe, Env: env,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Installed kernelspec %s (%q) in %s\n", kernelspec.Name, kernelspec.DisplayName, dir)
	return nil
}

// newLogger logs to stderr, which Jupyter shows in its server log.
func newLogger(stderr io.Writer) *slog.Logger {
	level := slog.LevelInfo
	if strings.EqualFold(os.Getenv("GOLESSONS_LOG"), "debug") {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
}
