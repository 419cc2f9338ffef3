//go:build ignore

// The standard library's iterator functions as current Go has them:
// maps.Keys and maps.Values return iterators, collected, sorted, ranged
// over, passed on as iter.Seq, and pulled from with iter.Pull/Pull2.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

type Planet struct {
	Name  string
	Moons int
}

func printAll(label string, seq iter.Seq[string]) {
	var parts []string
	for s := range seq {
		parts = append(parts, s)
	}
	slices.Sort(parts)
	fmt.Println(label, strings.Join(parts, ","))
}

func main() {
	stock := map[string]int{"pears": 4, "apples": 7, "figs": 2}

	fmt.Println(slices.Sorted(maps.Keys(stock)))
	values := slices.Collect(maps.Values(stock))
	slices.Sort(values)
	fmt.Println(values, len(values))

	n := 0
	for k := range maps.Keys(stock) {
		n += len(k)
	}
	fmt.Println("letters:", n)
	total := 0
	for v := range maps.Values(stock) {
		total += v
	}
	fmt.Println("total:", total)

	printAll("keys:", maps.Keys(stock))
	keys := maps.Keys(stock)
	printAll("again:", keys)

	copied := maps.Collect(maps.All(stock))
	fmt.Println(len(copied), copied["figs"])
	more := map[string]int{"kiwis": 9}
	maps.Insert(more, maps.All(stock))
	fmt.Println(slices.Sorted(maps.Keys(more)))

	words := []string{"delta", "alpha", "charlie", "bravo"}
	fmt.Println(slices.Sorted(slices.Values(words)))
	fmt.Println(slices.AppendSeq([]string{"zulu"}, slices.Values(words[:2])))
	byLen := slices.SortedFunc(slices.Values(words), func(a, b string) int {
		if d := len(a) - len(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	fmt.Println(byLen)
	for i, w := range slices.Backward(words) {
		fmt.Print(i, w, " ")
	}
	fmt.Println()

	planets := map[string]Planet{"mars": {"Mars", 2}, "earth": {"Earth", 1}}
	for _, name := range slices.Sorted(maps.Keys(planets)) {
		fmt.Println(name, planets[name].Moons)
	}
	moons := slices.SortedFunc(maps.Values(planets), func(a, b Planet) int { return a.Moons - b.Moons })
	fmt.Println(moons)

	next, stop := iter.Pull(slices.Values(words))
	for {
		w, ok := next()
		if !ok {
			break
		}
		fmt.Println("pulled", w)
		if w == "charlie" {
			break
		}
	}
	stop()
	stop()
	w, ok := next()
	fmt.Printf("after stop: %q %v\n", w, ok)

	next2, stop2 := iter.Pull2(slices.All([]float64{1.5, 2.5}))
	defer stop2()
	i, f, ok := next2()
	fmt.Println(i, f, ok)
	i, f, ok = next2()
	fmt.Println(i, f, ok)
	i, f, ok = next2()
	fmt.Println(i, f, ok)
}
