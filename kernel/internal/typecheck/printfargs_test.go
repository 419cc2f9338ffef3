package typecheck

import (
	"fmt"
	"testing"
)

func TestExpandArgIndexesPrintsAsFmtDoes(t *testing.T) {
	cases := []struct {
		format string
		args   []any
	}{
		{"%d %[1]o %#[1]o", []any{438}},
		{"%[2]d %[1]d %d", []any{10, 20}},
		{"%[2]*[1]d|", []any{12, 5}},
		{"%[3]*.[2]*[1]f|", []any{12.0, 2, 6}},
		{"%-[1]*d|%v", []any{4, 7, 8}},
		{"%[1]v %[1]T %%%[1]q", []any{"s"}},
		{"%6.2[1]f", []any{3.14159}},
		{"no verbs [1]", []any{}},
	}
	for _, c := range cases {
		f, order, ok := ExpandArgIndexes(c.format, len(c.args))
		if !ok {
			t.Errorf("%q: not expanded", c.format)
			continue
		}
		a := c.args
		if order != nil {
			a = nil
			for _, k := range order {
				a = append(a, c.args[k])
			}
		}
		if got, want := fmt.Sprintf(f, a...), fmt.Sprintf(c.format, c.args...); got != want {
			t.Errorf("%q as %q: got %q, want %q", c.format, f, got, want)
		}
	}
	for _, bad := range []string{"%[3]d", "%[0]d", "%[1]2d", "%[x]d", "%[1]", "%d %d %[1]d %d %d"} {
		if f, _, ok := ExpandArgIndexes(bad, 2); ok {
			t.Errorf("%q expanded to %q: fmt complains about it", bad, f)
		}
	}
}
