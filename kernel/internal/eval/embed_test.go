package eval

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGoEmbedInCells(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "msg.txt"), []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir) // the kernel's working directory is the notebook's folder
	runOutCases(t, []outCase{
		{name: "string and []byte filled from the notebook folder", cells: []string{"package main\nimport (_ \"embed\"; \"fmt\")\n\n//go:embed msg.txt\nvar msg string\n\n//go:embed \"msg.txt\"\nvar raw []byte\n\nfunc main() { fmt.Print(msg, len(raw), \"\\n\") }"},
			out: "hello\n6\n"},
		{name: "missing file is an error naming the folder", cells: []string{"//go:embed nothere.txt\nvar s string"}, errName: "CompileError", errHas: "nothere.txt: cannot read it from the notebook's folder"},
		{name: "embed.FS refused with the reason", cells: []string{"import \"embed\"\n//go:embed *.txt\nvar files embed.FS"}, errName: "CompileError", errHas: "embed.FS is not available"},
		{name: "glob into a string refused", cells: []string{"//go:embed *.txt\nvar s string"}, errName: "CompileError", errHas: "exactly one file"},
	})
}
