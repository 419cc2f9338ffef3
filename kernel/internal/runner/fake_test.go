package runner

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golessons/display"
	"golessons/kernel/internal/cellio"
	"golessons/kernel/internal/symtab"
	"golessons/kernel/internal/worker"
)

// envTestRunner makes the test binary act as a runner (see TestMain):
// "1" with the fake evaluator below, "real" with package eval.
const envTestRunner = "GOLESSONS_TEST_RUNNER"

func TestMain(m *testing.M) {
	if os.Getenv(envTestRunner) == "real" {
		if err := worker.Serve(context.Background(), worker.NewEval); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if os.Getenv(envTestRunner) == "1" {
		err := worker.Serve(context.Background(), func(stdin io.Reader, _ string) (worker.Evaluator, error) {
			return &fakeEval{stdin: bufio.NewReader(stdin), vars: map[string]string{}}, nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if cell := os.Getenv(envTestKernel); cell != "" { // checked second: its runners inherit it
		os.Exit(miniKernel(cell))
	}
	os.Exit(m.Run())
}

// envTestKernel makes the test binary act as a kernel that starts a
// runner, runs "spawn" in it, prints the runner's and the child's pids,
// starts the cell the variable names (unless it is "none") and waits to
// be killed (see TestKernelDeathLeavesNoOrphans).
const envTestKernel = "GOLESSONS_TEST_KERNEL"

func miniKernel(cell string) int {
	exe, err := os.Executable()
	if err != nil {
		return 1
	}
	env := append(os.Environ(), envTestRunner+"=1")
	r, err := Start(context.Background(), Config{Exe: exe, Args: []string{"-test.run=^$"}, Env: env, MemoryLimit: -1})
	if err != nil {
		fmt.Println("start:", err)
		return 1
	}
	out := &lineOutput{}
	if res := r.Execute(context.Background(), Request{Code: "spawn"}, out); res.Err != nil {
		fmt.Println("spawn:", res.Err)
		return 1
	}
	fmt.Printf("%d %s", r.current().pid, out.text.String())
	if cell != "none" {
		go r.Execute(context.Background(), Request{Code: cell}, out)
	}
	select {} // until killed
}

// lineOutput collects stdout for miniKernel.
type lineOutput struct {
	mu   sync.Mutex
	text strings.Builder
}

func (o *lineOutput) Stream(name, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if name == "stdout" {
		o.text.WriteString(text)
	}
}
func (o *lineOutput) Display(cellio.Display)                              {}
func (o *lineOutput) Input(context.Context, string, bool) (string, error) { return "", io.EOF }

// fakeEval is a tiny command language standing in for the Go evaluator,
// one command per line, so these tests exercise the process boundary
// (output, crashes, interrupts, stdin) without the interpreter.
type fakeEval struct {
	stdin *bufio.Reader
	mu    sync.Mutex
	vars  map[string]string
}

func (f *fakeEval) Eval(ctx context.Context, cell string) (cellio.Value, error) {
	var val cellio.Value
	for _, line := range strings.Split(cell, "\n") {
		cmd, arg, _ := strings.Cut(line, " ")
		v, err := f.run(ctx, cmd, arg)
		if err != nil {
			return cellio.Value{}, err
		}
		if v != nil {
			val.Data = v
		}
	}
	return val, nil
}

func (f *fakeEval) run(ctx context.Context, cmd, arg string) (map[string]any, error) {
	switch cmd {
	case "print":
		fmt.Println(arg)
	case "printn":
		fmt.Print(arg)
	case "eprint":
		fmt.Fprintln(os.Stderr, arg)
	case "flood":
		n, _ := strconv.Atoi(arg)
		for i := range n {
			fmt.Printf("line %d\n", i)
		}
	case "bigflood": // arg MiB of 63-byte lines in 64 KiB writes
		n, _ := strconv.Atoi(arg)
		block := []byte(strings.Repeat(strings.Repeat("x", 62)+"\n", 1<<16/63))
		for range n << 20 / len(block) {
			os.Stdout.Write(block)
		}
	case "bigvalue":
		return map[string]any{"text/plain": strings.Repeat("v", 65<<20)}, nil
	case "set":
		name, value, _ := strings.Cut(arg, " ")
		f.mu.Lock()
		f.vars[name] = value
		f.mu.Unlock()
	case "get":
		f.mu.Lock()
		v, ok := f.vars[arg]
		f.mu.Unlock()
		if !ok {
			return nil, &cellio.Error{Name: "CompileError", Value: "undefined: " + arg}
		}
		return map[string]any{"text/plain": v}, nil
	case "fail":
		return nil, errors.New(arg)
	case "late":
		go func() {
			time.Sleep(20 * time.Millisecond) // runner side: print after the cell ended
			fmt.Println(arg)
		}()
	default:
		return f.runProcess(ctx, cmd, arg)
	}
	return nil, nil
}

// runProcess runs the commands that start, stop or stress the process.
func (f *fakeEval) runProcess(ctx context.Context, cmd, arg string) (map[string]any, error) {
	switch cmd {
	case "exec":
		c := exec.Command("/bin/sh", "-c", arg)
		c.Stdout, c.Stderr = os.Stdout, os.Stderr
		return nil, c.Run()
	case "spawn": // start a child that outlives the cell; print its pid
		c := exec.Command("/bin/sleep", "1000")
		if err := c.Start(); err != nil {
			return nil, err
		}
		fmt.Println(c.Process.Pid)
	case "exit":
		n, _ := strconv.Atoi(arg)
		os.Exit(n)
	case "exitlater": // the runner dies after the cell; the cell fails, so no replay repeats it
		n, _ := strconv.Atoi(arg)
		go func() {
			time.Sleep(20 * time.Millisecond)
			os.Exit(n)
		}()
		return nil, errors.New("exiting soon")
	case "gopanic":
		go func() { panic(arg) }()
		select {}
	case "unlock":
		var mu sync.Mutex
		mu.Unlock()
	case "printunlock": // a line on stdout, then the runtime's report on stderr
		fmt.Println(arg)
		var mu sync.Mutex
		mu.Unlock()
	case "fatalflood": // the runtime's report, then a goroutine dump longer than the kept tail
		fmt.Fprintln(os.Stderr, "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow")
		for i := range 20000 {
			fmt.Fprintf(os.Stderr, "main.deep(...)\n\t/cell.go:%d +0x1d\n", i)
		}
		os.Exit(2)
	case "spawnloop": // a child process, then a cooperative loop
		c := exec.Command("/bin/sleep", "1000")
		if err := c.Start(); err != nil {
			return nil, err
		}
		fmt.Println(c.Process.Pid)
		go c.Wait() // reap it when it dies
		return f.runProcess(ctx, "loop", "")
	case "printloop": // prints until cancelled
		for ctx.Err() == nil {
			fmt.Println("line")
		}
		return nil, ctx.Err()
	case "loop": // honours cancellation, like interpreted code
		fmt.Println("started")
		for ctx.Err() == nil {
		}
		return nil, &cellio.Error{Name: "Interrupted", Value: "cell interrupted"}
	case "sleep": // ignores cancellation, like a compiled call
		fmt.Println("started")
		time.Sleep(time.Hour)
		fmt.Println("continued after interrupt")
	case "alloc":
		var keep [][]byte
		for {
			b := make([]byte, 16<<20)
			for i := range b {
				b[i] = 1
			}
			keep = append(keep, b)
		}
	case "read":
		line, err := f.stdin.ReadString('\n')
		if err != nil {
			fmt.Println("read error:", err)
			return nil, nil
		}
		fmt.Printf("got: %s", line)
	case "display":
		display.HTML(arg)
	case "", "restorecrash":
	default:
		return nil, fmt.Errorf("unknown command %q", cmd)
	}
	return nil, nil
}

func (f *fakeEval) Restore(ctx context.Context, cells []string, numbers []int, next string) (kept, lost []string) {
	for _, cell := range cells {
		for _, line := range strings.Split(cell, "\n") {
			cmd, arg, _ := strings.Cut(line, " ")
			if cmd == "restorecrash" { // fine in a cell, fatal when replayed
				os.Exit(5)
			}
			if cmd == "set" {
				f.run(ctx, cmd, arg)
				name, _, _ := strings.Cut(arg, " ")
				kept = append(kept, name)
			}
		}
	}
	return kept, nil
}

func (f *fakeEval) Symbols() []symtab.Symbol {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []symtab.Symbol
	for name, v := range f.vars {
		out = append(out, symtab.Symbol{Name: name, Kind: symtab.KindVar, Value: v})
	}
	return out
}
