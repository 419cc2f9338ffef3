package eval

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"reflect"
	"sync"
	"syscall"

	"golessons/third_party/yaegi/interp"
)

// Streams are the standard output and error that cells see. Without them
// (Options.Streams nil) interpreted os.Stdout and os.Stderr are the
// process's own files.
type Streams struct {
	// Stdout and Stderr are the process's files (fds 1 and 2). Cells get
	// duplicates of them as os.Stdout and os.Stderr, so a cell that closes
	// its streams cannot close the process's own (the kernel reads those,
	// and the runner writes its sync markers there). A duplicate a cell
	// closed is replaced when the next cell starts.
	Stdout, Stderr *os.File
	// OrderedStderr, when not nil, receives what cells write to os.Stderr
	// through fmt.Fprint*, the log package's standard logger and the
	// interpreter's panic reports, in order with stdout (the runner frames
	// it into its stdout pipe, see link.StderrWriter). Raw writes to the
	// os.Stderr file (os.Stderr.Write, child processes) still go to fd 2.
	OrderedStderr io.Writer
}

// cellStreams holds the interpreted os.Stdout and os.Stderr variables.
type cellStreams struct {
	src     Streams
	mu      sync.Mutex // orders reopen with goroutines of earlier cells that print
	out     *os.File   // interpreted os.Stdout; a cell's assignment writes it without mu
	err     *os.File   // interpreted os.Stderr
	ownOut  *os.File   // the duplicate we made for stdout
	ownErr  *os.File   // the duplicate we made for stderr
	ordered io.Writer
	stdLog  *Logger // follows ownErr when reopen replaces it
}

// useStreams installs duplicates of opts.Streams as the cells' os.Stdout
// and os.Stderr; fmt's and log's functions for cells write through them
// (see outputs).
func (e *Evaluator) useStreams() error {
	src := *e.opts.Streams
	cs := &cellStreams{src: src, ordered: src.OrderedStderr}
	var err error
	if cs.ownOut, err = dupFile(src.Stdout); err != nil {
		return err
	}
	if cs.ownErr, err = dupFile(src.Stderr); err != nil {
		cs.ownOut.Close()
		return err
	}
	cs.out, cs.err = cs.ownOut, cs.ownErr
	e.streams = cs
	if cs.ordered != nil {
		// Compiled code that logs through the process's standard logger
		// (lesson packages) keeps its order with the cells' output too.
		log.SetOutput(cs.ordered)
	}
	e.out.cs = cs
	if e.stdLog != nil {
		e.stdLog.SetOutput(cs.ownErr) // made before the cells' stderr existed
		cs.stdLog = e.stdLog
		// A program has one standard logger: the process's, through
		// which slog's default handler and compiled packages write, hands
		// its lines to the cells' (their flags, prefix and output; see
		// overrideSlogDefault for the other way).
		log.SetOutput(stdBridge{e.stdLog})
		log.SetFlags(0)
		log.SetPrefix("")
	}
	return e.i.Use(interp.Exports{
		"os/os": {"Stdout": reflect.ValueOf(&cs.out).Elem(), "Stderr": reflect.ValueOf(&cs.err).Elem()},
	})
}

// outputs is where the cells' fmt and log functions (fmtverbs.go,
// logger.go) write: through the cells' streams once useStreams has run,
// to the process's files without them.
type outputs struct{ cs *cellStreams }

// stdout is the cells' current os.Stdout.
func (o *outputs) stdout() io.Writer {
	if o.cs == nil {
		return os.Stdout
	}
	return o.cs.stdout()
}

// route sends writes meant for the cells' stderr to the ordered stderr.
func (o *outputs) route(w io.Writer) io.Writer {
	if o.cs == nil {
		return w
	}
	return o.cs.route(w)
}

// stdout is the cells' current os.Stdout (a cell may assign it).
func (cs *cellStreams) stdout() io.Writer {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.out
}

// route sends writes meant for the cells' own stderr file to the ordered
// stderr; every other writer is used as it is.
func (cs *cellStreams) route(w io.Writer) io.Writer {
	f, ok := w.(*os.File)
	if !ok || cs.ordered == nil {
		return w
	}
	cs.mu.Lock()
	own := f == cs.ownErr
	cs.mu.Unlock()
	if own && !isClosed(f) {
		return cs.ordered
	}
	return w
}

// reopen replaces a duplicate that the previous cell closed, so that each
// cell starts with working streams, as each run of a program does.
func (cs *cellStreams) reopen() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.out == cs.ownOut && isClosed(cs.ownOut) {
		if f, err := dupFile(cs.src.Stdout); err == nil {
			cs.ownOut, cs.out = f, f
		}
	}
	if cs.err == cs.ownErr && isClosed(cs.ownErr) {
		if f, err := dupFile(cs.src.Stderr); err == nil {
			if cs.stdLog != nil && cs.stdLog.Writer() == io.Writer(cs.ownErr) {
				cs.stdLog.SetOutput(f)
			}
			cs.ownErr, cs.err = f, f
		}
	}
}

// isClosed reports whether f was closed.
func isClosed(f *os.File) bool {
	_, err := f.Stat()
	return errors.Is(err, os.ErrClosed)
}

// dupFile returns a new file on the same open file as f, closed on exec
// (a child gets it only when a cell passes it, as cmd.Stdout = os.Stdout).
func dupFile(f *os.File) (*os.File, error) {
	if f == nil {
		return nil, errors.New("no file to duplicate")
	}
	sc, err := f.SyscallConn()
	if err != nil {
		return nil, fmt.Errorf("duplicate %s: %w", f.Name(), err)
	}
	nfd := -1
	var dupErr error
	cerr := sc.Control(func(fd uintptr) {
		r, _, errno := syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_DUPFD_CLOEXEC, 0)
		if errno != 0 {
			dupErr = errno
			return
		}
		nfd = int(r)
	})
	if err := errors.Join(cerr, dupErr); err != nil {
		return nil, fmt.Errorf("duplicate %s: %w", f.Name(), err)
	}
	return os.NewFile(uintptr(nfd), f.Name()), nil
}
