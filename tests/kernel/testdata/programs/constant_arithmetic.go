// Constant arithmetic is exact, as Go's is: untyped float constants keep
// their value through a chain of operations, and a package's float
// constant named by a const is untyped.
package main

import (
	"fmt"
	"math"
	"time"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.2f°C", float64(c)) }

const (
	P       = math.Pi
	third   = 1.0 / 3
	k       = 10 / 3.0 * 3
	Boiling = Celsius(100)
	big     = 1e100
	tiny    = 1e-300
)

const (
	a = iota * 1.5
	b
	c
)

func main() {
	var f float32 = P
	fmt.Println(f, P*float32(1), third*3, 1.0/3*3 == 1)
	var j int = k
	fmt.Println(j, big/3*3 == big, tiny*tiny*1e300 > 0)
	fmt.Println(Boiling/3, Boiling*2, a, b, c)
	var g float64 = 2 * math.Pi / 3
	fmt.Println(g, math.Sqrt2*math.Sqrt2, 0.1+0.2 == 0.3, 0.1+0.2)
	d := 1.5 * float64(time.Second)
	fmt.Println(time.Duration(d), 3*time.Second/2, float32(0.1)*3)
	x := 0.1
	fmt.Println(x+0.2, x*3)
}
