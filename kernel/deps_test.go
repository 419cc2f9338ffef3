package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The import policy is an allow-list read from the package table in
// docs/architecture.md, so the table is the single statement of the rules
// and a package that is not in it, or imports what its row does not name,
// fails here (as Go's own go/build deps test does for the standard library).
//
// A row's "may import" cell names project packages by their path in the
// module (`demos`, `kernel/internal/goroutines`) or, where that is not
// ambiguous, by its last element (`protocol`), external modules by short name (`zmq4`,
// `yaegi`) or by module path (`golang.org/x/mod`), and `stdlib`; the standard library is always allowed, and a
// package may import its own subpackages. "everything" lifts the rule (the
// main package, which is wiring only).

const architectureDoc = "../docs/architecture.md"

// external maps the short names the table uses to import path prefixes.
// yaegi is two: the module's symbol tables and extractor, and the copy
// of its interpreter this repository patches (third_party/yaegi).
var external = map[string][]string{
	"zmq4":  {"github.com/go-zeromq/zmq4"},
	"yaegi": {"github.com/traefik/yaegi", "golessons/third_party/yaegi"},
}

type policy struct {
	anything bool
	allowed  []string // import paths or path prefixes ending in "/"
}

// allows reports whether the package owner (or one of its subpackages) may
// import imp.
func (p policy) allows(owner, imp string) bool {
	if p.anything || isStdlib(imp) || imp == owner || strings.HasPrefix(imp, owner+"/") {
		return true
	}
	return slices.ContainsFunc(p.allowed, func(a string) bool {
		return imp == a || (strings.HasSuffix(a, "/") && strings.HasPrefix(imp, a))
	})
}

// readPolicy parses the "| `pkg` | job | may import |" rows of the table.
func readPolicy(t *testing.T) map[string]policy {
	t.Helper()
	f, err := os.Open(architectureDoc)
	if err != nil {
		t.Fatalf("the import policy lives in %s: %v", architectureDoc, err)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| `([a-z0-9_/]+)`[^|]*\\|[^|]*\\|([^|]*)\\|\\s*$")
	short := map[string][]string{} // last element → import paths
	raw := map[string]string{}     // import path → may-import cell
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := row.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		pkg := "golessons/" + m[1]
		if m[1] == "kernel" || strings.HasPrefix(m[1], "kernel ") {
			pkg = "golessons/kernel"
		}
		raw[pkg] = m[2]
		last := pkg[strings.LastIndex(pkg, "/")+1:]
		short[last] = append(short[last], pkg)
	}
	if len(raw) == 0 {
		t.Fatalf("no package rows found in %s", architectureDoc)
	}
	out := map[string]policy{}
	for pkg, cell := range raw {
		var p policy
		for _, word := range strings.Split(cell, ",") {
			word = strings.TrimSpace(strings.Fields(word + " ")[0])
			word = strings.Trim(word, "`")
			switch {
			case word == "everything":
				p.anything = true
			case word == "stdlib" || word == "":
			case external[word] != nil:
				for _, prefix := range external[word] {
					p.allowed = append(p.allowed, prefix+"/", prefix)
				}
			case strings.Contains(word, "."): // a module path, e.g. golang.org/x/mod
				p.allowed = append(p.allowed, word+"/", word)
			case raw["golessons/"+word] != "" || strings.Contains(word, "/"):
				// a path under the module: `goroutines`, `kernel/internal/goroutines`
				p.allowed = append(p.allowed, "golessons/"+word)
			case len(short[word]) > 1:
				t.Errorf("%s: the row of %s names %q, which is the last element of %v: write the path instead", architectureDoc, pkg, word, short[word])
			case len(short[word]) == 1:
				p.allowed = append(p.allowed, short[word][0])
			default:
				t.Errorf("%s: the row of %s names %q, which is neither a package of the table, stdlib, everything, nor an external module (zmq4, yaegi)", architectureDoc, pkg, word)
			}
		}
		out[pkg] = p
	}
	return out
}

// rowFor finds the row governing pkg: its own or its nearest parent's.
func rowFor(rules map[string]policy, pkg string) (string, policy, bool) {
	for p := pkg; p != "golessons" && p != "."; p = p[:max(strings.LastIndex(p, "/"), 0)] {
		if r, ok := rules[p]; ok {
			return p, r, true
		}
		if !strings.Contains(p, "/") {
			break
		}
	}
	return "", policy{}, false
}

func isStdlib(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != "golessons"
}

func TestImportPolicy(t *testing.T) {
	rules := readPolicy(t)
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "golessons/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg, imports := fields[0], fields[1:]
		owner, rule, ok := rowFor(rules, pkg)
		if !ok {
			t.Errorf("%s has no row in %s: add one saying what it does and what it may import", pkg, architectureDoc)
			continue
		}
		for _, imp := range imports {
			if imp == "golessons/kernel" {
				t.Errorf("%s imports the main package", pkg)
			}
			if !rule.allows(owner, imp) {
				t.Errorf("%s imports %s, which its row in %s (%s) does not allow", pkg, imp, architectureDoc, owner)
			}
		}
	}
}

// TestImportPolicyCatchesViolations checks the checker: a rule set read from
// the real table must refuse imports the table does not list.
func TestImportPolicyCatchesViolations(t *testing.T) {
	rules := readPolicy(t)
	cases := []struct {
		pkg, imp string
		want     bool
	}{
		{"golessons/kernel/internal/protocol", "github.com/go-zeromq/zmq4", false},
		{"golessons/kernel/internal/wire", "github.com/go-zeromq/zmq4", true},
		{"golessons/kernel/internal/dispatch", "golessons/kernel/internal/wire", false},
		{"golessons/kernel/internal/eval", "golessons/third_party/yaegi/interp", true},
		{"golessons/kernel/internal/eval/shims/maps", "golessons/third_party/yaegi/interp", true},
		{"golessons/demos", "golessons/display", false},
	}
	for _, c := range cases {
		owner, rule, ok := rowFor(rules, c.pkg)
		if !ok {
			t.Fatalf("no row for %s", c.pkg)
		}
		if got := rule.allows(owner, c.imp); got != c.want {
			t.Errorf("%s importing %s: allowed=%v, want %v", c.pkg, c.imp, got, c.want)
		}
	}
}
