package interp_test

import "testing"

func TestZZProbe(t *testing.T) {
	t.Log(run(t, `package main
import "fmt"
type Celsius int
func (c Celsius) String() string { return "C" }
func (c Celsius) Name() string { return "N" }
type Namer interface{ Name() string }
type Box struct{ v int }
func (b Box) Name() string { return "box" }
func main() {
	var x any = 7
	var y any = Celsius(7)
	var z any = Box{1}
	var e error = fmt.Errorf("w")
	var ze any = e
	_, ok1 := x.(fmt.Stringer)
	_, ok2 := y.(fmt.Stringer)
	_, ok3 := x.(Namer)
	_, ok4 := y.(Namer)
	_, ok5 := z.(Namer)
	_, ok6 := ze.(fmt.Stringer)
	c, ok7 := y.(Celsius)
	_, ok8 := x.(Celsius)
	fmt.Println(ok1, ok2, ok3, ok4, ok5, ok6, c, ok7, ok8)
	s := []any{7, Celsius(3)}
	for _, v := range s {
		st, ok := v.(fmt.Stringer)
		fmt.Println(ok)
		if ok { fmt.Println(st.String()) }
	}
}
`))
}
