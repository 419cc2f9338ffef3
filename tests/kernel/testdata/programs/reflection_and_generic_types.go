// Reflection on the program's own types, generic containers printed
// with their String methods, and conversions to interfaces.
package main

import (
	"cmp"
	"fmt"
	"io"
	"reflect"
	"strings"
)

type Account struct {
	Owner   string `json:"owner" db:"owner_name"`
	Balance int    `json:"balance"`
	pin     string
}

func (a Account) Describe() string { return a.Owner }
func (a *Account) Deposit(n int)   { a.Balance += n }

type Weekday int

func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue", "Wed"}[d] }

type Roster struct {
	ByPerson map[string]Weekday
	Rota     [][]Weekday
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

func Zip[K comparable, V any](ks []K, vs []V) []Pair[K, V] {
	var out []Pair[K, V]
	for i := range ks {
		out = append(out, Pair[K, V]{ks[i], vs[i]})
	}
	return out
}

type Tree[T cmp.Ordered] struct {
	Left, Right *Tree[T]
	Val         T
}

func Insert[T cmp.Ordered](t *Tree[T], v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	if v < t.Val {
		t.Left = Insert(t.Left, v)
	} else {
		t.Right = Insert(t.Right, v)
	}
	return t
}

func InOrder[T cmp.Ordered](t *Tree[T], visit func(T)) {
	if t == nil {
		return
	}
	InOrder(t.Left, visit)
	visit(t.Val)
	InOrder(t.Right, visit)
}

type Labeled interface {
	io.Reader
	Label() string
}

type source struct {
	name string
	r    io.Reader
}

func (s source) Read(p []byte) (int, error) { return s.r.Read(p) }
func (s source) Label() string              { return s.name }

func main() {
	t := reflect.TypeOf(Account{})
	fmt.Println(t, t.Name(), t.Kind(), t.NumField(), t.NumMethod(), reflect.TypeOf(&Account{}).NumMethod())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fmt.Printf("%-8s %-7v exported=%-5v json=%q db=%q\n", f.Name, f.Type, f.IsExported(), f.Tag.Get("json"), f.Tag.Get("db"))
	}
	if f, ok := t.FieldByName("pin"); ok {
		fmt.Println("found", f.Name, f.IsExported())
	}
	v := reflect.ValueOf(Account{Owner: "ann", Balance: 10, pin: "1234"})
	fmt.Println(v.FieldByName("Owner"), v.FieldByName("pin").Len(), reflect.TypeOf([]*Account{}))

	r := Roster{map[string]Weekday{"bo": 1, "al": 3}, [][]Weekday{{0, 2}, {1}}}
	fmt.Println(r)
	fmt.Printf("%+v\n", r)

	pairs := Zip([]string{"x", "y"}, []int{1, 2})
	fmt.Println(pairs, map[string]Pair[string, int]{"first": pairs[0]})

	var root *Tree[string]
	for _, w := range strings.Fields("pear apple fig banana") {
		root = Insert(root, w)
	}
	InOrder(root, func(s string) { fmt.Print(s, " ") })
	fmt.Println()

	l := Labeled(source{"greeting", strings.NewReader("hello")})
	b, _ := io.ReadAll(l)
	fmt.Println(l.Label(), string(b))
	b, _ = io.ReadAll(io.Reader(source{"x", strings.NewReader("bye")}))
	fmt.Println(string(b))
}
