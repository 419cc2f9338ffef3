package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"testing"
)

// counter is a Temp numbering names from 1, as the evaluator's does.
func counter() Temp {
	n := 0
	return func(hint string, pos token.Pos) *ast.Ident {
		n++
		return Ident(fmt.Sprintf("__gl_%s%d", hint, n), pos)
	}
}

// loopRewrite applies, to the first statement of body, what the
// evaluator applies to a loop it knows nothing else about.
func loopRewrite(ints IntNames) func(ast.Node) error {
	return func(n ast.Node) error {
		temp := counter()
		b := n.(*ast.BlockStmt)
		s := b.List[0]
		label, inner := "", s
		if l, ok := s.(*ast.LabeledStmt); ok {
			label, inner = l.Label.Name, l.Stmt
		}
		switch loop := inner.(type) {
		case *ast.RangeStmt:
			if ints.IsInt(loop.X) {
				f, pre := RangeIntToFor(loop, temp)
				PerIteration(f, label, temp)
				b.List = []ast.Stmt{pre, WrapLabel(f, s)}
				return nil
			}
			PerIterationRange(loop)
		case *ast.ForStmt:
			PerIteration(loop, label, temp)
		}
		return nil
	}
}

func TestLoops(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"range over an int", `for i := range 3 { use(i) }`,
			"__gl_n1 := 3\nfor i := __gl_n1 - __gl_n1; i < __gl_n1; i++ { use(i) }"},
		{"range over an int without a variable", `for range n { tick() }`,
			"__gl_n1 := n\nfor __gl_i2 := __gl_n1 - __gl_n1; __gl_i2 < __gl_n1; __gl_i2++ { tick() }"},
		{"range over an int assigning a variable", `for i = range n { use(i) }`,
			"__gl_n1 := n\nfor __gl_i2 := __gl_n1 - __gl_n1; __gl_i2 < __gl_n1; __gl_i2++ {\n\ti = __gl_i2\n\tuse(i)\n}"},
		{"range over an int whose body changes its variable", `for i := range n { i += 2; use(i) }`,
			"__gl_n1 := n\nfor __gl_i2 := __gl_n1 - __gl_n1; __gl_i2 < __gl_n1; __gl_i2++ {\n\ti := __gl_i2\n\t{ i += 2; use(i) }\n}"},
		{"a closure gets its own iteration's variable, copied back before continue", `for i := 0; i < 3; i++ { if i == 1 { continue }; fs = append(fs, func() int { return i }) }`,
			`for i := 0; i < 3; i++ {
	__gl_p1 := &i
	i := i
	{
		if i == 1 {
			{
				*__gl_p1 = i
				continue
			}
		}
		fs = append(fs, func() int { return i })
	}
	*__gl_p1 = i
}`},
		{"a labelled continue from an inner loop copies back too", `L: for i := 0; i < 3; i++ { for j := range xs { _ = j; continue L }; defer f(&i) }`,
			`L: for i := 0; i < 3; i++ {
	__gl_p1 := &i
	i := i
	{
		for j := range xs {
			_ = j
			{
				*__gl_p1 = i
				continue L
			}
		}
		defer f(&i)
	}
	*__gl_p1 = i
}`},
		{"range variables captured: shadowed per iteration", `for k, v := range m { go use(k, v) }`,
			"for k, v := range m {\n\tk, v := k, v\n\t{ go use(k, v) }\n}"},
		{"nothing can capture: untouched", `for i := 0; i < n; i++ { sum += i }`,
			`for i := 0; i < n; i++ { sum += i }`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rewriteBody(t, tc.in, loopRewrite(IntNames{"n": true}))
			if err != nil {
				t.Fatal(err)
			}
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestIntNames(t *testing.T) {
	ints := IntNames{}
	_, _ = rewriteBody(t, "var a int\nb := len(xs) * 2\nc := \"s\"\nvar d = a + 1\n_, _, _, _ = a, b, c, d", func(n ast.Node) error { ints.Collect(n); return nil })
	want := IntNames{"a": true, "b": true, "d": true}
	if len(ints) != len(want) || !ints["a"] || !ints["b"] || !ints["d"] {
		t.Errorf("got %v, want %v", ints, want)
	}
}
