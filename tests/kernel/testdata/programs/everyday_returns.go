// Everyday Go that the interpreter once got wrong: results returned in
// another order, builtins and calls in returns, a variable passed to the
// call that assigns it, switch tags after an init, constant comparisons,
// empty struct types as keys, a deferred method that recovers.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

func divmod(a, b int) (q, r int) {
	q, r = a/b, a%b
	return r, q
}

func step(a, b int) (x, y int) {
	x, y = a, b
	return y, x + y
}

func stats(xs []int) (int, int) {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total, len(xs)
}

func check(x int) (res string, err error) {
	if x < 0 {
		return "bad", fmt.Errorf("check %d: negative", x)
	}
	return "ok", nil
}

func inc(a int) (r int) {
	r = a + 1
	return
}

type Keyed interface{ Key() string }

type NotFound struct{ name string }

func (e *NotFound) Error() string { return "not found: " + e.name }
func (e *NotFound) Key() string   { return e.name }

type userKey struct{}
type traceKey struct{}

type Guard struct{ caught int }

func (g *Guard) Recover() {
	if r := recover(); r != nil {
		g.caught++
	}
}

func (g *Guard) Run(f func()) {
	defer g.Recover()
	f()
}

type Timeout time.Duration

type byFunc struct {
	xs   []string
	less func(a, b string) bool
}

func (s byFunc) Len() int           { return len(s.xs) }
func (s byFunc) Swap(i, j int)      { s.xs[i], s.xs[j] = s.xs[j], s.xs[i] }
func (s byFunc) Less(i, j int) bool { return s.less(s.xs[i], s.xs[j]) }

const debug = 3 < 4

func main() {
	fmt.Println(divmod(17, 5))
	p, q := 0, 1
	for range 6 {
		p, q = step(p, q)
	}
	fmt.Println(p, q)
	fmt.Println(stats([]int{4, 5, 6}))
	fmt.Println(check(-1))
	fmt.Println(check(2))

	n := 5
	for range 3 {
		n = inc(n)
	}
	fmt.Println(n)

	for _, w := range []string{"go", "Rust", "zig"} {
		switch l := strings.ToLower(w); len(l) % 2 {
		case 0:
			fmt.Print(l, ":even ")
		default:
			fmt.Print(l, ":odd ")
		}
	}
	fmt.Println(debug)

	var err error = fmt.Errorf("lookup: %w", &NotFound{"cfg"})
	var k Keyed
	if errors.As(err, &k) {
		fmt.Println("key", k.Key())
	}

	seen := map[any]string{userKey{}: "user"}
	seen[traceKey{}] = "trace"
	fmt.Println(len(seen), seen[userKey{}])

	words := []string{"pear", "fig", "apple"}
	slices.SortFunc(words, cmp.Compare)
	fmt.Println(words)
	sort.Sort(byFunc{words, func(a, b string) bool { return len(a) < len(b) }})
	fmt.Println(words)

	g := &Guard{}
	g.Run(func() { panic("boom") })
	g.Run(func() {})
	fmt.Println("caught", g.caught)

	fmt.Println(Timeout(time.Second), time.Duration(Timeout(2*time.Second)))
}
