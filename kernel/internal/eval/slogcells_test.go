package eval

import "testing"

func TestSlogHandlersWriteCellTypesAsGo(t *testing.T) {
	decl := "import (\"log/slog\"; \"os\"; \"fmt\"; \"errors\")\n" +
		"type User struct { Name string; pass string }\n" +
		"type Tok struct{ v string }\nfunc (t Tok) String() string { return \"tok-\" + t.v }\n" +
		"type E struct{ Code int }\nfunc (e E) Error() string { return fmt.Sprint(\"code \", e.Code) }\n" +
		"type Temp struct{ C float64 }\nfunc (t Temp) MarshalText() ([]byte, error) { return []byte(fmt.Sprintf(\"%.1fC\", t.C)), nil }\n" +
		"var noTime = &slog.HandlerOptions{ReplaceAttr: func(g []string, a slog.Attr) slog.Attr { if a.Key == \"time\" { return slog.Attr{} }; return a }}"
	runOutCases(t, []outCase{
		{name: "text handler", cells: []string{decl, `l := slog.New(slog.NewTextHandler(os.Stdout, noTime))
l.Info("b", "u", User{"ann", "x"}, "p", &User{"bo", "y"}, "t", Tok{"a"}, "e", E{3}, "temp", Temp{21.5}, "err", errors.New("plain"))
l.With("w", User{"c", "d"}).WithGroup("g").Warn("c", slog.Group("in", "u", User{"e", "f"}), slog.Int("n", 3))`},
			out: "level=INFO msg=b u=\"{Name:ann pass:x}\" p=\"&{Name:bo pass:y}\" t=tok-a e=\"code 3\" temp=21.5C err=plain\n" +
				"level=WARN msg=c w=\"{Name:c pass:d}\" g.in.u=\"{Name:e pass:f}\" g.n=3\n"},
		{name: "JSON handler", cells: []string{decl, `j := slog.New(slog.NewJSONHandler(os.Stdout, noTime))
j.Info("c", "u", User{"ann", "x"}, "t", Tok{"a"}, "e", E{3}, "temp", Temp{1}, "html", "<a>")`},
			out: "{\"level\":\"INFO\",\"msg\":\"c\",\"u\":{\"Name\":\"ann\"},\"t\":{},\"e\":\"code 3\",\"temp\":\"1.0C\",\"html\":\"<a>\"}\n"},
		{name: "named non-struct types: String, LogValue, MarshalText, Error", cells: []string{`import ("fmt"; "log/slog"; "os")
type Level int
func (l Level) String() string { return [...]string{"low", "high"}[l] }
type Token string
func (t Token) LogValue() slog.Value { return slog.StringValue("REDACTED") }
type Temp float64
func (t Temp) MarshalText() ([]byte, error) { return []byte(fmt.Sprintf("%.1fC", float64(t))), nil }
type Code int
func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }
var noTime = &slog.HandlerOptions{ReplaceAttr: func(g []string, a slog.Attr) slog.Attr { if a.Key == "time" { return slog.Attr{} }; return a }}`,
			`for _, h := range []slog.Handler{slog.NewTextHandler(os.Stdout, noTime), slog.NewJSONHandler(os.Stdout, noTime)} {
	l := slog.New(h)
	l.Info("x", "lvl", Level(1), "tok", Token("s3cret"), "t", Temp(21.5), "c", Code(4))
	l.With("lvl", Level(0)).Warn("y", slog.Any("a", Level(1)), slog.Group("g", "t", Temp(1)))
}
fmt.Println(slog.AnyValue(Token("abc")).Resolve())`},
			out: "level=INFO msg=x lvl=high tok=REDACTED t=21.5C c=\"code 4\"\nlevel=WARN msg=y lvl=low a=high g.t=1.0C\n" +
				"{\"level\":\"INFO\",\"msg\":\"x\",\"lvl\":1,\"tok\":\"REDACTED\",\"t\":\"21.5C\",\"c\":\"code 4\"}\n" +
				"{\"level\":\"WARN\",\"msg\":\"y\",\"lvl\":0,\"a\":1,\"g\":{\"t\":\"1.0C\"}}\nREDACTED\n"},
	})
}
