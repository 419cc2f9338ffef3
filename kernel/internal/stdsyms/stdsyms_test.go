package stdsyms

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"testing"
)

// TestGeneratedUpToDate regenerates the tables in a temporary directory
// and compares them with the files here. It runs only with the toolchain
// minor version the files were generated with: another toolchain has
// another standard library, so a difference would say nothing.
func TestGeneratedUpToDate(t *testing.T) {
	if v := regexp.MustCompile(`^go1\.\d+`).FindString(runtime.Version()); v != GoVersion {
		t.Skipf("tables generated with %s, toolchain is %s: regenerate with `go generate ./kernel/internal/stdsyms` to compare", GoVersion, runtime.Version())
	}
	if testing.Short() {
		t.Skip("regenerating type-checks the whole standard library from source (about a minute)")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to regenerate with")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/gen", "-dir", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, out)
	}
	want := generated(t, dir)
	have := generated(t, ".")
	for name, b := range want {
		if h, ok := have[name]; !ok {
			t.Errorf("%s missing: run `go generate ./kernel/internal/stdsyms`", name)
		} else if !bytes.Equal(h, b) {
			t.Errorf("%s is stale: run `go generate ./kernel/internal/stdsyms`", name)
		}
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is no longer generated: delete it", name)
		}
	}
}

// generated reads the generated files of dir by name.
func generated(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "go1_*.go"))
	if err != nil {
		t.Fatal(err)
	}
	names = append(names, filepath.Join(dir, "version.go"))
	sort.Strings(names)
	out := map[string][]byte{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = b
	}
	return out
}

// TestTablesHoldOnlyWhatYaegiLacks checks the table's shape: the new
// iterator functions are there, nothing cells must not reach is, and
// every package is keyed as yaegi keys its own ("path/name").
func TestTablesHoldOnlyWhatYaegiLacks(t *testing.T) {
	for _, name := range []string{"SplitSeq", "Lines", "FieldsSeq", "FieldsFuncSeq", "SplitAfterSeq"} {
		if _, ok := Symbols["strings/strings"][name]; !ok {
			t.Errorf("strings.%s missing", name)
		}
	}
	if _, ok := Symbols["strings/strings"]["Split"]; ok {
		t.Error("strings.Split is yaegi's: it must not be carried twice")
	}
	if _, ok := Symbols["crypto/sha3/sha3"]["Sum256"]; !ok {
		t.Error("crypto/sha3 missing")
	}
	for _, p := range []string{"testing/synctest/synctest", "os/exec/exec", "unsafe/unsafe", "syscall/syscall", "crypto/tls/fipsonly/fipsonly"} {
		if _, ok := Symbols[p]; ok {
			t.Errorf("%s must not be in the table", p)
		}
	}
	for _, p := range Packages {
		found := false
		for k := range Symbols {
			found = found || filepath.Dir(k) == p
		}
		if !found {
			t.Errorf("package %s listed but has no table", p)
		}
	}
	for _, p := range []string{"testing/synctest", "crypto/hkdf", "unique"} {
		if Unavailable[p] == "" {
			t.Errorf("%s: no reason why cells cannot import it", p)
		}
	}
	if _, ok := Symbols["os/os"]["Exit"]; ok {
		t.Error("os.Exit must come from yaegi's restricted table, never from here")
	}
}
