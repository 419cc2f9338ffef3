package eval

import (
	"context"
	"go/ast"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unsafe"
	"weak"
)

// Goroutines a cell leaves behind: which channels a site waits on, which
// channels the notebook's variables still hold, and stopping them all.

// maxSiteChans bounds the channels remembered per site; a site that saw
// more is never called leaked.
const maxSiteChans = 8

// noteChan remembers that s waited on the channel at p.
func (s *site) noteChan(p unsafe.Pointer) {
	s.chanMu.Lock()
	defer s.chanMu.Unlock()
	live := s.chans[:0]
	for _, wp := range s.chans {
		switch v := unsafe.Pointer(wp.Value()); {
		case v == p:
			return
		case v != nil:
			live = append(live, wp)
		}
	}
	s.chans = live
	if len(s.chans) >= maxSiteChans {
		s.tooMany = true
		return
	}
	s.chans = append(s.chans, weak.Make((*byte)(p)))
}

// SiteChannels returns the live channels that goroutines waited on at the
// site a label names; ok is false when the site is unknown, external, or
// saw too many channels to tell.
func (e *Evaluator) SiteChannels(label string) (chans []uintptr, ok bool) {
	info, found := e.SiteOf(label)
	if !found || info.External {
		return nil, false
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(label, "s"))
	s := e.siteAt(n)
	s.chanMu.Lock()
	defer s.chanMu.Unlock()
	if s.tooMany {
		return nil, false
	}
	for _, wp := range s.chans {
		if v := wp.Value(); v != nil {
			chans = append(chans, uintptr(unsafe.Pointer(v)))
		}
	}
	return chans, true
}

// HeldUnknown is the key HeldChannels sets when a variable holds what it
// cannot open and that may hold channels: a func value (a closure, a
// method value), a channel of channels, a sync.Map.
const HeldUnknown uintptr = 0

// HeldChannels returns the channels reachable from the notebook's
// variables (through fields, elements, pointers and interfaces; not
// through closures, which reflect cannot open: then HeldUnknown). A
// later cell can use these, so a goroutine waiting on one is not leaked.
func (e *Evaluator) HeldChannels() map[uintptr]bool {
	held := map[uintptr]bool{}
	budget := 100000
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if budget--; budget < 0 || depth > 8 || !v.IsValid() {
			return
		}
		if v.Type() == syncMapType {
			held[HeldUnknown] = true
			return
		}
		switch v.Kind() {
		case reflect.Chan:
			if !v.IsNil() {
				held[v.Pointer()] = true
				if mayHoldChan(v.Type().Elem(), 0) { // futures <- f: f is in the buffer
					held[HeldUnknown] = true
				}
			}
		case reflect.Func:
			if !v.IsNil() {
				held[HeldUnknown] = true
			}
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem(), depth+1)
		case reflect.Interface:
			walk(v.Elem(), depth+1)
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), depth+1)
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len() && i < 1000; i++ {
				walk(v.Index(i), depth+1)
			}
		case reflect.Map:
			it := v.MapRange()
			for i := 0; it.Next() && i < 1000; i++ {
				walk(it.Key(), depth+1)
				walk(it.Value(), depth+1)
			}
		}
	}
	for _, v := range e.globals() {
		walk(v, 0)
	}
	return held
}

var syncMapType = reflect.TypeFor[sync.Map]()

// mayHoldChan reports whether a value of type t may hold a channel.
func mayHoldChan(t reflect.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	switch t.Kind() {
	case reflect.Chan, reflect.Interface, reflect.Func:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return mayHoldChan(t.Elem(), depth+1)
	case reflect.Map:
		return mayHoldChan(t.Key(), depth+1) || mayHoldChan(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			if mayHoldChan(t.Field(i).Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// StopGoroutines ends every goroutine started by cells, without touching
// declarations. yaegi checks a run id at every step and selects on its
// run's done channel in every channel operation; a cancelled run bumps the
// id and closes the current done channel, and the done channels of the
// earlier runs that left goroutines behind (kept by keepDone) are closed
// here, which wakes goroutines blocked on channels. Goroutines inside a
// compiled call stop when the call returns; ones blocked forever in
// wg.Wait or mu.Lock cannot be stopped. Call it between cells.
func (e *Evaluator) StopGoroutines() error {
	p, err := e.compile(&ast.BlockStmt{List: []ast.Stmt{&ast.SelectStmt{Body: &ast.BlockStmt{}}}})
	if err != nil {
		return err
	}
	// A cancelled context and a program that never ends: yaegi's
	// ExecuteWithContext can only take the cancel branch.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _ = e.i.ExecuteWithContext(ctx, p)
	e.closeDones()
	return nil
}

// closeDones closes the kept done channels (see keepDone).
func (e *Evaluator) closeDones() {
	e.w.mu.Lock()
	dones := e.w.dones
	e.w.dones = nil
	e.w.mu.Unlock()
	for _, d := range dones {
		closeOnce(d)
	}
}

// closeOnce closes a done channel that an interrupt may have closed.
func closeOnce(c chan struct{}) {
	defer func() { _ = recover() }()
	close(c)
}

// keepDone remembers the done channel of the run that just ended when
// goroutines are still alive (they may hold it; see StopGoroutines).
func (e *Evaluator) keepDone() {
	// e.live, not LiveGoroutines: it counts a goroutine as its go
	// statement runs, before the goroutine itself has started.
	e.mu.Lock()
	live := e.live
	e.mu.Unlock()
	if live == 0 && e.LiveGoroutines() == 0 {
		return
	}
	f := reflect.ValueOf(e.i).Elem().FieldByName("done")
	if !f.IsValid() || f.Kind() != reflect.Chan {
		return // another yaegi: stopping then waits for each goroutine's next step
	}
	d := *(*chan struct{})(unsafe.Pointer(f.UnsafeAddr()))
	e.w.mu.Lock()
	defer e.w.mu.Unlock()
	if n := len(e.w.dones); n == 0 || e.w.dones[n-1] != d {
		e.w.dones = append(e.w.dones, d)
	}
}
