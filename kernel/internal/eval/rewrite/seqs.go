package rewrite

import (
	"fmt"
	"go/ast"
	"strings"
)

// Seq is a call of a standard library iterator function as the type
// checker saw it: the package's import path, the function, and the
// element types (K and V of a map or a two-value iterator, E of a slice
// or a one-value iterator) written as the cell would write them.
type Seq struct {
	Pkg, Func string
	Types     []string
}

// seqTemplates are concrete versions of the generic iterator functions
// of maps, slices and iter: yaegi v0.16.1 cannot run them (it loses the
// func a generic call returns, and infers E wrongly from an iter.Seq[E]
// parameter), and runs the same code written for one element type. %[1]s
// is K or E, %[2]s is V, %[3]s the name the cell imported the package as.
var seqTemplates = map[string]string{
	"maps.Keys": `func(__gl_m map[%[1]s]%[2]s) func(func(%[1]s) bool) {
		return func(__gl_yield func(%[1]s) bool) { for __gl_k := range __gl_m { if !__gl_yield(__gl_k) { return } } } }`,
	"maps.Values": `func(__gl_m map[%[1]s]%[2]s) func(func(%[2]s) bool) {
		return func(__gl_yield func(%[2]s) bool) { for _, __gl_v := range __gl_m { if !__gl_yield(__gl_v) { return } } } }`,
	"maps.All": `func(__gl_m map[%[1]s]%[2]s) func(func(%[1]s, %[2]s) bool) {
		return func(__gl_yield func(%[1]s, %[2]s) bool) { for __gl_k, __gl_v := range __gl_m { if !__gl_yield(__gl_k, __gl_v) { return } } } }`,
	"maps.Insert": `func(__gl_m map[%[1]s]%[2]s, __gl_seq func(func(%[1]s, %[2]s) bool)) {
		__gl_seq(func(__gl_k %[1]s, __gl_v %[2]s) bool { __gl_m[__gl_k] = __gl_v; return true }) }`,
	"maps.Collect": `func(__gl_seq func(func(%[1]s, %[2]s) bool)) map[%[1]s]%[2]s {
		__gl_m := map[%[1]s]%[2]s{}
		__gl_seq(func(__gl_k %[1]s, __gl_v %[2]s) bool { __gl_m[__gl_k] = __gl_v; return true })
		return __gl_m }`,
	"slices.All": `func(__gl_s []%[1]s) func(func(int, %[1]s) bool) {
		return func(__gl_yield func(int, %[1]s) bool) { for __gl_i, __gl_v := range __gl_s { if !__gl_yield(__gl_i, __gl_v) { return } } } }`,
	"slices.Values": `func(__gl_s []%[1]s) func(func(%[1]s) bool) {
		return func(__gl_yield func(%[1]s) bool) { for _, __gl_v := range __gl_s { if !__gl_yield(__gl_v) { return } } } }`,
	"slices.Backward": `func(__gl_s []%[1]s) func(func(int, %[1]s) bool) {
		return func(__gl_yield func(int, %[1]s) bool) { for __gl_i := len(__gl_s) - 1; __gl_i >= 0; __gl_i-- { if !__gl_yield(__gl_i, __gl_s[__gl_i]) { return } } } }`,
	"slices.Chunk": `func(__gl_s []%[1]s, __gl_n int) func(func([]%[1]s) bool) {
		if __gl_n < 1 { panic("cannot be less than 1") }
		return func(__gl_yield func([]%[1]s) bool) {
			for __gl_i := 0; __gl_i < len(__gl_s); __gl_i += __gl_n {
				__gl_e := min(__gl_i+__gl_n, len(__gl_s))
				if !__gl_yield(__gl_s[__gl_i:__gl_e:__gl_e]) { return } } } }`,
	"slices.AppendSeq": `func(__gl_s []%[1]s, __gl_seq func(func(%[1]s) bool)) []%[1]s {
		__gl_seq(func(__gl_v %[1]s) bool { __gl_s = append(__gl_s, __gl_v); return true })
		return __gl_s }`,
	"slices.Collect": `func(__gl_seq func(func(%[1]s) bool)) []%[1]s {
		var __gl_s []%[1]s
		__gl_seq(func(__gl_v %[1]s) bool { __gl_s = append(__gl_s, __gl_v); return true })
		return __gl_s }`,
	"slices.Sorted": `func(__gl_seq func(func(%[1]s) bool)) []%[1]s {
		var __gl_s []%[1]s
		__gl_seq(func(__gl_v %[1]s) bool { __gl_s = append(__gl_s, __gl_v); return true })
		%[3]s.Sort(__gl_s)
		return __gl_s }`,
	"slices.SortedFunc": `func(__gl_seq func(func(%[1]s) bool), __gl_cmp func(%[1]s, %[1]s) int) []%[1]s {
		var __gl_s []%[1]s
		__gl_seq(func(__gl_v %[1]s) bool { __gl_s = append(__gl_s, __gl_v); return true })
		%[3]s.SortFunc(__gl_s, __gl_cmp)
		return __gl_s }`,
	"slices.SortedStableFunc": `func(__gl_seq func(func(%[1]s) bool), __gl_cmp func(%[1]s, %[1]s) int) []%[1]s {
		var __gl_s []%[1]s
		__gl_seq(func(__gl_v %[1]s) bool { __gl_s = append(__gl_s, __gl_v); return true })
		%[3]s.SortStableFunc(__gl_s, __gl_cmp)
		return __gl_s }`,
	// sync's generic funcs: f's panic is kept and raised again by every
	// call, as Go's do.
	"sync.OnceValue": `func(__gl_f func() %[1]s) func() %[1]s {
		var __gl_once %[3]s.Once
		var __gl_v %[1]s
		var __gl_p any
		return func() %[1]s {
			__gl_once.Do(func() {
				defer func() { if __gl_r := recover(); __gl_r != nil { __gl_p = __gl_r; panic(__gl_r) } }()
				__gl_v = __gl_f()
			})
			if __gl_p != nil { panic(__gl_p) }
			return __gl_v } }`,
	"sync.OnceValues": `func(__gl_f func() (%[1]s, %[2]s)) func() (%[1]s, %[2]s) {
		var __gl_once %[3]s.Once
		var __gl_v1 %[1]s
		var __gl_v2 %[2]s
		var __gl_p any
		return func() (%[1]s, %[2]s) {
			__gl_once.Do(func() {
				defer func() { if __gl_r := recover(); __gl_r != nil { __gl_p = __gl_r; panic(__gl_r) } }()
				__gl_v1, __gl_v2 = __gl_f()
			})
			if __gl_p != nil { panic(__gl_p) }
			return __gl_v1, __gl_v2 } }`,
	// math/rand/v2's N draws as Go's does, from the same source.
	"math/rand/v2.N": `func(__gl_n %[1]s) %[1]s {
		if __gl_n <= 0 { panic("invalid argument to N") }
		return %[1]s(%[3]s.Uint64N(uint64(__gl_n))) }`,
	// Pull runs the iterator on a goroutine of its own (the evaluator's
	// Puller); __gl_next1/2 give the values their types.
	"iter.Pull": `func(__gl_seq func(func(%[1]s) bool)) (func() (%[1]s, bool), func()) {
		__gl_p := __glrt.Pull(__gl_seq)
		return func() (%[1]s, bool) { return __gl_next1(__gl_seq, __gl_p) }, func() { __gl_p.Stop() } }`,
	"iter.Pull2": `func(__gl_seq func(func(%[1]s, %[2]s) bool)) (func() (%[1]s, %[2]s, bool), func()) {
		__gl_p := __glrt.Pull(__gl_seq)
		return func() (%[1]s, %[2]s, bool) { return __gl_next2(__gl_seq, __gl_p) }, func() { __gl_p.Stop() } }`,
}

// arity is how many element types each template takes.
func arity(name string) int {
	t := seqTemplates[name]
	if strings.Contains(t, "%[2]s") {
		return 2
	}
	return 1
}

// Seqs replaces the calls below n of the standard iterator functions
// that at identifies (by the Sel of pkg.F) with calls of concrete
// function literals:
//
//	slices.Sorted(maps.Keys(m))  →  func(__gl_seq func(func(string) bool)) []string {...}(func(__gl_m map[string]int) func(func(string) bool) {...}(m))
//
// A range over maps.Keys, maps.Values, maps.All, slices.All or
// slices.Values becomes the plain range it is equivalent to, which needs
// no iterator at all; one over slices.Backward is left to the loop
// rewrite, which makes it a plain loop too. A call at does not know is
// left as it is.
func Seqs(n ast.Node, at func(sel *ast.Ident) (Seq, bool)) error {
	var err error
	keep := map[*ast.CallExpr]bool{}
	ast.Inspect(n, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.RangeStmt:
			if c := plainRange(v, at); c != nil {
				keep[c] = true
			}
		case *ast.CallExpr:
			if keep[v] {
				return true
			}
			fun := v.Fun
			switch ix := fun.(type) { // rand.N[int64](1): the copy is written for the argument's type
			case *ast.IndexExpr:
				fun = ix.X
			case *ast.IndexListExpr:
				fun = ix.X
			}
			sel, ok := fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			s, ok := at(sel.Sel)
			name := s.Pkg + "." + s.Func
			tmpl := seqTemplates[name]
			if !ok || tmpl == "" || len(s.Types) < arity(name) || s.Func != sel.Sel.Name { // facts of other code: leave it
				return true
			}
			args := []any{s.Types[0], "", pkg.Name}
			if len(s.Types) > 1 {
				args[1] = s.Types[1]
			}
			lit, perr := parseAt(fmt.Sprintf(tmpl, args...), v.Fun.Pos())
			if perr != nil { // an element type the template cannot hold
				err = fmt.Errorf("%s of %s: %v", name, strings.Join(s.Types, ", "), perr)
				return true
			}
			v.Fun = lit
			// The generated code holds no call to rewrite: only the
			// arguments are walked.
			for _, a := range v.Args {
				if aerr := Seqs(a, at); aerr != nil {
					err = aerr
				}
			}
			return false
		}
		return true
	})
	return err
}

// plainRange turns `for k := range maps.Keys(m)` into `for k := range m`
// and the like. It returns a call to leave as it is.
func plainRange(r *ast.RangeStmt, at func(sel *ast.Ident) (Seq, bool)) *ast.CallExpr {
	call, ok := r.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := at(sel.Sel)
	if !ok || s.Func != sel.Sel.Name {
		return nil
	}
	switch s.Pkg + "." + s.Func {
	case "slices.Backward":
		return call
	case "maps.Keys":
		if r.Value != nil {
			return nil
		}
	case "maps.Values", "slices.Values":
		if r.Value != nil {
			return nil
		}
		if r.Key != nil {
			r.Key, r.Value = &ast.Ident{NamePos: r.Key.Pos(), Name: "_"}, r.Key
		}
	case "maps.All", "slices.All":
	default:
		return nil
	}
	r.X = call.Args[0]
	return nil
}
