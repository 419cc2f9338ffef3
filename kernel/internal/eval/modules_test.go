package eval

import (
	"strings"
	"testing"

	"golessons/kernel/internal/modules/modulestest"
)

// moduleEnv points module imports at a file proxy and an empty cache.
func moduleEnv(t *testing.T, p *modulestest.Proxy) {
	t.Setenv("GOPROXY", p.URL())
	t.Setenv("GOSUMDB", "off")
	t.Setenv("GOMODCACHE", t.TempDir())
	t.Setenv("GOFLAGS", "-modcacherw")
	t.Setenv("GOLESSONS_MODCACHE", "")
	t.Chdir(t.TempDir()) // no go.mod: latest versions
}

func TestModuleImportInterpretsTheSelectedFiles(t *testing.T) {
	p := modulestest.New(t)
	// The pair of files x/sync's errgroup had: yaegi reads only "+build"
	// lines, so without the Loader's filtering it would see both.
	p.Publish(t, "example.com/pair", "v1.2.0", map[string]string{
		"pair/new.go":  "//go:build go1.20\n\npackage pair\n\nfunc Which() string { return \"new\" }\n",
		"pair/old.go":  "//go:build !go1.20\n\npackage pair\n\nfunc Which() string { return \"old\" }\n",
		"pair/pair.go": "package pair\n\n// Twice doubles.\nfunc Twice(x int) int { return 2 * x }\n",
	})
	moduleEnv(t, p)
	stderr := &syncBuffer{}
	e, err := New(Options{Stderr: stderr})
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Eval(t.Context(), "import (\n\t\"fmt\"\n\t\"example.com/pair/pair\"\n)\npair.Which() + \" \" + fmt.Sprint(pair.Twice(21))")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Data["text/plain"]; got != `"new 42"` {
		t.Fatalf("got %v", got)
	}
	if !strings.Contains(stderr.String(), "go: example.com/pair v1.2.0 (downloaded from "+p.URL()) {
		t.Fatalf("notice: %q", stderr.String())
	}
	r, err = e.Eval(t.Context(), "import \"golessons/modules\"\nmodules.List()")
	if err != nil || r.Data["text/plain"] != "example.com/pair v1.2.0" {
		t.Fatalf("List: %v %v", r.Data, err)
	}
}

func TestModulePackageYaegiCannotCompileIsNamed(t *testing.T) {
	p := modulestest.New(t)
	p.Publish(t, "example.com/seq", "v0.1.0", map[string]string{
		"seq.go": "package seq\n\nfunc Count(yield func(int) bool) {\n\tfor i := 0; i < 3 && yield(i); i++ {\n\t}\n}\n\n" +
			"func Sum() (s int) {\n\tfor i := range Count {\n\t\ts += i\n\t}\n\treturn s\n}\n",
	})
	moduleEnv(t, p)
	e, err := New(Options{Stderr: &syncBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Eval(t.Context(), "import \"example.com/seq\"\nseq.Sum()")
	ee, ok := err.(*Error)
	if !ok || ee.Name != "ImportError" || !strings.Contains(ee.Value, "package example.com/seq (module example.com/seq v0.1.0) cannot be interpreted") {
		t.Fatalf("got %v", err)
	}
	// The kernel goes on.
	if r, err := e.Eval(t.Context(), "1 + 1"); err != nil || r.Data["text/plain"] != "2" {
		t.Fatalf("after: %v %v", r.Data, err)
	}
}
