package eval

import (
	"fmt"
	"reflect"
)

// Puller runs an iterator function (Go 1.23's `func(yield func(V) bool)`
// or `func(yield func(K, V) bool)`) on a goroutine of its own and hands
// its values over one at a time. Range-over-func loops in cells become a
// plain `for` loop pulling from it (see rangefunc.go), so break, continue,
// return, labels and defer in the loop body keep their Go meaning.
// Compiled because yaegi cannot run a generic func that returns closures.
type Puller struct {
	seq      reflect.Value
	vals     chan []any
	more     chan bool
	end      chan any // the iterator returned; carries what it panicked with
	started  bool
	finished bool
}

// pull is exported to cells (through the prelude's rewrites) as Pull.
func pull(seq any) *Puller {
	v := reflect.ValueOf(seq)
	if v.Kind() != reflect.Func || v.Type().NumIn() != 1 || v.Type().In(0).Kind() != reflect.Func {
		panic(fmt.Sprintf("cannot range over %T: not an iterator func(yield func(...) bool)", seq))
	}
	return &Puller{seq: v, vals: make(chan []any), more: make(chan bool), end: make(chan any)}
}

func (p *Puller) run() {
	defer func() { p.end <- recover() }()
	if !<-p.more {
		return
	}
	stopped := false
	yield := reflect.MakeFunc(p.seq.Type().In(0), func(args []reflect.Value) []reflect.Value {
		if stopped {
			// Nothing pulls any more: Go panics rather than wait.
			panic(rangeContinued{})
		}
		out := make([]any, len(args))
		for i, a := range args {
			out[i] = a.Interface()
		}
		p.vals <- out
		more := <-p.more
		stopped = !more
		return []reflect.Value{reflect.ValueOf(more)}
	})
	if p.seq.IsNil() {
		panic("runtime error: invalid memory address or nil pointer dereference")
	}
	p.seq.Call([]reflect.Value{yield})
}

// Next resumes the iterator until it yields (the values, true) or
// returns (nil, false). A panic of the iterator is raised here.
func (p *Puller) Next() ([]any, bool) {
	if p.finished {
		return nil, false
	}
	if !p.started {
		p.started = true
		go p.run()
	}
	p.more <- true
	select {
	case v := <-p.vals:
		return v, true
	case r := <-p.end:
		p.finished = true
		if r != nil {
			panic(r)
		}
		return nil, false
	}
}

// Stop makes the iterator's pending yield return false and waits for the
// iterator to return, as leaving a range-over-func loop does in Go. It is
// safe to call more than once.
func (p *Puller) Stop() {
	if p.finished {
		return
	}
	p.finished = true
	if !p.started {
		return
	}
	p.more <- false
	if r := <-p.end; r != nil {
		panic(r)
	}
}

// rangeContinued is Go's panic when an iterator calls yield again after
// it returned false (the loop was left).
type rangeContinued struct{}

func (rangeContinued) Error() string {
	return "runtime error: range function continued iteration after function for loop body returned false"
}

func (rangeContinued) RuntimeError() {}
