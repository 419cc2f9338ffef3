package rewrite

import (
	"go/ast"
	"go/token"
	"strings"
	"testing"
)

func TestAsType(t *testing.T) {
	cases := []struct {
		name   string
		shadow bool // the user declared errors
		in     string
		has    []string // in the gofmt'd output
		hasNot []string
	}{
		{"becomes a loop over the chain, typed by T", false, `me, ok := errors.AsType[*MyErr](err)`,
			[]string{"me, ok := func() (*MyErr, bool) {", "var zero *MyErr", "var a any = err", "var t *MyErr", "if __glrt.SetInto(&t, a) {", "}()"},
			[]string{"__gl_T", "__gl_ERR", "errors.AsType"}},
		{"inside an if", false, `if pe, ok := errors.AsType[*fs.PathError](open()); ok { use(pe) }`,
			[]string{"if pe, ok := func() (*fs.PathError, bool) {", "var err error = open()"}, []string{"errors.AsType"}},
		{"errors.As is left alone", false, `ok := errors.As(err, &me)`, []string{"ok := errors.As(err, &me)"}, nil},
		{"a variable named errors of the user's", true, `x := errors.AsType[int](y)`, []string{"x := errors.AsType[int](y)"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			names := fakeNames{}
			if tc.shadow {
				names = fakeNames{errorsVar: true}
			}
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { AsType(n, token.NewFileSet(), names); return nil })
			for _, s := range tc.has {
				if !strings.Contains(got, s) {
					t.Errorf("output lacks %q:\n%s", s, got)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(got, s) {
					t.Errorf("output has %q:\n%s", s, got)
				}
			}
		})
	}
}
