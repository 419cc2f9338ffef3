package eval

import "testing"

func TestSelectCasesAsGoRunsThem(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "at a cell's top level, with a ticker and a quit channel", cells: []string{`import ("fmt"; "time")
quit := make(chan struct{})
ticks := 0
ticker := time.NewTicker(time.Millisecond)
go func() { time.Sleep(20 * time.Millisecond); close(quit) }()
loop:
for {
	select {
	case <-ticker.C:
		ticks++
	case <-quit:
		ticker.Stop()
		break loop
	}
}
fmt.Println("left the loop", ticks > 0)`}, out: "left the loop true\n"},
		{name: "in a func, from the default case", cells: []string{`import "fmt"
func drain(c chan int) (n int) {
	for {
		select {
		case <-c:
			n++
		default:
			return n
		}
	}
}
func first(c chan int) int {
	v := -1
wait:
	for {
		select {
		case v = <-c:
			break wait
		default:
			c <- 7
		}
	}
	return v
}
c := make(chan int, 3)
c <- 1; c <- 2
fmt.Println(drain(c), first(c))`}, out: "2 7\n"},
		{name: "a case assigning to existing variables", cells: []string{`import "fmt"
func one(c chan int) (v int, ok bool) {
	v = -1
	select {
	case v, ok = <-c:
	}
	return
}
c := make(chan int, 1)
c <- 5
fmt.Println(one(c))
close(c)
fmt.Println(one(c))
var w int
c2 := make(chan int, 1)
c2 <- 6
select {
case w = <-c2:
default:
}
fmt.Println(w)`}, out: "5 true\n0 false\n6\n"},
	})
}
