//go:build ignore

// Interfaces embedding interfaces, a struct embedding an interface,
// sort.Interface, method values and method expressions, an io.Writer
// wrapper, iota constants, labelled loops, shadowing, goto and bit
// operators.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type Logger interface{ Log(string) }
type Store interface {
	Get(k string) (string, bool)
	Set(k, v string)
}
type LoggingStore interface {
	Logger
	Store
}

type memStore struct {
	data map[string]string
	logs []string
}

func (m *memStore) Log(s string) { m.logs = append(m.logs, s) }
func (m *memStore) Get(k string) (string, bool) {
	v, ok := m.data[k]
	m.Log("get " + k)
	return v, ok
}
func (m *memStore) Set(k, v string) { m.data[k] = v; m.Log("set " + k) }

type Service struct {
	Store
	name string
}

type ByLen []string

func (a ByLen) Len() int           { return len(a) }
func (a ByLen) Less(i, j int) bool { return len(a[i]) < len(a[j]) }
func (a ByLen) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }
func (p *Point) Scale(k int)      { p.X *= k; p.Y *= k }

type upper struct{ w io.Writer }

func (u upper) Write(b []byte) (int, error) { return u.w.Write([]byte(strings.ToUpper(string(b)))) }

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
)

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func main() {
	ms := &memStore{data: map[string]string{}}
	var ls LoggingStore = ms
	ls.Set("a", "1")
	v, ok := ls.Get("a")
	fmt.Println(v, ok, ms.logs)
	svc := Service{Store: ms, name: "svc"}
	svc.Set("b", "2")
	fmt.Println(svc.Get("b"))
	words := ByLen{"banana", "kiwi", "apple", "fig"}
	sort.Sort(words)
	fmt.Println(words, sort.IsSorted(words))
	p := Point{1, 2}
	add := p.Add
	scale := (*Point).Scale
	fmt.Println(add(Point{10, 10}))
	scale(&p, 3)
	fmt.Println(p, Point{1, 2} == Point{1, 2}, p != Point{})
	fmt.Fprintln(upper{os.Stdout}, "shout this")
	fmt.Println(KB, MB, GB/MB, Monday, Sunday+1)
	q, r := divmod(17, 5)
	fmt.Println(q, r)
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	x := 1
	{
		x := 2
		x++
		_ = x
	}
	if x := 5; x > 3 {
		fmt.Println("inner x", x)
	}
	fmt.Println("outer x", x)
	groups := map[string][]int{}
	for i := 0; i < 6; i++ {
		key := "odd"
		if i%2 == 0 {
			key = "even"
		}
		groups[key] = append(groups[key], i)
	}
	fmt.Println(groups)
	a := []int{1, 2, 3}
	b := append(a[:1], 9)
	fmt.Println(a, b)
	fmt.Println(7&3, 7|8, 7^2, 1<<4, -7>>1, 7&^5, ^0)
	var iface any = p
	if pt, ok := iface.(Point); ok {
		fmt.Println("point", pt.X)
	}
	fmt.Printf("%08b %o %X %#x\n", 5, 64, 3054, 255)
	i := 0
loop:
	if i < 3 {
		i++
		goto loop
	}
	fmt.Println("goto", i)
	fn := func(fs ...func(int) int) int {
		n := 1
		for _, f := range fs {
			n = f(n)
		}
		return n
	}
	fmt.Println(fn(func(n int) int { return n + 1 }, func(n int) int { return n * 10 }))
}
