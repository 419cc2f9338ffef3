package modules

import (
	"context"
	"io/fs"
	"sort"
	"strings"
	"testing"
)

// stdKnown stands for the interpreter's compiled packages in these tests.
func stdKnown(p string) bool { return p == "fmt" || p == "strings" }

func TestLoaderFollowsRequirementsAndFiltersFiles(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/dep", "v1.1.0", map[string]string{"dep/dep.go": "package dep\n\nfunc N() int { return 11 }\n"})
	p.publish("example.com/dep", "v1.2.0", map[string]string{"dep/dep.go": "package dep\n\nfunc N() int { return 12 }\n"})
	p.publish("example.com/app", "v0.3.0", map[string]string{
		"go.mod":             "module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.1.0\n",
		"lib/lib.go":         "package lib\n\nimport (\n\t\"fmt\"\n\t\"example.com/dep/dep\"\n)\n\nfunc S() string { return fmt.Sprint(dep.N()) }\n",
		"lib/old.go":         "//go:build !go1.1\n\npackage lib\n\nfunc S() string { return \"old\" }\n",
		"lib/lib_windows.go": "package lib\n\nfunc S() string { return \"windows\" }\n",
		"lib/lib_test.go":    "package lib\n",
	})
	p.publish("example.com/app", "v0.4.0", map[string]string{"lib/lib.go": "package lib\n"})
	cfg := p.config(t)
	cfg.Pins = map[string]string{"example.com/app": "v0.3.0"}
	cfg.PinFile = "/nb/go.mod"
	l := NewLoader(NewFetcher(cfg), stdKnown)
	added, err := l.Import(context.Background(), "example.com/app/lib")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range added {
		got = append(got, m.String()+" "+m.Pinned)
	}
	want := []string{"example.com/app v0.3.0 /nb/go.mod", "example.com/dep v1.1.0 "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("modules used: %q, want %q (pinned app, dep at the version app's go.mod requires)", got, want)
	}
	entries, err := fs.ReadDir(l, "example.com/app/lib")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "lib.go" {
		t.Fatalf("interpreter sees %v, want only lib.go", names)
	}
	src, err := fs.ReadFile(l, "example.com/dep/dep/dep.go")
	if err != nil || !strings.Contains(string(src), "11") {
		t.Fatalf("dep source %q, %v", src, err)
	}
	// A second import of the same package adds nothing.
	if added, err := l.Import(context.Background(), "example.com/app/lib"); err != nil || len(added) != 0 {
		t.Fatalf("second import: %v, %v", added, err)
	}
}

func TestLoaderRefusesWhatCannotBeInterpreted(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/bad", "v1.0.0", map[string]string{
		"asm/sum.go":       "package asm\n\nfunc Sum(xs []int) int\n",
		"asm/sum_amd64.s":  "TEXT ·Sum(SB),4,$0\n\tRET\n",
		"fast/f.go":        "//go:build !purego\n\npackage fast\n\nfunc F() int\n",
		"fast/f_purego.go": "//go:build purego\n\npackage fast\n\nfunc F() int { return 1 }\n",
		"cgo/c.go":         "package cgo\n\n// int one() { return 1; }\nimport \"C\"\n\nfunc One() int { return int(C.one()) }\n",
		"net/n.go":         "package net\n\nimport \"plugin\"\n\nvar _ = plugin.Open\n",
		"uses/u.go":        "package uses\n\nimport \"example.com/bad/asm\"\n\nvar X = asm.Sum(nil)\n",
	})
	cfg := p.config(t)
	cases := map[string]string{
		"example.com/bad/asm":  "package example.com/bad/asm (module example.com/bad v1.0.0) cannot be interpreted: func Sum in sum.go has no Go body",
		"example.com/bad/cgo":  "package example.com/bad/cgo (module example.com/bad v1.0.0) cannot be interpreted: it needs cgo",
		"example.com/bad/net":  `cannot be interpreted: it imports "plugin", a package the interpreter does not provide`,
		"example.com/bad/uses": "package example.com/bad/uses (module example.com/bad v1.0.0) imports example.com/bad/asm: package example.com/bad/asm",
		"example.com/bad/nope": "no module provides package example.com/bad/nope",
	}
	for path, want := range cases {
		l := NewLoader(NewFetcher(cfg), stdKnown)
		_, err := l.Import(context.Background(), path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("import %s: %v\nwant it to contain %q", path, err, want)
		}
	}
	l := NewLoader(NewFetcher(cfg), stdKnown)
	if _, err := l.Import(context.Background(), "example.com/bad/fast"); err != nil {
		t.Errorf("the purego fallback should be chosen: %v", err)
	}
}

func TestLoaderTriesAgainAfterANetworkError(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/hello", "v1.0.0", map[string]string{"hello.go": "package hello\n"})
	cfg := p.config(t)
	cfg.Proxies = ParseProxy("http://127.0.0.1:9")
	l := NewLoader(NewFetcher(cfg), stdKnown)
	var ne *NetError
	if _, err := l.Import(context.Background(), "example.com/hello"); !errorsAs(err, &ne) {
		t.Fatalf("offline: %v", err)
	}
	l.f.cfg.Proxies = ParseProxy(p.URL()) // the network is back
	if added, err := l.Import(context.Background(), "example.com/hello"); err != nil || len(added) != 1 {
		t.Fatalf("second try: %v, %v", added, err)
	}
}

func TestLoaderRefusesAnOlderLoadedDependency(t *testing.T) {
	p := newFileProxy(t)
	p.publish("example.com/dep", "v1.0.0", map[string]string{"dep.go": "package dep\n"})
	p.publish("example.com/dep", "v1.2.0", map[string]string{"dep.go": "package dep\n\nfunc New() int { return 1 }\n"})
	p.publish("example.com/app", "v0.1.0", map[string]string{
		"go.mod": "module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.2.0\n",
		"app.go": "package app\n\nimport \"example.com/dep\"\n\nvar X = dep.New()\n",
	})
	cfg := p.config(t)
	cfg.Pins = map[string]string{"example.com/dep": "v1.0.0"}
	l := NewLoader(NewFetcher(cfg), stdKnown)
	if _, err := l.Import(context.Background(), "example.com/dep"); err != nil {
		t.Fatal(err)
	}
	delete(l.f.cfg.Pins, "example.com/dep") // app is not pinned
	_, err := l.Import(context.Background(), "example.com/app")
	if err == nil || !strings.Contains(err.Error(), "example.com/dep v1.0.0 is already loaded in this kernel, but a module loaded since requires v1.2.0") {
		t.Fatalf("err = %v", err)
	}
}
