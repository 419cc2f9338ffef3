package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportPolicy enforces the package table in docs/architecture.md: the
// transport knows nothing of evaluation, the evaluator nothing of messages,
// sockets or processes, and the lesson packages only the standard library.
func TestImportPolicy(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "golessons/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const (
		zmq   = "github.com/go-zeromq/"
		yaegi = "github.com/traefik/yaegi"
		in    = "golessons/kernel/internal/"
	)
	forbidden := map[string][]string{
		in + "protocol":        {in, zmq, yaegi},
		in + "wire":            {in + "dispatch", in + "runner", in + "worker", in + "eval", yaegi},
		in + "dispatch":        {in + "wire", in + "runner", in + "worker", in + "eval", zmq, yaegi},
		in + "eval":            {in + "protocol", in + "wire", in + "link", in + "runner", in + "worker", in + "dispatch", zmq},
		in + "capture":         {in, zmq, yaegi},
		in + "goroutines":      {in, zmq, yaegi},
		in + "link":            {in + "protocol", in + "wire", in + "eval", zmq, yaegi},
		in + "runner":          {in + "protocol", in + "wire", in + "eval", in + "dispatch", zmq, yaegi},
		in + "worker":          {in + "protocol", in + "wire", in + "runner", in + "dispatch", zmq},
		"golessons/demos":      {"golessons/", zmq, yaegi},
		"golessons/display":    {"golessons/", zmq, yaegi},
		"golessons/goroutines": {"golessons/", zmq, yaegi},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg, imports := fields[0], fields[1:]
		for _, imp := range imports {
			if imp == "golessons/kernel" {
				t.Errorf("%s imports the main package", pkg)
			}
			for prefix, bad := range forbidden {
				if pkg != prefix && !strings.HasPrefix(pkg, prefix+"/") {
					continue
				}
				for _, b := range bad {
					if strings.HasPrefix(imp, b) && !strings.HasPrefix(imp, prefix) && imp != in+"symtab" {
						t.Errorf("%s must not import %s", pkg, imp)
					}
				}
			}
		}
	}
}
