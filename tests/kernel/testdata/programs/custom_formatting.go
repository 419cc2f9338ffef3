// Types that choose how fmt prints them (Format, GoString, String through
// a pointer), printed alone, as struct fields, and inside slices and maps;
// and the types of recovered run-time panics.
package main

import "fmt"

type Money struct{ cents int }

func (m Money) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		if f.Flag('+') {
			fmt.Fprintf(f, "Money(%d)", m.cents)
			return
		}
		fmt.Fprintf(f, "$%d.%02d", m.cents/100, m.cents%100)
	case 'd':
		fmt.Fprintf(f, "%d", m.cents)
	default:
		fmt.Fprintf(f, "%%!%c(Money)", verb)
	}
}

type Vec struct{ X, Y int }

func (v Vec) GoString() string { return fmt.Sprintf("V(%d,%d)", v.X, v.Y) }

type Handle struct{ n int }

func (h *Handle) GoString() string { return fmt.Sprintf("Handle#%d", h.n) }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Order struct {
	Item  string
	Price Money
	Pos   Vec
	Temp  *Celsius
	cost  Money
}

func kind(what string, f func()) {
	defer func() {
		r := recover()
		fmt.Printf("%s: %T\n", what, r)
	}()
	f()
}

func main() {
	t := Celsius(4)
	o := Order{"tea", Money{250}, Vec{1, 2}, &t, Money{5}}
	fmt.Println(o)
	fmt.Printf("%+v\n", o)
	fmt.Printf("%#v\n", []Vec{{3, 4}})
	fmt.Println([]Money{{1}, {199}}, map[string]Money{"a": {300}})
	fmt.Printf("%d %v %x\n", Money{42}, []*Money{{7}}, Money{1})
	fmt.Printf("%#v %#v\n", []*Handle{{1}}, map[string]Vec{"k": {5, 6}})
	fmt.Println(Order{Item: "empty"}.Temp, Order{Item: "none"})

	var xs []int
	var p *Order
	var v any = "text"
	n := -1
	kind("index", func() { _ = xs[3] })
	kind("nil pointer", func() { _ = p.Item })
	kind("assertion", func() { _ = v.(int) })
	kind("make", func() { _ = make([]int, n) })
}
