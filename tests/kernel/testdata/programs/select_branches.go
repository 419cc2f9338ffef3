//go:build ignore

// break and continue inside select cases: a break leaves the select (not
// the loop), a continue as the last statement of a case goes round the
// loop again, a labelled break leaves the loop.
package main

import "fmt"

func main() {
	c := make(chan int, 10)
	for i := 0; i < 5; i++ {
		c <- i
	}
	m, n := 0, 0
	for i := 0; i < 3; i++ {
		select {
		case <-c:
			if true {
				break
			}
			m++
		}
		n++
	}
	close(c)
	s := 0
	for {
		select {
		case v, ok := <-c:
			if ok {
				s += v
				continue
			}
		}
		break
	}
	d := make(chan int, 10)
	for i := 0; i < 6; i++ {
		d <- i
	}
	k := 0
loop:
	for {
		select {
		case <-d:
			k++
			if k > 3 {
				break loop
			}
		}
	}
	q := 0
	for i := 0; i < 2; i++ {
		select {
		case <-d:
			q++
			break
		default:
		}
		q += 10
	}
	fmt.Println("m", m, "n", n, "s", s, "k", k, "q", q)
}
