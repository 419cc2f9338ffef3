package eval

import "testing"

// TestRangesTheSyntaxDoesNotShow checks range loops whose ranged value's
// type only the type checker knows: iterators read out of slices and
// maps, and integers of a named type.
func TestRangesTheSyntaxDoesNotShow(t *testing.T) {
	count := "import (\"fmt\"; \"iter\"; \"slices\")\nfunc count(n int) iter.Seq[int] { return func(yield func(int) bool) { for i := 0; i < n; i++ { if !yield(i) { return } } } }"
	runOutCases(t, []outCase{
		{name: "an element of a slice of iterators", cells: []string{count,
			"seqs := []iter.Seq[int]{count(2), slices.Values([]int{7})}\nfor _, s := range seqs { for v := range s { fmt.Println(v) } }\nfor v := range seqs[1] { fmt.Println(\"direct\", v) }"},
			out: "0\n1\n7\ndirect 7\n"},
		{name: "a two-value iterator from a map", cells: []string{count,
			"m := map[string]iter.Seq2[int, string]{\"a\": slices.All([]string{\"x\"})}\nfor i, v := range m[\"a\"] { fmt.Println(i, v) }"}, out: "0 x\n"},
		{name: "an integer of a named type", cells: []string{"import \"fmt\"\ntype N int\nvar n N = 3", "for i := range n { fmt.Print(i) }\nfmt.Println()"}, out: "012\n"},
	})
}
