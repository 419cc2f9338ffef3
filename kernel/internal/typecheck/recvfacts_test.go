package typecheck

import (
	"reflect"
	"testing"
)

func TestFactsNameTheElementTypesOfReceives(t *testing.T) {
	c := newTestChecker(nil)
	cell := []Segment{
		{Kind: Import, Text: `import "context"`, Line: 1, Col: 1},
		{Kind: Decl, Text: "type Point struct{ X int }", Line: 2, Col: 1},
		{Kind: Stmt, Text: "pts := make(chan Point)\nvar in <-chan []int\n" +
			"p, ok := <-pts\nxs := <-in\nctx := context.Background()\n<-ctx.Done()\n_, _, _ = p, ok, xs", Line: 3, Col: 1},
	}
	if p := c.Check(nil, cell, nil); p != nil {
		t.Fatalf("problems: %v", p)
	}
	want := map[Pos]string{{5, 10}: "Point", {6, 7}: "[]int", {8, 1}: "struct{}"}
	if got := c.Facts().Recvs; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
