package eval

import "testing"

func TestLoggerMethodsAndCellLines(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "log.New logger has SetPrefix, SetFlags, Prefix, Flags", cells: []string{`import ("log"; "os"; "fmt")
l := log.New(os.Stdout, "app: ", 0)
l.Println("one")
l.SetPrefix("svc: ")
l.SetFlags(log.Lmsgprefix)
l.Printf("two %d", 2)
fmt.Println(l.Prefix(), l.Flags() == log.Lmsgprefix)`}, out: "app: one\nsvc: two 2\nsvc:  true\n"},
		{name: "Lshortfile names the cell line", cells: []string{`import ("log"; "os")
log.SetOutput(os.Stdout)
log.SetFlags(log.Lshortfile)
log.Println("where")
func helper() {
	log.Printf("in helper")
}
helper()
var std *log.Logger = log.Default()
std.Print("last")`}, out: "cell:4: where\ncell:6: in helper\ncell:10: last\n"},
		{name: "a logger's Fatal ends the cell", cells: []string{`import ("log"; "os")
l := log.New(os.Stdout, "", 0)
l.Fatalf("bad %d", 3)`}, out: "bad 3\n", errName: "Fatal", errHas: "bad 3"},
		{name: "a logger's methods call String and Error as fmt does", cells: []string{`import ("log"; "os")
type Color int
func (c Color) String() string { return "green" }
type E struct{ Code int }
func (e E) Error() string { return "e!" }
l := log.New(os.Stdout, "", 0)
l.Print(Color(1), Color(2))
l.Println(Color(1), E{2})
l.Printf("%v %s %d|%v", Color(1), Color(1), Color(1), E{3})
log.Default().SetOutput(os.Stdout)
log.SetFlags(0)
log.Default().Print(Color(1))`}, out: "green green\ngreen e!\ngreen green 1|e!\ngreen\n"},
	})
}

func TestErrorsAsType(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "compiled error types through wrapping", cells: []string{`import ("errors"; "fmt"; "strconv"; "os")
_, err := strconv.Atoi("x")
ne, ok := errors.AsType[*strconv.NumError](fmt.Errorf("ctx: %w", err))
_, ok2 := errors.AsType[*os.PathError](err)
fmt.Println(ne.Func, ok, ok2)`}, out: "Atoi true false\n"},
		{name: "a cell error type given directly", cells: []string{`import ("errors"; "fmt")
type MyErr struct{ Code int }
func (e *MyErr) Error() string { return fmt.Sprint("code ", e.Code) }
me, ok := errors.AsType[*MyErr](&MyErr{9})
fmt.Println(me.Code, ok)`}, out: "9 true\n"},
		{name: "error itself, of compiled errors", cells: []string{`import ("errors"; "fmt"; "io/fs")
e, ok := errors.AsType[error](errors.New("x"))
w, ok2 := errors.AsType[error](fmt.Errorf("w: %w", fs.ErrNotExist))
var none error
_, ok3 := errors.AsType[error](none)
fmt.Println(e, ok, w, ok2, ok3)`}, out: "x true w: file does not exist true false\n"},
	})
}

func TestALoggersPrintMethodsPrintAsTheStandardLoggersDo(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "String of elements, keys and %T", cells: []string{`import ("log"; "os")
type Lvl int
func (l Lvl) String() string { return "lvl" }
l := log.New(os.Stdout, "app: ", 0)`, `l.Println(Lvl(1), []Lvl{2}, map[string]Lvl{"a": 3})
l.Printf("%v %T %s", []Lvl{2}, Lvl(1), []Lvl{4})
func show(v any) { l.Print(v) }
show(Lvl(2))`}, out: "app: lvl [lvl] map[a:lvl]\napp: [lvl] main.Lvl [lvl]\napp: lvl\n"},
	})
}

func TestALoggerEmbeddedInACellStructPromotesItsMethods(t *testing.T) {
	runOutCases(t, []outCase{{name: "Println, Printf, SetPrefix through the struct", cells: []string{`import ("log"; "os")`, `type Service struct {
	*log.Logger
	name string
}
s := Service{log.New(os.Stdout, "svc: ", 0), "a"}
var l *log.Logger = s.Logger
l.Println("y")
s.Println("z")
s.Printf("%d-%s\n", 3, s.name)
s.SetPrefix("new: ")
s.Print("p")`}, out: "svc: y\nsvc: z\nsvc: 3-a\nnew: p\n"}})
}

func TestAZeroLoggerLogsAndLoggersNameTheirGoTypes(t *testing.T) {
	runOutCases(t, []outCase{{name: "var l log.Logger, new(log.Logger), %T of loggers and JSON coders", cells: []string{`import ("encoding/json"; "fmt"; "log"; "os"; "strings")`, `var l log.Logger
l.SetOutput(os.Stdout)
l.SetPrefix("zero: ")
l.Print("works")
p := new(log.Logger)
p.SetOutput(os.Stdout)
p.Println("new")
fmt.Printf("%T %T %T %T\n", log.New(os.Stdout, "", 0), l, json.NewEncoder(os.Stdout), json.NewDecoder(strings.NewReader("")))`},
		out: "zero: works\nnew\n*log.Logger log.Logger *json.Encoder *json.Decoder\n"}})
}
