// Values are copied when they go into an interface, a slice, a map or a
// channel: changing the variable afterwards changes none of the copies;
// pointers stored in an interface still point at their own variables.
package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

func (p *Point) Move(dx int) { p.X += dx }

type Shape interface{ Area() int }

type Rect struct{ W, H int }

func (r Rect) Area() int { return r.W * r.H }

func remember(v any) any { return v }

func main() {
	p := Point{1, 2}
	var s fmt.Stringer = p
	var a any = p
	kept := remember(p)
	ch := make(chan any, 1)
	ch <- p
	p.Move(10)
	fmt.Println(s, a, kept, <-ch, p)

	r := Rect{2, 3}
	shapes := []Shape{r}
	byName := map[string]Shape{"r": r}
	r.W = 100
	fmt.Println(shapes[0].Area(), byName["r"].Area(), r.Area())

	var all []any
	for _, q := range []Point{{1, 1}, {2, 2}, {3, 3}} {
		all = append(all, q)
	}
	fmt.Println(all...)

	pts := []Point{{1, 1}, {2, 2}}
	var movers []fmt.Stringer
	for i := range pts {
		movers = append(movers, &pts[i])
	}
	pts[1].Move(5)
	fmt.Println(movers[0], movers[1])

	grid := [2]int{1, 2}
	var g any = grid
	grid[0] = 9
	fmt.Println(g, grid)
}
