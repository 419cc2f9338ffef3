package symbols

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/traefik/yaegi/extract"
	"github.com/traefik/yaegi/stdlib"

	"golessons/third_party/yaegi/interp"
)

// TestGeneratedUpToDate regenerates the tables in memory, with the options
// of the go:generate line in doc.go, and compares them with the files.
func TestGeneratedUpToDate(t *testing.T) {
	ext := extract.Extractor{Dest: "symbols", Exclude: []string{"^SetPublisher$"}}
	tests := []struct{ pkg, file string }{
		{"golessons/demos", "golessons-demos.go"},
		{"golessons/display", "golessons-display.go"},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := ext.Extract(tt.pkg, "symbols", &buf); err != nil {
				t.Fatalf("extract %s: %v", tt.pkg, err)
			}
			have, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatalf("read generated file: %v", err)
			}
			if !bytes.Equal(have, buf.Bytes()) {
				t.Errorf("%s is stale: run `go generate ./kernel/internal/symbols`", tt.file)
			}
		})
	}
}

// TestCellsImportPackages checks the import paths cells use, that a
// worker written in a cell can be handed to a compiled runner, and that the
// runner-only hook stays out of reach.
func TestCellsImportPackages(t *testing.T) {
	tests := []struct {
		name, src string
		want      any
	}{
		{"display constant", "import \"golessons/display\"\ndisplay.MIMEHTML", "text/html"},
		{"display bundle", "import \"golessons/display\"\ndisplay.Bundle(42)[\"text/plain\"]", "42"},
		{"cell worker", "import \"golessons/demos\"\nn := 0\ntl := demos.RunSequential(func(string) { n++ }, \"a\", \"b\")\nn + len(tl.Spans)", 4},
		{"timeline method", "import \"golessons/demos\"\ndemos.RunSequential(func(string) {}).MaxOverlap()", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := interp.New(interp.Options{})
			if err := i.Use(stdlib.Symbols); err != nil {
				t.Fatal(err)
			}
			if err := i.Use(Symbols); err != nil {
				t.Fatal(err)
			}
			// yaegi takes an import and the statements after it in separate Evals.
			imp, body, _ := strings.Cut(tt.src, "\n")
			if _, err := i.Eval(imp); err != nil {
				t.Fatalf("eval %s: %v", imp, err)
			}
			v, err := i.Eval(body)
			if err != nil {
				t.Fatalf("eval: %v", err)
			}
			if got := v.Interface(); got != tt.want {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
	if _, ok := Symbols["golessons/display/display"]["SetPublisher"]; ok {
		t.Error("display.SetPublisher is reachable from cells")
	}
}
