package eval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golessons/kernel/internal/symbols"
	"golessons/third_party/yaegi/interp"
)

// TestTypecheckRefuses checks the programs Go refuses and yaegi would run
// are refused before anything runs, with go/types' message at the cell's
// own position.
func TestTypecheckRefuses(t *testing.T) {
	cases := []struct {
		name  string
		cells []string
		want  string // the error Value
	}{
		{"missing return in a func", []string{"func f(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t}\n}\nf(-1)"},
			"5:1: missing return"},
		{"missing return in a func literal", []string{"g := func() string {\n  println(\"no\")\n}\ng()"},
			"3:1: missing return"},
		{"missing return in a method", []string{"type P struct{}\n\nfunc (P) N() int {\n}"},
			"4:1: missing return"},
		{"missing return after statements", []string{"x := 3\nfunc h() (int, error) { if x > 0 { return 1, nil } }"},
			"2:52: missing return"},
		{"an iterator used as a slice", []string{"import (\"maps\"; \"slices\")", "m := map[string]int{\"b\": 2}\nks := maps.Keys(m)\nslices.Sort(ks)"},
			"3:13: in call to slices.Sort, type iter.Seq[string] of ks does not match []E (cannot infer E)"},
		{"unused variable in a func", []string{"func f() {\n\tx := 1\n}"}, "2:2: declared and not used: x"},
		{"pointer receiver on a cell type", []string{"import \"fmt\"\ntype T struct{}\nfunc (t *T) String() string { return \"T\" }\nvar s fmt.Stringer = T{}\ns"},
			"4:22: cannot use T{} (value of struct type T) as fmt.Stringer value in variable declaration: T does not implement fmt.Stringer (method String has pointer receiver)"},
		{"pointer receiver on a compiled type", []string{"import (\n\t\"bytes\"\n\t\"io\"\n)", "var b bytes.Buffer\nvar w io.Writer = b"},
			"2:19: cannot use b (variable of struct type bytes.Buffer) as io.Writer value in variable declaration: bytes.Buffer does not implement io.Writer (method Write has pointer receiver)"},
		{"pointer receiver declared in an earlier cell", []string{
			"type Counter struct{ n int }", "func (c *Counter) Inc() { c.n++ }", "type Incer interface{ Inc() }",
			"func use(i Incer) { i.Inc() }\nc := Counter{}\nuse(c)"},
			"3:5: cannot use c (variable of struct type Counter) as Incer value in argument to use: Counter does not implement Incer (method Inc has pointer receiver)"},
		{"pointer receiver with a variable from an earlier cell", []string{
			"import \"fmt\"", "type V struct{}\nfunc (v *V) String() string { return \"v\" }", "v := V{}", "fmt.Stringer(v)"},
			"1:14: cannot convert v (variable of struct type V) to type fmt.Stringer: V does not implement fmt.Stringer (method String has pointer receiver)"},
		{"a string for an int", []string{"var s string = 5"}, "1:16: cannot use 5 (untyped int constant) as string value in variable declaration"},
		{"an implicitly repeated constant of an earlier cell's group for an int", []string{"type Op int\nconst (\n\tAdd Op = iota\n\tSub\n\tMul\n)", "var m int = Mul"},
			"1:13: cannot use Mul (constant 2 of int type Op) as int value in variable declaration"},
		{"a variable made from such a constant for an int", []string{"type Op int\nconst (\n\tAdd Op = iota\n\tSub\n)", "x := Sub", "var y int = x"},
			"1:13: cannot use x (variable of int type Op) as int value in variable declaration"},
		{"a struct literal with a field of the wrong type", []string{"type User struct{ Name string; Age string }\nu := User{\"a\", 3}"},
			"2:16: cannot use 3 (untyped int constant) as string value in struct literal"},
		{"a call with too few arguments", []string{"func add(a, b int) int { return a + b }", "add(1)"}, "1:6: not enough arguments in call to add\n\thave (number)\n\twant (int, int)"},
		{"a misspelt name", []string{"import \"fmt\"", "total := 3\nfmt.Println(totl)"}, "2:13: undefined: totl"},
		{"a forgotten import", []string{"strings.ToUpper(\"a\")"}, "1:1: undefined: strings"},
		{"a misspelt method", []string{"import \"sync\"", "var wg sync.WaitGroup\nn := 1\nwg.Wiat()"}, "3:4: wg.Wiat undefined (type sync.WaitGroup has no field or method Wiat)"},
		{"a constraint used as a type", []string{"type Num interface{ ~int | ~float64 }", "func zero() any {\n\tvar s Num\n\treturn s\n}"},
			"2:8: cannot use type Num outside a type constraint: interface contains type constraints"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newTestEvaluator(t, "", "")
			_, err := evalAll(t, e, c.cells...)
			if err == nil {
				t.Fatalf("last cell accepted, want %q", c.want)
			}
			if err.Name != "CompileError" || err.Value != c.want {
				t.Fatalf("got %s %q, want CompileError %q", err.Name, err.Value, c.want)
			}
		})
	}
}

// TestTypecheckRefusedCellRunsNothing checks a refused cell has no
// effect: its statements did not run, its names were not declared.
func TestTypecheckRefusedCellRunsNothing(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	if _, err := evalAll(t, e, "n := 1", "n = 2\nfunc bad() int {}"); err == nil {
		t.Fatal("cell with a missing return accepted")
	}
	res, err := evalAll(t, e, "n")
	if err != nil || res.Data["text/plain"] != "1" {
		t.Fatalf("n = %v (%v), want 1: the refused cell ran", res.Data, err)
	}
	for _, s := range e.Symbols() {
		if s.Name == "bad" {
			t.Fatal("bad was declared by a refused cell")
		}
	}
}

// TestTypecheckAcceptsValidPrograms runs cells Go accepts through the
// evaluator: none may be refused by the check.
func TestTypecheckAcceptsValidPrograms(t *testing.T) {
	cases := []struct {
		name  string
		cells []string
		text  string
	}{
		{"generics", []string{"func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs { out = append(out, f(x)) }\n\treturn out\n}",
			"type Number interface{ ~int | ~float64 }\nfunc Sum[T Number](xs ...T) T { var s T; for _, x := range xs { s += x }; return s }",
			"Sum[int](Map[int, int]([]int{1, 2}, func(x int) int { return x * 10 })...)"}, "30"},
		{"goroutines and channels", []string{"import \"sync\"", "ch := make(chan int, 3)\nvar wg sync.WaitGroup\nfor i := range 3 {\n\twg.Add(1)\n\tgo func() { defer wg.Done(); ch <- i }()\n}\nwg.Wait()\nclose(ch)\ns := 0\nfor v := range ch { s += v }\ns"}, "3"},
		{"select and terminating statements", []string{"func pick(a, b chan int) int {\n\tselect {\n\tcase x := <-a:\n\t\treturn x\n\tcase y := <-b:\n\t\treturn y\n\t}\n}",
			"func forever() int { for {} }", "func sw(x int) string {\n\tswitch {\n\tcase x > 0:\n\t\treturn \"+\"\n\tdefault:\n\t\tpanic(\"no\")\n\t}\n}", "a := make(chan int, 1)\na <- 7\npick(a, nil)"}, "7"},
		{"closures", []string{"func counter() func() int { n := 0; return func() int { n++; return n } }", "c := counter()\nc()\nc()"}, "2"},
		{"methods and pointer receivers used right", []string{"import \"fmt\"", "type T struct{ n int }\nfunc (t *T) String() string { return fmt.Sprint(t.n) }",
			"var s fmt.Stringer = &T{4}\ns.String()"}, `"4"`},
		{"embedding promotes methods", []string{"import (\n\t\"io\"\n\t\"strings\"\n\t\"sync\"\n)", "type Safe struct {\n\tsync.Mutex\n\t*strings.Builder\n}",
			"s := Safe{Builder: &strings.Builder{}}\ns.Lock()\nvar w io.Writer = s\nw.Write([]byte(\"ok\"))\ns.Unlock()\ns.String()"}, `"ok"`},
		{"compiled types with value methods", []string{"import (\"fmt\"; \"time\")", "var s fmt.Stringer = time.Second\ns.String()"}, `"1s"`},
		{"redefinition with another type", []string{"import \"fmt\"", "type P struct{}\nfunc (p *P) String() string { return \"p\" }", "v := P{}", "v := &P{}", "var s fmt.Stringer = v\ns.String()"}, `"p"`},
		{"variable whose initialiser's func changed type since", []string{"import \"fmt\"", "type R struct{}\nfunc (r *R) String() string { return \"r\" }",
			"func mk() *R { return &R{} }", "v := mk()", "func mk() R { return R{} }", "var s fmt.Stringer = v\ns.String()"}, `"r"`},
		{"fields and methods of cells' types, packages' types and basic types", []string{"import (\"log\"; \"os\"; \"strings\")",
			"type P struct{ Name string }\nfunc (p *P) Up() string { return strings.ToUpper(p.Name) }\ntype Inner struct{ N int }\ntype Outer struct{ Inner }",
			"l := log.New(os.Stdout, \"\", 0)\nl.SetPrefix(\"> \")\nvar sb strings.Builder\nsb.WriteString(\"x\")\np := P{\"a\"}\no := Outer{Inner{3}}\np.Up() + sb.String() + l.Prefix() + string(rune('0'+o.N))"}, `"Ax> 3"`},
		{"statement vars used by funcs in the cell", []string{"k := 5\nfunc g() int { return k * 2 }\ng()"}, "10"},
		{"slices maps cmp shims", []string{"import (\"cmp\"; \"maps\"; \"slices\")", "m := map[string]int{\"b\": 2, \"a\": 1}\nks := slices.Collect(maps.Keys(m))\nslices.Sort(ks)\nslices.SortFunc(ks, func(a, b string) int { return cmp.Compare(b, a) })\nks"}, "[b a]"},
		{"demos and display", []string{"import (\n\t\"golessons/demos\"\n\t\"golessons/display\"\n)", "display.HTML(\"<b>x</b>\")\nd := demos.IsPrime(7)\nd"}, "true"},
		{"whole program with main", []string{"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Print(\"\")\n}\n", "1 + 1"}, "2"},
		{"const group with iota", []string{"const (\n\tA = iota\n\tB\n\tC\n)", "func f() int { return C }", "f()"}, "2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := New(Options{Stderr: &syncBuffer{}, Symbols: []interp.Exports{symbols.Symbols}})
			if err != nil {
				t.Fatal(err)
			}
			res, ee := evalAll(t, e, c.cells...)
			if ee != nil {
				t.Fatalf("refused: %s %s", ee.Name, ee.Value)
			}
			if got := res.Data["text/plain"]; got != c.text {
				t.Fatalf("got %v, want %s", got, c.text)
			}
		})
	}
}

// TestTypecheckTeacherPackage checks a teacher's source package is
// type-checked from its files: a pointer-receiver misuse of its type is
// refused, a right use accepted, and a package that does not type-check
// silences the check rather than refuse.
func TestTypecheckTeacherPackage(t *testing.T) {
	dir := t.TempDir()
	write := func(pkg, src string) {
		if err := os.MkdirAll(filepath.Join(dir, pkg), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, pkg, pkg+".go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("shapes", "package shapes\n\ntype Shape interface{ Area() float64 }\n\ntype Sq struct{ S float64 }\n\nfunc (q *Sq) Area() float64 { return q.S * q.S }\n")
	write("odd", "package odd\n\nfunc F() int { return undefinedThing }\n\ntype I interface{ M() }\n")
	e := newTestEvaluator(t, "", dir)
	if _, err := evalAll(t, e, "import \"shapes\"", "var s shapes.Shape = &shapes.Sq{S: 2}\ns.Area()"); err != nil {
		t.Fatalf("valid use refused: %v", err)
	}
	_, err := evalAll(t, e, "var s2 shapes.Shape = shapes.Sq{S: 2}")
	if err == nil || !strings.Contains(err.Value, "method Area has pointer receiver") {
		t.Fatalf("got %v, want the pointer-receiver error", err)
	}
	// odd does not type-check: the check says nothing, whatever follows
	// (here the interpreter's own error, since F cannot compile).
	_, err = evalAll(t, newTestEvaluator(t, "", dir), "import \"odd\"\nfunc g() int {}")
	if err != nil && strings.Contains(err.Value, "missing return") {
		t.Fatalf("check ran although a package did not type-check: %v", err)
	}
}

// BenchmarkTypecheckTrivialCell measures what the check adds to a trivial
// cell after 41 cells of declarations (20 types with 2 methods each, 20
// funcs, 20 variables).
func BenchmarkTypecheckTrivialCell(b *testing.B) {
	e, err := New(Options{Stderr: &syncBuffer{}})
	if err != nil {
		b.Fatal(err)
	}
	cells := []string{`import ("fmt"; "strings"; "sync"; "time")`}
	for i := range 20 {
		cells = append(cells, fmt.Sprintf("type T%d struct{ n int }\nfunc (t *T%d) Inc() { t.n++ }\nfunc (t T%d) Get() int { return t.n }", i, i, i),
			fmt.Sprintf("func f%d(x int) int {\n\tif x > %d {\n\t\treturn x * 2\n\t}\n\treturn f%d(x + 1)\n}\nv%d := f%d(0)", i, i, i, i, i))
	}
	for _, c := range cells {
		if _, err := e.Eval(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if err := e.typecheck("_ = 0"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAMisspeltNameRunsNothingOfTheCell(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	var err *Error
	out := captureStdout(t, func() {
		evalAll(t, e, `import "fmt"`, `func hello() string { return "v1" }`)
		_, err = evalAll(t, e, "fmt.Println(\"ran\")\nfunc hello() string { return undefinedThing }")
	})
	if err == nil || err.Value != "2:30: undefined: undefinedThing" || out != "" {
		t.Fatalf("got %v and stdout %q, want the refusal and no output", err, out)
	}
	if res, _ := evalAll(t, e, "hello()"); res.Data["text/plain"] != `"v1"` {
		t.Fatalf("hello() = %v, want the earlier definition", res.Data["text/plain"])
	}
}

// TestInterpreterCompileErrorsInGosWords: when yaegi refuses a cell
// itself, the message is go/types' for the same line.
func TestInterpreterCompileErrorsInGosWords(t *testing.T) {
	cases := []struct {
		name  string
		cells []string
		want  string
	}{
		{"a string for an int", []string{"var x int = \"s\""}, "1:13: cannot use \"s\" (untyped string constant) as int value in variable declaration"},
		{"an argument of the wrong type, as the cell's value", []string{"func f(s string) {}\nf(3)"}, "2:3: cannot use 3 (untyped int constant) as string value in argument to f"},
		{"a float added to an int, beside an unused import", []string{"import \"fmt\"", "total := 0\ntotal += 1.5"}, "2:10: 1.5 (untyped float constant) truncated to int"},
		{"a return of the wrong type", []string{"func g() int { return \"s\" }"}, "1:23: cannot use \"s\" (untyped string constant) as int value in return statement"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newTestEvaluator(t, "", "")
			_, err := evalAll(t, e, c.cells...)
			if err == nil || err.Name != "CompileError" || err.Value != c.want {
				t.Fatalf("got %v, want CompileError %q", err, c.want)
			}
		})
	}
}

func TestATypeErrorRunsNothingOfTheCell(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	var err *Error
	out := captureStdout(t, func() {
		evalAll(t, e, `import "fmt"`, "counter := 0")
		_, err = evalAll(t, e, "counter++\nfmt.Println(\"ran\")\ntype User struct{ Name string; Age string }\nu := User{\"a\", 3}")
	})
	if err == nil || err.Name != "CompileError" || out != "" {
		t.Fatalf("got %v and stdout %q, want the refusal and no output", err, out)
	}
	// the type was not declared with the wrong field type for good
	res, ee := evalAll(t, e, "type User struct{ Name string; Age int }\nu := User{\"a\", 3}\nfmt.Sprint(counter, u)")
	if ee != nil || res.Data["text/plain"] != `"0 {a 3}"` {
		t.Fatalf("after the fix: %v %v, want counter 0 and the user", res.Data, ee)
	}
}

// TestAVariableWhoseTypeTheCheckWouldDeriveWronglyIsNotRefused: x was
// made by the first f; with f redefined, its initialiser now gives a
// string, but x holds an int, and using it as one is fine.
func TestAVariableWhoseTypeTheCheckWouldDeriveWronglyIsNotRefused(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	res, err := evalAll(t, e, "func f() int { return 1 }", "x := f()", "func f() string { return \"s\" }", "var n int = x\nn + 1")
	if err != nil || res.Data["text/plain"] != "2" {
		t.Fatalf("got %v %v, want 2", res.Data, err)
	}
}

func TestASliceVariableWhoseElementTypeTheCheckWouldDeriveWronglyIsNotRefused(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	res, err := evalAll(t, e, "func mk() []int { return []int{1} }", "xs := mk()", "func mk() []string { return nil }", "var ys []int = xs\nlen(ys)")
	if err != nil || res.Data["text/plain"] != "1" {
		t.Fatalf("got %v %v, want 1", res.Data, err)
	}
}
