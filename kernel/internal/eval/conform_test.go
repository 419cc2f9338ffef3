package eval

import (
	"strings"
	"testing"
)

// outCase is a run of cells whose printed output and final value are
// checked, as a student reads them under the cell.
type outCase struct {
	name    string
	cells   []string
	out     string // expected stdout of all cells together
	text    string // expected text/plain of the last cell ("" = not checked)
	errName string // expected Error.Name of the last cell
	errHas  string
}

func runOutCases(t *testing.T, cases []outCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEvaluator(t, "", "")
			var res Result
			var err *Error
			out := captureStdout(t, func() { res, err = evalAll(t, e, tc.cells...) })
			if tc.errName != "" {
				if err == nil || err.Name != tc.errName || !strings.Contains(err.Value, tc.errHas) {
					t.Fatalf("want %s containing %q, got %v", tc.errName, tc.errHas, err)
				}
			} else if err != nil {
				t.Fatalf("unexpected error %s: %s %v", err.Name, err.Value, err.Traceback)
			}
			if out != tc.out {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, tc.out)
			}
			if got, _ := res.Data["text/plain"].(string); tc.text != "" && got != tc.text {
				t.Errorf("value %q, want %q", got, tc.text)
			}
		})
	}
}

func TestMainFromLaterCells(t *testing.T) {
	prog := "package main\nimport \"fmt\"\nvar runs int\nfunc main() { runs++; fmt.Println(\"run\", runs) }"
	runOutCases(t, []outCase{
		{name: "pasted program runs once", cells: []string{prog}, out: "run 1\n"},
		{name: "main() in a later cell runs it again", cells: []string{prog, "main()", "main()"}, out: "run 1\nrun 2\nrun 3\n"},
		{name: "main() without a main is an error", cells: []string{"main()"}, errName: "CompileError", errHas: "undefined: main"},
		{name: "redefining a helper does not rerun main", cells: []string{
			"import \"fmt\"\nfunc greet() string { return \"hi\" }\nfunc main() { fmt.Println(greet()) }",
			"func greet() string { return \"hello\" }", "main()"}, out: "hi\nhello\n"},
		{name: "a method named main is untouched", cells: []string{
			"type T struct{}\nfunc (T) main() int { return 3 }", "T{}.main()"}, text: "3"},
		{name: "a panic in main names main", cells: []string{"func main() { var m map[string]int; m[\"a\"] = 1 }"},
			errName: "panic", errHas: "nil map"},
		{name: "a cell with statements of its own runs main only where it calls it", cells: []string{
			"import \"fmt\"\nfunc main() { fmt.Println(\"main\") }\nfmt.Println(\"before\")\nmain()",
			"func main() { fmt.Println(\"not called\") }\nx := 2\nfmt.Println(\"top\", x)"}, out: "before\nmain\ntop 2\n"},
	})
}

func TestVersionedStandardImports(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "math/rand/v2 is package rand", cells: []string{`import "math/rand/v2"`, "rand.IntN(1)"}, text: "0"},
		{name: "math/rand/v2's generic N", cells: []string{"import (\"math/rand/v2\"; \"time\")\ntype Die int",
			"d, t := rand.N(Die(1)), rand.N(time.Nanosecond)\n[]any{d, t, rand.N(uint8(1))}"}, text: "[0 0s 0]"},
		{name: "standard generic funcs with their type arguments written", cells: []string{"import (\"fmt\"; \"math/rand/v2\"; \"maps\"; \"slices\"; \"time\")",
			"fmt.Sprint(rand.N[int64](1), rand.N[time.Duration](1), slices.Sorted[string](maps.Keys(map[string]int{\"b\": 1, \"a\": 2})))"}, text: `"0 0s [a b]"`},
		{name: "math/rand/v2 beside math/rand under another name", cells: []string{
			"import \"math/rand\"\nimport r2 \"math/rand/v2\"", "rand.Intn(1) + r2.IntN(1)"}, text: "0"},
	})
	for p, want := range map[string]string{"math/rand/v2": "rand", "math/rand": "rand", "v2": "v2", "example.com/m/v10": "m", "x/vx": "vx"} {
		if got := pkgName(p); got != want {
			t.Errorf("pkgName(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestPackageLevelOrderOfAPastedProgram(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "an import below the func using it", cells: []string{"func hi() { fmt.Println(strings.ToUpper(\"hi\")) }\nimport \"fmt\"\nhi()\nimport \"strings\""}, out: "HI\n"},
		{name: "vars using vars declared below them, alone and in a group", cells: []string{`import ("fmt"; "sync")
var a = b + 1
var b = 2
var (
	pool = sync.Pool{New: func() any { made++; return size }}
	size = 3
	made int
)
func main() { v := pool.Get(); fmt.Println(a, b, v, made) }`}, out: "3 2 3 1\n"},
		{name: "methods reading a var declared between the type and them", cells: []string{`import "fmt"
type S int
var names = map[S]string{1: "one"}
func (s S) String() string { return names[s] }
func (s S) Up() string { return s.String() + "!" }
func main() { fmt.Println(S(1).Up()) }`}, out: "one!\n"},
		{name: "a var named like a method's receiver comes after the methods", cells: []string{`import "fmt"
type ID int
func (i ID) String() string { return "id" }
type S struct{}
func (s S) String() string { return "s" }
var i interface{} = ID(4)
var s fmt.Stringer = S{}
fmt.Println(i, s)`}, out: "id s\n"},
		{name: "vars first, then a type whose methods read them and call each other", cells: []string{`import ("fmt"; "strings")
var greeting = prefix + "ready"
var prefix = strings.Repeat("*", depth) + " "
var depth = len(levels)
var levels = map[Level]string{0: "low", 1: "high"}
type Level int
func (l Level) String() string { return levels[l] }
func (l Level) Louder() string { return strings.ToUpper(l.String()) }
func main() { fmt.Println(greeting, Level(1).Louder()) }`}, out: "** ready HIGH\n"},
		{name: "main uses vars and funcs declared below it", cells: []string{`import "fmt"
func main() { fmt.Println(x, y, label, double(2)) }
var x = f()
func f() int { return 4 }
var y = x * 2
const k = 3
var label = fmt.Sprint("k=", k)
func double(n int) int { return 2 * n }`}, out: "4 8 k=3 4\n"},
		{name: "a method named like a func, declared below main", cells: []string{`import "fmt"
func main() {
	var b Bank
	b.Deposit(5)
	Deposit(3)
	fmt.Println(b.balance, total, b.Balance())
}
var total = start()
func start() int { return 1 }
func Deposit(amount int) { total += amount }
type Bank struct{ balance int }
func (b *Bank) Deposit(amount int) { b.balance += amount }
func (b *Bank) Balance() int { return b.balance + total }`}, out: "5 4 9\n"},
		{name: "two types with an Error method, a var between them", cells: []string{`import "fmt"
type Q struct{ Err error }
func (e *Q) Error() string { return e.Err.Error() }
func find() error { return &Q{} }
var X = 1
type T struct{}
func (t T) Error() string { return "t" }
func main() { fmt.Println(find() != nil, X, T{}.Error()) }`}, out: "true 1 t\n"},
		{name: "var block below the func using it", cells: []string{`import "fmt"
func show() { fmt.Println(a, b) }
var (
	a = "A"
	b = len(a)
)
show()`}, out: "A 1\n"},
		{name: "var between a const and a func it uses", cells: []string{`import "fmt"
func main() { fmt.Println(sq, sum()) }
var sq = func() []int { var s []int; for i := range n { s = append(s, i*i) }; return s }()
const n = 4
func sum() int { t := 0; for _, v := range sq { t += v }; return t }
func even(k int) bool { if k == 0 { return true }; return odd(k - 1) }
func odd(k int) bool { if k == 0 { return false }; return even(k - 1) }`, "even(4)"}, out: "[0 1 4 9] 14\n", text: "true"},
		{name: "a method returning a type declared below a var, called from main below them", cells: []string{`import "fmt"
type Rule struct{}
func (Rule) Check() error { return &FieldErr{} }
var n = 1
type FieldErr struct{}
func (e *FieldErr) Error() string { return "field" }
func main() { fmt.Println(Rule{}.Check(), n) }`}, out: "field 1\n"},
		{name: "initialisation cycle keeps cell order and fails", cells: []string{"func f() int { return x }\nvar x = f()"},
			errName: "CompileError"},
	})
}

func TestClearBuiltin(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "clear empties a map and zeroes a slice", cells: []string{`import "fmt"
m := map[string]int{"a": 1, "b": 2}
clear(m)
s := []int{1, 2, 3}
clear(s[1:])
type P struct{ X int }
ps := []P{{1}, {2}}
clear(ps)
fmt.Println(len(m), s, ps)`}, out: "0 [1 0 0] [{0} {0}]\n"},
		{name: "clear of a number is refused before the cell runs", cells: []string{"x := 1\nclear(x)"}, errName: "CompileError", errHas: "2:7: invalid argument: cannot clear x (variable of type int)"},
	})
}

func TestNewOfAnExpression(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "new of values and of types", cells: []string{`import "fmt"
type Pt struct{ X, Y int }
p := new(42)
q := new(Pt{1, 2})
s := new("hi")
n := 7
r := new(n * 2)
z := new(int)
w := new(Pt)
fmt.Println(*p, *q, *s, *r, *z, *w)`}, out: "42 {1 2} hi 14 0 {0 0}\n"},
		{name: "local types and type parameters stay types", cells: []string{`import "fmt"
func mk() *int { type local struct{ A int }; l := new(local); l.A = 2; return new(l.A + 5) }
func zero[T any]() T { return *new(T) }
fmt.Println(*mk(), zero[int](), zero[string]() == "")`}, out: "7 0 true\n"},
		{name: "a pointer to a copy", cells: []string{"x := 1\np := new(x)\n*p = 5\nx"}, text: "1"},
	})
}

func TestReplayingDeclaresMainWithoutRunningIt(t *testing.T) {
	e := newTestEvaluator(t, "", "")
	prog := "import \"fmt\"\nfunc main() { fmt.Println(\"ran\") }"
	out := captureStdout(t, func() {
		e.replaying = true
		evalAll(t, e, prog)
		e.replaying = false
		evalAll(t, e, "main()")
	})
	if out != "ran\n" {
		t.Fatalf("stdout %q, want main to run once, from the later cell", out)
	}
}

func TestOSExitAndLogFatalRunNoDeferredCalls(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "os.Exit", cells: []string{`import ("fmt"; "os")`, `func quit() { defer fmt.Println("quit deferred"); os.Exit(4) }`, `fmt.Println("before")
quit()`}, out: "before\n", errName: "Exit", errHas: "os.Exit(4) called"},
		{name: "log.Fatal, past a deferred recover", cells: []string{`import ("fmt"; "log")`, `func f() {
	defer func() { fmt.Println("recovered", recover()) }()
	log.Fatal("stop")
}`, `f()`}, errName: "Fatal", errHas: "stop"},
		{name: "os.Exit(0) is a success", cells: []string{`import ("fmt"; "os")`, `func main() {
	defer fmt.Println("deferred")
	fmt.Println("work")
	os.Exit(0)
}`, `main()
fmt.Println("not reached")`, `fmt.Println("next cell")`}, out: "work\nwork\nnext cell\n"},
	})
}

func TestMapsKeyedByInterfaces(t *testing.T) {
	const decls = `import "fmt"
type Shape interface{ Area() float64 }
type Sq struct{ s float64 }
func (q Sq) Area() float64 { return q.s * q.s }
type NotFound struct{ Key string }
func (e NotFound) Error() string { return "nf " + e.Key }`
	runOutCases(t, []outCase{
		{name: "a cell's interface is refused before the cell runs", cells: []string{decls, `fmt.Println("ran")
set := map[Shape]int{}
_ = set`}, errName: "CompileError", errHas: "2:8: map[Shape]int: the interpreter (yaegi v0.16.1) cannot key a map by an interface declared in a cell"},
		{name: "any counts equal values once", cells: []string{decls, `set := map[any]int{}
var a, b Shape = Sq{2}, Sq{2}
set[a]++
set[b]++
set[Sq{2}]++
fmt.Println(len(set), set[a])`}, out: "1 3\n"},
		{name: "error keys of a cell type say why they fail", cells: []string{decls, `counts := map[error]int{}
var e error = NotFound{"a"}
counts[e]++`}, errName: "panic", errHas: "key the map by the concrete type, a string, or any"},
	})
}

func TestTypeAliasesDeclaredInFuncs(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "used as types, in conversions, literals and type switches; shadowed in a block", cells: []string{`import "fmt"
type point struct{ x, y int }
func main() {
	type Num = float64
	type P = point
	type Pairs = map[string][]Num
	var n Num = 2.5
	ps := Pairs{"a": {1, n}}
	var x any = n
	switch v := x.(type) {
	case Num:
		fmt.Println("num", v)
	}
	fmt.Println(n, Num(3)/2, ps, P{1, 2}, []P{{3, 4}})
	if true {
		type Num = int
		var k Num = 7
		fmt.Println(k / 2)
	}
	fmt.Printf("%T\n", n)
}`}, out: "num 2.5\n2.5 1.5 map[a:[1 2.5]] {1 2} [{3 4}]\n3\nfloat64\n"},
	})
}

func TestConstantGroupsWithSeveralNamesPerLine(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "implicit repetition and iota per line", cells: []string{`import "fmt"
type Size int
const (
	KB, KiB Size = 1 << (10 * (iota + 1)), 1000 * (iota + 1)
	MB, MiB
	GB, GiB
)
const (
	x = iota * 2
	y
	p, q = iota, -iota
	r, s
)
func main() {
	const (
		a, b = iota, iota * 10
		c, d
	)
	fmt.Println(KB, KiB, MB, MiB, GB, GiB, x, y, p, q, r, s, a, b, c, d)
	fmt.Printf("%T\n", MiB)
}`}, out: "1024 1000 1048576 2000 1073741824 3000 0 2 2 -2 3 -3 0 0 1 10\nmain.Size\n"},
	})
}

func TestContextKeysOfTheCellsTypes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a string key type and empty struct key types are keys of their own", cells: []string{`import ("context"; "fmt")
type ctxKey string
type userKey struct{}
type traceKey struct{}
const requestID ctxKey = "request-id"
func handler(ctx context.Context) {
	id, ok := ctx.Value(requestID).(string)
	u, ok2 := ctx.Value(userKey{}).(string)
	_, ok3 := ctx.Value(traceKey{}).(string)
	fmt.Println(id, ok, u, ok2, ok3)
}`, `ctx := context.WithValue(context.Background(), requestID, "abc-123")
ctx = context.WithValue(ctx, userKey{}, "gopher")
handler(ctx)
fmt.Println(ctx.Value("request-id"), ctx.Value(ctxKey("request-id")))
fmt.Println(ctx)`}, out: "abc-123 true gopher true false\n<nil> abc-123\ncontext.Background.WithValue(main.ctxKey, abc-123).WithValue(main.userKey, gopher)\n"},
		{name: "a printed context calls its keys' String methods", cells: []string{`import ("context"; "fmt")
type key string
func (k key) String() string { return "key(" + string(k) + ")" }
type sk struct{ n int }
func (s sk) String() string { return fmt.Sprint("sk", s.n) }`, `ctx := context.WithValue(context.Background(), key("user"), "ann")
ctx = context.WithValue(ctx, sk{2}, 2)
fmt.Println(ctx, ctx.Value(key("user")), ctx.Value(sk{2}), ctx.Value(key("x")))`},
			out: "context.Background.WithValue(key(user), ann).WithValue(sk2, int) ann 2 <nil>\n"},
	})
}

func TestAPanicAfterARecoveredOneNamesItsOwnLine(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "the recovered panic's frames are forgotten", cells: []string{`func first() { panic("one") }
func f() {
	func() {
		defer func() { recover() }()
		first()
	}()
	panic("two")
}`, `f()`}, errName: "panic", errHas: "7:2 (an earlier cell): two"},
		{name: "a func of an earlier cell is said to be one", cells: []string{`type Inventory struct{ items map[string]int }

func (inv *Inventory) Add(name string, n int) { inv.items[name] += n }`, `var inv Inventory
inv.Add("x", 1)`}, errName: "panic", errHas: "3:49 (an earlier cell): assignment to entry in nil map"},
		{name: "a func of the same cell is not", cells: []string{`func f() { panic("own") }
f()`}, errName: "panic", errHas: "1:12: own"},
		{name: "a pasted program's main names the panic's line", cells: []string{`package main

import "fmt"

func main() {
	fmt.Println("a")
	panic("x")
}`}, out: "a\n", errName: "panic", errHas: "7:2: x"},
	})
}

func TestAGenericTypeAliasIsRefusedWithItsName(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "at the top of a program", cells: []string{`import "fmt"
type Pair[K comparable, V any] = struct {
	Key K
	Val V
}
func main() { fmt.Println(Pair[string, int]{"a", 1}) }`}, errName: "CompileError", errHas: "2:6: a generic type alias (type Pair[...] = ...) cannot run"},
		{name: "a plain alias still runs", cells: []string{`import "fmt"
type Celsius = float64
var c Celsius = 2.5
fmt.Println(c)`}, out: "2.5\n"},
	})
}

func TestFloatConstantsAreExactAsInGo(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "arithmetic, a truncation to int, a package constant given to float32", cells: []string{`import ("fmt"; "math")
const third = 1.0 / 3
const k = 10 / 3.0 * 3
const P = math.Pi
const (
	a = iota * 1.5
	b
)`, `var j int = k
var f float32 = P
fmt.Println(third*3, 1.0/3*3 == 1, 1e100/3*3 == 1e100, j, f, a, b, 0.1+0.2)`}, out: "1 true true 10 3.1415927 0 1.5 0.3\n"},
		{name: "a package's float constant compared with literals and given to complex", cells: []string{`import ("fmt"; "math")
const tau = 2 * math.Pi
const gt = 3.0 < math.Pi`, `if 1e308 < math.MaxFloat64 {
	fmt.Println(1.5 < math.Pi, tau/2 == math.Pi, 3.0 != math.Pi, gt)
}
fmt.Println(complex(0, math.Pi), complex(math.Sqrt2, 1))`}, out: "true true true true\n(0+3.141592653589793i) (1.4142135623730951+1i)\n"},
	})
}

func TestOSExitAndLogFatalInAGoroutineEndTheCell(t *testing.T) {
	if raceDetector {
		t.Skip("yaegi races internally on cancellation; see race_on_test.go")
	}
	runOutCases(t, []outCase{
		// The cell waits on a channel, which the goroutine's end stops;
		// a wg.Wait would stay blocked (os.Exit runs no wg.Done).
		{name: "os.Exit in a goroutine", cells: []string{`import ("fmt"; "os")`, `done := make(chan bool)
go func() { fmt.Println("in goroutine"); os.Exit(3); done <- true }()
<-done
fmt.Println("not reached")`}, out: "in goroutine\n", errName: "Exit", errHas: "os.Exit(3) called in a goroutine"},
		{name: "log.Fatal in a goroutine", cells: []string{`import "log"`, `done := make(chan bool)
go func() { log.Fatal("bad config"); done <- true }()
<-done`}, errName: "Fatal", errHas: "bad config"},
	})
}

func TestNilSpreadPassesANilVariadicSlice(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "f(nil...) as f()", cells: []string{`import "fmt"
func show(xs ...any) { fmt.Println(len(xs), xs == nil) }
func sum(base int, xs ...int) int { return base + len(xs) }`, `show(nil...)
fmt.Println(sum(1, nil...), append([]int{1}, nil...))`}, out: "0 true\n1 [1]\n"},
	})
}

func TestMethodExpressionsOfPromotedMethods(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "value and pointer receivers, variadic and two results", cells: []string{`import ("fmt"; "strings")
type Base struct{ N int }
func (b Base) Plus(k int) int { return b.N + k }
func (b *Base) Inc() { b.N++ }
func (b Base) Join(sep string, xs ...string) (string, int) { return strings.Join(xs, sep), b.N }
type Wrapper struct {
	Base
	Name string
}`, `w := Wrapper{Base{1}, "w"}
f := Wrapper.Plus
(*Wrapper).Inc(&w)
s, n := Wrapper.Join(w, "-", "a", "b")
fmt.Println(f(w, 2), w.N, s, n, fmt.Sprintf("%T", f))`}, out: "4 2 a-b 2 func(main.Wrapper, int) int\n"},
	})
}

func TestARedefinitionReadsTheEarlierValue(t *testing.T) {
	runOutCases(t, []outCase{
		{name: ":= and var reading the names they define", cells: []string{`import "fmt"
type P struct{ X int }
func (p P) Moved() P { return P{p.X + 5} }
x := 5
s := []int{1, 2}
name := "bob"
m := map[string]int{"a": 1}
p := P{1}
var n int64 = 3`, `x := x * 2
s := append(s, 3)
name := "hello " + name
m := map[string]int{"b": len(m)}
p := p.Moved()
var n int64 = n * 2
fmt.Println(x, s, name, m, p, n)`, `a, b := x+1, x+2
x, y := x+1, x+2
fmt.Println(a, b, x, y)`, `x := float64(x) / 2
fmt.Printf("%v %T\n", x, x)`}, out: "10 [1 2 3] hello bob map[b:1] {6} 6\n11 12 11 12\n5.5 float64\n"},
		{name: "the values of the earlier cells", cells: []string{`import "fmt"
x := 5
s := []int{1, 2}`, `x := x * 2
s := append(s, x)
fmt.Println(x, s)`}, out: "10 [1 2 10]\n"},
	})
}

func TestARedefinitionInACellStartingGoroutinesReadsTheEarlierValue(t *testing.T) {
	if raceDetector {
		t.Skip("its goroutines run while the cell's next statements execute: yaegi's own race (race_on_test.go); tests/kernel covers it too")
	}
	runOutCases(t, []outCase{
		{name: "in a cell that starts goroutines", cells: []string{`import ("fmt"; "sync")
a := 1
stop := make(chan struct{})
var wg sync.WaitGroup`, `b := a
a := 10
go func() {}()
fmt.Println(b, a)`, `wg.Add(1)
go func() { defer wg.Done(); fmt.Println("goroutine sees", a) }()
wg.Wait()
stop2 := stop
stop := make(chan struct{})
go func() { <-stop }()
close(stop2)
close(stop)
fmt.Println(stop2 != nil, b)`}, out: "1 10\ngoroutine sees 10\ntrue 1\n"},
	})
}

func TestAReturnAmongACellsStatementsEndsTheCell(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "in an if, in a loop with a deferred call, alone, and in a func literal", cells: []string{`import "fmt"
n := 0`, `if n == 0 {
	fmt.Println("zero")
	return
}
fmt.Println("nonzero")`, `defer fmt.Println("deferred runs")
for i := range 5 {
	if i == 2 {
		fmt.Println("at", i)
		return
	}
}
fmt.Println("after loop")`, `fmt.Println("a")
return
fmt.Println("b")`, `n = 5
func() { return }()
switch n {
case 5:
	fmt.Println("five")
}
fmt.Println("end", n)`}, out: "zero\nat 2\ndeferred runs\na\nfive\nend 5\n"},
	})
}

func TestAnImportOfANameAnEarlierCellDeclaredIsRefused(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a variable named like the package", cells: []string{`strings := []string{"x"}`, `import "strings"
_ = strings.ToUpper("hi")`}, errName: "CompileError", errHas: "1:8: strings redeclared: an earlier cell declared strings (a variable)"},
	})
}

func TestAValuePanickingAgainAfterARecoverIsSaidToBe(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "in a func", cells: []string{`import "fmt"
func f() {
	defer func() {
		r := recover()
		fmt.Println("recovered", r)
		panic(r)
	}()
	panic("boom")
}`, `f()`}, out: "recovered boom\n", errName: "panic", errHas: "boom [recovered, repanicked]"},
		{name: "in a cell's deferred func", cells: []string{`defer func() { r := recover(); panic(r) }()
panic("top")`}, errName: "panic", errHas: "2:1: top [recovered, repanicked]"},
		{name: "another value is no repanic", cells: []string{`func g() {
	defer func() { recover(); panic("other") }()
	panic("first")
}
g()`}, errName: "panic", errHas: "other"},
	})
}

func TestAPanicValueOfACompositeTypeNamesItsType(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a struct, a pointer and a named string type", cells: []string{`type Point struct{ X, Y int }
type Color string
func (c Color) Hi() {}`, `panic(Point{1, 2})`}, errName: "panic", errHas: "1:1: (main.Point) {1 2}"},
		{name: "a named string type with methods", cells: []string{`type Color string
func (c Color) Hi() {}`, `panic(Color("red"))`}, errName: "panic", errHas: `1:1: main.Color("red")`},
	})
}

func TestSlicesAndMapsFunctionsKeepTheCellsNamedTypes(t *testing.T) {
	const decls = `import ("fmt"; "maps"; "slices"; "strings")
type Tags []string
func (t Tags) String() string { return strings.Join(t, "+") }
type Inv map[string]int
func (i Inv) String() string { return fmt.Sprintf("inv(%d)", len(i)) }`
	runOutCases(t, []outCase{
		{name: "results of the slice's own type", cells: []string{decls, `t := Tags{"b", "a", "a"}
c := slices.Clone(t)
fmt.Printf("%T %v %s\n", c, c, c.String())
fmt.Println(slices.Insert(t, 0, "z"), slices.Compact(slices.Clone(t)), slices.Sorted(slices.Values(t)))
fmt.Println(slices.DeleteFunc(slices.Clone(t), func(s string) bool { return s == "a" }), slices.Repeat(Tags{"x"}, 2))`},
			out: "main.Tags b+a+a b+a+a\nz+b+a+a b+a [a a b]\nb x+x\n"},
		{name: "slices.AppendSeq", cells: []string{decls, `a := slices.AppendSeq(Tags{"x"}, slices.Values([]string{"y"}))
fmt.Printf("%T %v\n", a, a)`}, out: "main.Tags x+y\n"},
		{name: "maps.Clone", cells: []string{decls, `m := maps.Clone(Inv{"a": 1})
fmt.Println(m, m.String())`}, out: "inv(1) inv(1)\n"},
		{name: "in a func", cells: []string{decls, `var tags = Tags{"p", "q"}
func joined() string { return slices.Clip(tags).String() }`, `fmt.Println(joined())`}, out: "p+q\n"},
	})
}

func TestAPastedProgramWithAStatementOutsideItsFuncsIsRefused(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a statement above func main", cells: []string{"package main\nimport \"fmt\"\ncount := 1\nfunc main() { fmt.Println(count) }"},
			errName: "CompileError", errHas: "3:1: syntax error: non-declaration statement outside function body"},
		{name: "an import after a declaration", cells: []string{"package main\nfunc helper() int { return 2 }\nimport \"fmt\"\nfunc main() { fmt.Println(helper()) }"},
			errName: "CompileError", errHas: "3:1: syntax error: imports must appear before other declarations"},
		{name: "an import before the package clause", cells: []string{"import \"fmt\"\npackage main\nfunc main() { fmt.Println(1) }"},
			errName: "CompileError", errHas: "1:1: expected 'package', found import"},
		{name: "without a package clause the cell runs its statements", cells: []string{"import \"fmt\"\ncount := 1\nfunc show() { fmt.Println(count) }\nshow()"}, out: "1\n"},
	})
}

func TestAnInitFuncRunsOnceWhenAVarItWritesIsDeclaredAgain(t *testing.T) {
	prog := func(tag string) string {
		return "package main\nimport \"fmt\"\nvar order []string\nfunc init() { order = append(order, \"" + tag + "\") }\nfunc main() { fmt.Println(order) }"
	}
	runOutCases(t, []outCase{
		{name: "a plain cell declaring the var", cells: []string{prog("A"), "var order []string\nfmt.Println(order)", "order := []string{\"z\"}\nfmt.Println(order)"}, out: "[A]\n[]\n[z]\n"},
		{name: "the program pasted again, edited", cells: []string{prog("A"), prog("B"), "package main\nimport \"fmt\"\nvar order []string\nfunc main() { fmt.Println(order) }"}, out: "[A]\n[B]\n[]\n"},
	})
}
