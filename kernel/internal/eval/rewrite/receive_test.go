package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
	"testing"
)

func TestCopyReceives(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"define", `v := <-c`, `v := (<-c)`},
		{"assign", `v = <-s.ch`, `v = (<-s.ch)`},
		{"var", `var v = <-chs[i]`, `var v = (<-chs[i])`},
		{"several values", `a, b := <-c, 1`, `a, b := (<-c), 1`},
		{"inside a func literal", `f := func() { v := <-time.After(d); v = v }`, `f := func() { v := (<-time.After(d)); v = v }`},
		{"returned", `return <-c, nil`, `return (<-c), nil`},
		{"two-value receive left alone", `v, ok := <-c`, `v, ok := <-c`},
		{"select case left alone, its body not", `select { case v := <-c: w := <-c; _, _ = v, w }`,
			`select { case v := <-c: w := (<-c); _, _ = v, w }`},
		{"op-assign and expressions left alone", `v += <-c; x := <-c + 1; <-done`, `v += <-c; x := <-c + 1; <-done`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { CopyReceives(n); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestDeclareReceives(t *testing.T) {
	cases := []struct{ name, in, out, err string }{
		{"define", `v, ok := <-c`, "var v int\nvar ok bool\nv, ok = <-c", ""},
		{"var", `var v, ok = <-s.ch`, "var v int\nvar ok bool\nv, ok = <-s.ch", ""},
		{"blank value", `_, ok := <-ctx.Done()`, "var __gl_blank1 struct{}\nvar ok bool\n__gl_blank1, ok = <-ctx.Done()", ""},
		{"qualified element type", `p, more := <-points`, "var p geo.Point\nvar more bool\np, more = <-points", ""},
		{"single value and nested left alone", `v := <-c; if v, ok := <-c; ok { use(v) }`, `v := <-c; if v, ok := <-c; ok { use(v) }`, ""},
		{"unknown element type", `v, ok := <-unknown`, "", "the two-value receive `v, ok := <-...` at the top level"},
	}
	elem := func(src string) func(token.Pos) (string, bool) {
		return func(p token.Pos) (string, bool) {
			switch {
			case strings.Contains(src, "unknown"):
				return "", false
			case strings.Contains(src, "Done"):
				return "struct{}", true
			case strings.Contains(src, "points"):
				return "geo.Point", true
			}
			return "int", true
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, func(n ast.Node) error {
				b := n.(*ast.BlockStmt)
				list, err := DeclareReceives(b.List, elem(tc.in), counter())
				if err == nil {
					b.List = list
				}
				return err
			})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("want error containing %q, got %v", tc.err, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
