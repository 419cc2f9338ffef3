//go:build ignore

// An everyday program: types with methods, an interface, a sentinel
// error, a map sorted by key, goroutines joined with a WaitGroup, and a
// buffered channel.
package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

var ErrInsufficient = errors.New("insufficient funds")

type Account struct {
	owner   string
	balance int
}

func (a *Account) Withdraw(n int) error {
	if n > a.balance {
		return fmt.Errorf("withdraw %d from %s: %w", n, a.owner, ErrInsufficient)
	}
	a.balance -= n
	return nil
}

type Shape interface{ Area() float64 }

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type Circle struct{ R float64 }

func (c Circle) Area() float64 { return 3 * c.R * c.R }

func main() {
	acct := &Account{owner: "ann", balance: 10}
	if err := acct.Withdraw(25); errors.Is(err, ErrInsufficient) {
		fmt.Println("error:", err)
	}
	_ = acct.Withdraw(4)
	fmt.Printf("%+v\n", *acct)

	shapes := []Shape{Rect{2, 3}, Circle{1}}
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
	}
	fmt.Printf("total area %.1f\n", total)

	words := strings.Fields("the cat and the dog and the bird")
	counts := map[string]int{}
	for _, w := range words {
		counts[w]++
	}
	for _, w := range slices.Sorted(maps.Keys(counts)) {
		fmt.Println(w, counts[w])
	}

	var wg sync.WaitGroup
	results := make(chan int, 5)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i * i
		}()
	}
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("sum of squares", sum)
}
