// Package kernelspec installs the golessons kernel spec (kernel.json and
// logos) where Jupyter looks for kernels, the way ipykernel's installer does:
// into the user's data dir, into the current Python environment
// (--sys-prefix) or under any prefix.
//
// It only writes files; it never starts Jupyter or the kernel.
package kernelspec

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Name is the kernelspec directory name; DisplayName is what the launcher shows.
const (
	Name        = "golessons"
	DisplayName = "Go (yaegi)"
	Language    = "go"
)

//go:embed logos/*.png
var logos embed.FS

// Spec is the content of kernel.json (Jupyter client docs, "Kernel specs").
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// Options says where to install and what to put into the spec.
type Options struct {
	// Exactly one of User, SysPrefix, Prefix selects the location; none means User.
	User      bool
	SysPrefix bool
	Prefix    string
	// Executable is the kernel binary; kernel.json records its absolute path.
	Executable string
	// Env is copied into kernel.json (GOLESSONS_PACKAGES, GOLESSONS_MEMORY_LIMIT).
	Env map[string]string
}

// NewSpec returns the kernel.json content for the binary at exe.
func NewSpec(exe string, env map[string]string) Spec {
	return Spec{
		Argv:        []string{exe, "kernel", "-f", "{connection_file}"},
		DisplayName: DisplayName,
		Language:    Language,
		// "message" lets JupyterLab's stop button arrive as interrupt_request on
		// the control channel; the kernel also treats SIGINT the same way.
		InterruptMode: "message",
		Env:           env,
		// JupyterLab enables its debugger toggle only for kernels whose spec
		// says so (and whose kernel_info says so too).
		Metadata: map[string]any{"debugger": true},
	}
}

// Install writes kernel.json and the logos and returns the spec directory.
func Install(opt Options) (string, error) {
	n := 0
	for _, set := range []bool{opt.User, opt.SysPrefix, opt.Prefix != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		return "", errors.New("choose only one of --user, --sys-prefix, --prefix")
	}
	exe, err := filepath.Abs(opt.Executable)
	if err != nil {
		return "", fmt.Errorf("resolve kernel binary: %w", err)
	}
	root, err := dataDir(opt)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "kernels", Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	data, err := json.MarshalIndent(NewSpec(exe, opt.Env), "", "  ")
	if err != nil {
		return "", fmt.Errorf("encode kernel.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(data, '\n'), 0o644); err != nil {
		return "", fmt.Errorf("write kernel.json: %w", err)
	}
	entries, err := logos.ReadDir("logos")
	if err != nil {
		return "", fmt.Errorf("read embedded logos: %w", err)
	}
	for _, e := range entries {
		b, err := logos.ReadFile("logos/" + e.Name())
		if err != nil {
			return "", fmt.Errorf("read logo %s: %w", e.Name(), err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return "", fmt.Errorf("write logo %s: %w", e.Name(), err)
		}
	}
	return dir, nil
}

// dataDir is the Jupyter data directory ("share/jupyter") for the chosen location.
func dataDir(opt Options) (string, error) {
	switch {
	case opt.Prefix != "":
		p, err := filepath.Abs(opt.Prefix)
		if err != nil {
			return "", fmt.Errorf("resolve prefix: %w", err)
		}
		return filepath.Join(p, "share", "jupyter"), nil
	case opt.SysPrefix:
		p, err := sysPrefix()
		if err != nil {
			return "", err
		}
		return filepath.Join(p, "share", "jupyter"), nil
	}
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find home directory: %w", err)
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// sysPrefix finds the active Python environment the way a user expects from
// "pip install": an activated venv or conda env first, else the python3 on PATH.
func sysPrefix() (string, error) {
	for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX"} {
		if p := os.Getenv(v); p != "" {
			return p, nil
		}
	}
	out, err := exec.Command("python3", "-c", "import sys; print(sys.prefix)").Output()
	if err != nil {
		return "", fmt.Errorf("--sys-prefix needs an active Python environment (VIRTUAL_ENV) or python3 on PATH: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}
