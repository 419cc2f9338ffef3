//go:build ignore

// Every way a concurrency course receives from a channel, each value
// changed after it arrives: received values are ordinary variables.
package main

import (
	"context"
	"fmt"
	"time"
)

type point struct{ X, Y int }

type pipe struct{ ch chan int }

type job struct {
	ID   int
	Tags []string
}

// fill returns a channel holding xs, closed.
func fill(xs ...int) chan int {
	c := make(chan int, len(xs))
	for _, x := range xs {
		c <- x
	}
	close(c)
	return c
}

func fromParam(in <-chan int) int {
	v := <-in
	v *= 10
	return v
}

func first(c <-chan int) int {
	return <-c
}

func bump(v int) int {
	v++
	return v
}

func main() {
	c := fill(1, 2, 3, 4, 5, 6)

	v := <-c
	v++
	fmt.Println("v := <-c; v++:", v)

	w := (<-c)
	w += 10
	fmt.Println("w := (<-c); w += 10:", w)

	var x = <-c
	x = x * 2
	fmt.Println("var x = <-c; x = x*2:", x)

	var y int
	y = <-c
	p := &y
	*p += 100
	fmt.Println("y = <-c; *&y += 100:", y)

	z, ok := <-c
	z--
	fmt.Println("z, ok := <-c; z--:", z, ok)

	var u, more = <-c
	u++
	fmt.Println("var u, more = <-c; u++:", u, more)

	last, ok := <-c
	last++
	fmt.Println("from a closed channel:", last, ok)

	sum := 0
	for r := range fill(1, 2, 3) {
		r *= r
		sum += r
	}
	fmt.Println("for r := range c, r *= r:", sum)

	var never chan int // a nil channel: its case is never chosen
	select {
	case s := <-fill(7):
		s++
		fmt.Println("select s := <-c; s++:", s)
	case <-never:
	}
	select {
	case s, ok := <-fill(8):
		s--
		fmt.Println("select s, ok := <-c; s--:", s, ok)
	case <-never:
	}

	fmt.Println("from a <-chan param:", fromParam(fill(4)))
	n := first(fill(41))
	n++
	fmt.Println("returned from a func:", n)
	fmt.Println("passed as an argument:", bump(<-fill(9)))

	pp := pipe{ch: fill(5)}
	f := <-pp.ch
	f += 1
	fmt.Println("v := <-s.ch; v += 1:", f)

	chs := []chan int{fill(6), fill(7)}
	total := 0
	for i := range chs {
		e := <-chs[i]
		e *= 2
		total += e
	}
	fmt.Println("v := <-chs[i]; v *= 2:", total)

	byName := map[string]chan int{"a": fill(3)}
	m, ok := <-byName["a"]
	m++
	fmt.Println("v, ok := <-m[k]; v++:", m, ok)

	pts := make(chan point, 1)
	pts <- point{1, 2}
	pt := <-pts
	pt.X = 10
	pt.Y++
	fmt.Println("p := <-pts; p.X = 10:", pt)

	jobs := make(chan job, 1)
	jobs <- job{ID: 1, Tags: []string{"a"}}
	j := <-jobs
	j.Tags = append(j.Tags, "b")
	j.ID++
	fmt.Println("j := <-jobs; append to a field:", j.ID, j.Tags)

	lists := make(chan []int, 1)
	lists <- []int{1}
	l := <-lists
	l = append(l, 2, 3)
	fmt.Println("l := <-lists; l = append(l, ...):", l)

	results := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			results <- i * i
		}
		close(results)
	}()
	got := 0
	for {
		r, ok := <-results
		if !ok {
			break
		}
		r++
		got += r
	}
	fmt.Println("from a goroutine, r, ok := <-results; r++:", got)

	start := time.Now()
	t := <-time.After(time.Millisecond)
	t = t.Add(time.Hour)
	fmt.Println("t := <-time.After(d); t = t.Add(...):", t.Sub(start) > time.Hour)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	<-ctx.Done()
	_, open := <-ctx.Done()
	fmt.Println("<-ctx.Done(), _, open := <-ctx.Done():", open, ctx.Err())
}
