package kernelspec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestInstall(t *testing.T) {
	tests := []struct {
		name    string
		opt     func(dir string) Options
		wantDir func(dir string) string
		wantErr bool
	}{
		{
			name:    "prefix",
			opt:     func(dir string) Options { return Options{Prefix: dir, Executable: "/opt/gl/golessons"} },
			wantDir: func(dir string) string { return filepath.Join(dir, "share", "jupyter", "kernels", "golessons") },
		},
		{
			name: "sys-prefix from VIRTUAL_ENV",
			opt: func(dir string) Options {
				t.Setenv("VIRTUAL_ENV", dir)
				return Options{SysPrefix: true, Executable: "/opt/gl/golessons"}
			},
			wantDir: func(dir string) string { return filepath.Join(dir, "share", "jupyter", "kernels", "golessons") },
		},
		{
			name: "user via JUPYTER_DATA_DIR",
			opt: func(dir string) Options {
				t.Setenv("JUPYTER_DATA_DIR", dir)
				return Options{User: true, Executable: "/opt/gl/golessons"}
			},
			wantDir: func(dir string) string { return filepath.Join(dir, "kernels", "golessons") },
		},
		{
			name:    "two locations",
			opt:     func(dir string) Options { return Options{User: true, Prefix: dir, Executable: "x"} },
			wantErr: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			got, err := Install(tc.opt(dir))
			if tc.wantErr {
				if err == nil {
					t.Fatalf("Install succeeded, want error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := tc.wantDir(dir); got != want {
				t.Fatalf("dir = %s, want %s", got, want)
			}
			var spec Spec
			b, err := os.ReadFile(filepath.Join(got, "kernel.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &spec); err != nil {
				t.Fatal(err)
			}
			if spec.Argv[0] != "/opt/gl/golessons" || spec.Argv[3] != "{connection_file}" {
				t.Errorf("argv = %q", spec.Argv)
			}
			if spec.DisplayName != "Go (yaegi)" || spec.Language != "go" || spec.InterruptMode != "message" {
				t.Errorf("spec = %+v", spec)
			}
			for _, logo := range []string{"logo-32x32.png", "logo-64x64.png"} {
				if fi, err := os.Stat(filepath.Join(got, logo)); err != nil || fi.Size() == 0 {
					t.Errorf("logo %s missing: %v", logo, err)
				}
			}
		})
	}
}
