package eval

import (
	"context"
	"fmt"
	"go/ast"
	"io"
	"log"
	"log/slog"
	"os"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golessons/kernel/internal/eval/rewrite"
	"golessons/kernel/internal/typecheck"
)

// Logger stands in for *log.Logger in cells (log.New, log.Default and
// the package-level functions). yaegi's own restricted logger lacks
// SetPrefix and ends the cell with a panic on Fatal, and log's
// Lshortfile/Llongfile would name a file of the interpreter: here they
// name the cell line of the logging call ("cell:12"), recorded just
// before each logging statement by markLogLines.
type Logger struct {
	mu     sync.Mutex
	out    io.Writer
	prefix string
	flag   int
	line   *atomic.Int64 // the evaluator's current logging line
	outs   *outputs      // routes the cells' os.Stderr to the ordered stderr
	names  *typeNames    // cell types' names for %T, %+v, %#v, as fmt's Printf has them
}

// New returns a Logger like log.New.
func (l *Logger) new(out io.Writer, prefix string, flag int) *Logger {
	return &Logger{out: out, prefix: prefix, flag: flag, line: l.line, outs: l.outs, names: l.names}
}

// SetPrefix, Prefix, SetFlags, Flags, SetOutput and Writer are log's.
func (l *Logger) SetPrefix(p string)    { l.mu.Lock(); l.prefix = p; l.mu.Unlock() }
func (l *Logger) Prefix() string        { l.mu.Lock(); defer l.mu.Unlock(); return l.prefix }
func (l *Logger) SetFlags(f int)        { l.mu.Lock(); l.flag = f; l.mu.Unlock() }
func (l *Logger) Flags() int            { l.mu.Lock(); defer l.mu.Unlock(); return l.flag }
func (l *Logger) SetOutput(w io.Writer) { l.mu.Lock(); l.out = w; l.mu.Unlock() }
func (l *Logger) Writer() io.Writer     { l.mu.Lock(); defer l.mu.Unlock(); return l.out }

// Output writes one log line; calldepth is ignored (see Logger).
func (l *Logger) Output(calldepth int, s string) error {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	var b []byte
	if l.flag&log.Lmsgprefix == 0 {
		b = append(b, l.prefix...)
	}
	if l.flag&log.LUTC != 0 {
		now = now.UTC()
	}
	if l.flag&log.Ldate != 0 {
		b = now.AppendFormat(b, "2006/01/02 ")
	}
	if l.flag&(log.Ltime|log.Lmicroseconds) != 0 {
		if l.flag&log.Lmicroseconds != 0 {
			b = now.AppendFormat(b, "15:04:05.000000 ")
		} else {
			b = now.AppendFormat(b, "15:04:05 ")
		}
	}
	if l.flag&(log.Lshortfile|log.Llongfile) != 0 {
		b = append(b, "cell:"...)
		if n := l.lineNow(); n > 0 {
			b = strconv.AppendInt(b, n, 10)
		} else {
			b = append(b, '?')
		}
		b = append(b, ": "...)
	}
	if l.flag&log.Lmsgprefix != 0 {
		b = append(b, l.prefix...)
	}
	b = append(b, s...)
	if len(s) == 0 || s[len(s)-1] != '\n' {
		b = append(b, '\n')
	}
	w := l.out
	if l.outs != nil {
		w = l.outs.route(w)
	}
	_, err := w.Write(b)
	return err
}

// lineNow is the cell line of the logging call; 0 for a Logger the cell
// made itself (var l log.Logger, new(log.Logger)), which has no evaluator.
func (l *Logger) lineNow() int64 {
	if l.line == nil {
		return 0
	}
	return l.line.Load()
}

func (l *Logger) Print(v ...any)                 { l.Output(2, fmt.Sprint(l.values(v)...)) }   //nolint:errcheck
func (l *Logger) Printf(format string, v ...any) { l.Output(2, l.sprintf(format, v)) }         //nolint:errcheck
func (l *Logger) Println(v ...any)               { l.Output(2, fmt.Sprintln(l.values(v)...)) } //nolint:errcheck
func (l *Logger) Fatal(v ...any)                 { l.fatal(fmt.Sprint(l.values(v)...)) }
func (l *Logger) Fatalf(format string, v ...any) { l.fatal(l.sprintf(format, v)) }
func (l *Logger) Fatalln(v ...any)               { l.fatal(fmt.Sprintln(l.values(v)...)) }
func (l *Logger) Panic(v ...any)                 { l.panic(fmt.Sprint(l.values(v)...)) }
func (l *Logger) Panicf(format string, v ...any) { l.panic(l.sprintf(format, v)) }
func (l *Logger) Panicln(v ...any)               { l.panic(fmt.Sprintln(l.values(v)...)) }

// values are v as the cells' fmt.Print has them (fmtstringers.go).
func (l *Logger) values(v []any) []any {
	if l.names == nil {
		return v
	}
	return l.names.values(v)
}

// sprintf formats as the cells' fmt.Sprintf does (fmtverbs.go).
func (l *Logger) sprintf(format string, v []any) string {
	if l.names != nil {
		return l.names.sprintf(format, v...)
	}
	return fmt.Sprintf(format, v...)
}

// fatal prints as log.Fatal does, then ends the cell (not the process).
func (l *Logger) fatal(s string) {
	l.Output(2, s) //nolint:errcheck // best effort, as log.Fatal does
	panic(fatalPanic{trimNewline(s)})
}

func (l *Logger) panic(s string) {
	l.Output(2, s) //nolint:errcheck
	panic(s)
}

func trimNewline(s string) string {
	if n := len(s); n > 0 && s[n-1] == '\n' {
		return s[:n-1]
	}
	return s
}

// loggerSymbols are the entries of log that overrideLog changes, for
// the checker: their types only (yaegi's own table names its restricted
// logger type logLogger, which the checker left out, so a cell's
// struct{ *log.Logger } had no methods and log.Logger was undefined).
func loggerSymbols() typecheck.Table {
	var l *Logger
	return typecheck.Table{"log/log": {
		"Logger":  reflect.ValueOf((*Logger)(nil)),
		"New":     reflect.ValueOf(l.new),
		"Default": reflect.ValueOf(func() *Logger { return l }),
	}}
}

// overrideLog points the log package of cells at Loggers.
func (e *Evaluator) overrideLog(l map[string]reflect.Value) {
	// The standard logger writes to the cells' os.Stderr, as log does.
	std := &Logger{out: os.Stderr, flag: log.LstdFlags, line: &e.logLine, outs: &e.out, names: e.names}
	e.stdLog = std
	l["Logger"] = reflect.ValueOf((*Logger)(nil))
	l["New"] = reflect.ValueOf(std.new)
	l["Default"] = reflect.ValueOf(func() *Logger { return std })
	for name, f := range map[string]any{
		"Print": std.Print, "Printf": std.Printf, "Println": std.Println,
		"Fatal": std.Fatal, "Fatalf": std.Fatalf, "Fatalln": std.Fatalln,
		"Panic": std.Panic, "Panicf": std.Panicf, "Panicln": std.Panicln,
		"SetPrefix": std.SetPrefix, "Prefix": std.Prefix, "SetFlags": std.SetFlags, "Flags": std.Flags,
		"SetOutput": std.SetOutput, "Writer": std.Writer, "Output": std.Output,
	} {
		l[name] = reflect.ValueOf(f)
	}
}

// overrideSlogDefault makes the cells' slog.SetDefault reach the cells'
// log package, as Go's does: given a logger whose handler is not slog's
// default one, the standard logger's lines go to that handler at Info
// level, without date or prefix flags. (slog.SetDefault redirects the
// real log package, which the cells do not use: log.Print went on
// writing its own lines.)
func (e *Evaluator) overrideSlogDefault(s map[string]reflect.Value) {
	if s == nil || e.stdLog == nil {
		return
	}
	std := e.stdLog
	s["SetDefault"] = reflect.ValueOf(func(l *slog.Logger) {
		slog.SetDefault(l)
		if h := l.Handler(); reflect.TypeOf(h).String() != "*slog.defaultHandler" {
			std.SetOutput(handlerWriter{h})
			std.SetFlags(0)
		}
	})
}

// stdBridge writes each line of the process's standard logger through
// the cells' standard logger.
type stdBridge struct{ l *Logger }

func (b stdBridge) Write(p []byte) (int, error) {
	return len(p), b.l.Output(0, string(p))
}

// handlerWriter writes each line of a log.Logger as a slog record.
type handlerWriter struct{ h slog.Handler }

func (w handlerWriter) Write(p []byte) (int, error) {
	ctx := context.Background()
	if !w.h.Enabled(ctx, slog.LevelInfo) {
		return len(p), nil
	}
	r := slog.NewRecord(time.Now(), slog.LevelInfo, trimNewline(string(p)), 0)
	return len(p), w.h.Handle(ctx, r)
}

// markLogLines is rewrite.LogLines in the interpreter's file set.
func (e *Evaluator) markLogLines(n ast.Node) { rewrite.LogLines(n, e.i.FileSet()) }
