// Generic containers as tutorials write them: methods that call methods
// declared below them, a constructor called from a method, assertions to
// generic types on list elements, conversions to type parameters, and a
// generic func first used in a var declaration.
package main

import (
	"container/list"
	"errors"
	"fmt"
	"strings"
)

type Tree[K int | string, V any] struct {
	root *node[K, V]
	size int
}

type node[K int | string, V any] struct {
	key         K
	val         V
	left, right *node[K, V]
}

func (t *Tree[K, V]) Put(k K, v V) { t.root = t.put(t.root, k, v) }

func (t *Tree[K, V]) put(n *node[K, V], k K, v V) *node[K, V] {
	switch {
	case n == nil:
		t.size++
		return &node[K, V]{key: k, val: v}
	case k < n.key:
		n.left = t.put(n.left, k, v)
	case k > n.key:
		n.right = t.put(n.right, k, v)
	default:
		n.val = v
	}
	return n
}

func (t *Tree[K, V]) Keys() []K {
	var out []K
	t.walk(t.root, func(n *node[K, V]) { out = append(out, n.key) })
	return out
}

func (t *Tree[K, V]) walk(n *node[K, V], f func(*node[K, V])) {
	if n != nil {
		t.walk(n.left, f)
		f(n)
		t.walk(n.right, f)
	}
}

type Stack[T any] struct{ items []T }

var ErrEmpty = errors.New("empty stack")

func (s Stack[T]) String() string { return fmt.Sprint("stack", s.items) }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, error) {
	var zero T
	if len(s.items) == 0 {
		return zero, ErrEmpty
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, nil
}

type Matrix[T int | float64] struct {
	rows, cols int
	data       []T
}

func NewMatrix[T int | float64](r, c int) *Matrix[T] {
	return &Matrix[T]{r, c, make([]T, r*c)}
}

func (m *Matrix[T]) Scaled(f T) *Matrix[T] {
	out := NewMatrix[T](m.rows, m.cols)
	for i, v := range m.data {
		out.data[i] = v * f
	}
	return out
}

type entry[K comparable, V any] struct {
	key K
	val V
}

type LRU[K comparable, V any] struct {
	max   int
	ll    *list.List
	items map[K]*list.Element
}

func NewLRU[K comparable, V any](max int) *LRU[K, V] {
	return &LRU[K, V]{max: max, ll: list.New(), items: map[K]*list.Element{}}
}

func (c *LRU[K, V]) Put(k K, v V) {
	if e, ok := c.items[k]; ok {
		e.Value.(*entry[K, V]).val = v
		c.ll.MoveToFront(e)
		return
	}
	c.items[k] = c.ll.PushFront(&entry[K, V]{k, v})
	if c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*entry[K, V]).key)
	}
}

func (c *LRU[K, V]) Keys() []K {
	var ks []K
	for e := c.ll.Front(); e != nil; e = e.Next() {
		ks = append(ks, e.Value.(*entry[K, V]).key)
	}
	return ks
}

type Tag string
type Tags []Tag

func Upper[S ~[]E, E ~string](s S) S {
	out := make(S, len(s))
	for i, v := range s {
		out[i] = E(strings.ToUpper(string(v)))
	}
	return out
}

func Sum[T int | float64](xs []T) (s T) {
	for _, x := range xs {
		s += x
	}
	return s
}

func main() {
	var t Tree[string, int]
	for i, w := range strings.Fields("pear apple fig apple kiwi") {
		t.Put(w, i)
	}
	fmt.Println(t.Keys(), t.size)

	s := &Stack[int]{}
	s.Push(1)
	s.Push(2)
	fmt.Println(s.Pop())
	fmt.Println(*s)
	s.Pop()
	_, err := s.Pop()
	fmt.Println(err, errors.Is(err, ErrEmpty))

	m := NewMatrix[float64](1, 3)
	m.data[0], m.data[2] = 1.5, 2
	fmt.Println(m.Scaled(2).data)

	c := NewLRU[string, int](2)
	c.Put("a", 1)
	c.Put("b", 2)
	c.Put("a", 3)
	c.Put("c", 4)
	fmt.Println(c.Keys())

	var total = Sum([]int{1, 2, 3})
	var half float64 = Sum[float64]([]float64{0.25, 0.25})
	fmt.Println(total, half, Upper(Tags{"go", "yaegi"}))
}
