//go:build ignore

// Newer builtins and forms: new(expr), clear, min/max.
package main

import "fmt"

type Config struct {
	Name    string
	Retries *int
}

func main() {
	cfg := Config{Name: "svc", Retries: new(3)}
	fmt.Println(cfg.Name, *cfg.Retries)
	label := new("ready")
	*label += "!"
	fmt.Println(*label)

	seen := map[string]bool{"a": true, "b": true}
	clear(seen)
	fmt.Println(len(seen))
	buf := []int{4, 5, 6}
	clear(buf)
	fmt.Println(buf, min(3, 1, 2), max(2.5, 1))
}
