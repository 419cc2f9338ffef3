// Values of named types printed through interfaces, call results and
// nested containers, as tutorials on Stringers and errors print them.
package main

import (
	"fmt"
	"math"
)

type Shape interface{ Area() float64 }

type Radius float64

func (r Radius) Area() float64 { return math.Round(math.Pi*float64(r*r)*100) / 100 }

type Coins int

func (c Coins) String() string { return fmt.Sprintf("%d coins", int(c)) }

type Purse struct{ held Coins }

func (p *Purse) Balance() Coins { return p.held }

type TooPoor float64

func (t TooPoor) Error() string { return fmt.Sprintf("short by %.1f", float64(t)) }

type Missing struct{ Key string }

func (m Missing) Error() string { return "no " + m.Key }

type Day int

func (d Day) String() string { return [...]string{"Sun", "Mon", "Tue", "Wed"}[d] }

func describe(s Shape)      { fmt.Printf("(%v, %T)\n", s, s) }
func inspect(v any)         { fmt.Printf("%v is %T\n", v, v) }
func boxed() any            { return Day(3) }
func spend() (Coins, error) { return 2, TooPoor(1.5) }

func main() {
	describe(Radius(2))
	inspect(Day(1))
	inspect(Missing{"key"})
	p := &Purse{held: 7}
	fmt.Println(p.Balance(), boxed())
	fmt.Println(spend())
	var err error = TooPoor(3)
	fmt.Printf("%T: %v\n", err, err)
	week := [][]Day{{0, 1}, {2}}
	plan := map[string][]Day{"gym": {1, 3}}
	fmt.Println(week, plan)
	xs := []any{Day(2), Coins(5), 8}
	fmt.Println(xs...)
}
