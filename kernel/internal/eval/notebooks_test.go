package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golessons/demos"
	"golessons/kernel/internal/symbols"
	"golessons/third_party/yaegi/interp"
)

// TestMain lets demos.WithProcesses re-run this test binary as its
// worker processes.
func TestMain(m *testing.M) {
	demos.RunChildIfRequested()
	os.Exit(m.Run())
}

// notebook is the part of an .ipynb file the test needs.
type notebook struct {
	Cells []struct {
		CellType string          `json:"cell_type"`
		Source   json.RawMessage `json:"source"`
		Metadata struct {
			Tags []string `json:"tags"`
		} `json:"metadata"`
	} `json:"cells"`
}

// cellSource decodes a cell source, a string or a list of lines.
func cellSource(raw json.RawMessage) (string, error) {
	var lines []string
	if err := json.Unmarshal(raw, &lines); err == nil {
		return strings.Join(lines, ""), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// TestNotebooks runs every code cell of the lesson notebooks in order,
// so that lessons cannot rot.
func TestNotebooks(t *testing.T) {
	if testing.Short() {
		t.Skip("notebooks take tens of seconds (their cells sleep on purpose)")
	}
	if raceDetector {
		// The lessons' goroutines trip yaegi's own races (see raceDetector);
		// scripts/test.sh runs this test once more without -race.
		t.Skip("yaegi v0.16.1 races under -race; run without it")
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no notebooks yet")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var nb notebook
			if err := json.Unmarshal(b, &nb); err != nil {
				t.Fatalf("decode %s: %v", f, err)
			}
			e, err := New(Options{Stderr: &syncBuffer{}, Symbols: []interp.Exports{symbols.Symbols}})
			if err != nil {
				t.Fatal(err)
			}
			captureStdout(t, func() {
				for i, c := range nb.Cells {
					if c.CellType != "code" || slices.Contains(c.Metadata.Tags, "expect-deadlock") {
						continue // a deadlock is ended by the runner's check, not the evaluator
					}
					src, err := cellSource(c.Source)
					if err != nil {
						t.Fatalf("cell %d: %v", i, err)
					}
					if _, err := e.Eval(t.Context(), src); err != nil {
						t.Errorf("cell %d failed: %v\n%s", i, err, src)
					}
				}
			})
		})
	}
}
