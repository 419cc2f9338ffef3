package typecheck

import "testing"

func TestFactsMarkRangesWhoseValueIsAChannel(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{{Kind: Stmt, Text: "cs := []<-chan int{}\narr := [2]chan string{}\nm := map[int]chan bool{}\nxs := []int{}\n" +
		"for _, c := range cs { _ = c }\nfor i, c := range &arr { _, _ = i, c }\nfor k, c := range m { _, _ = k, c }\n" +
		"for i := range cs { _ = i }\nfor _, x := range xs { _ = x }", Line: 1, Col: 1}}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	got := map[int]bool{}
	for pos, rf := range c.Facts().Ranges {
		if rf.ChanValue {
			got[pos.Line] = true
		}
	}
	if len(got) != 3 || !got[5] || !got[6] || !got[7] {
		t.Errorf("ranges marked ChanValue, by line: %v (want 5, 6, 7)", got)
	}
}
