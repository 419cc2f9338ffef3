//go:build ignore

// Lazy, once-only initialisation shared by goroutines (sync.OnceValue,
// OnceValues, OnceFunc), what recover hands back (the panic's own value:
// an error to test with errors.Is, a string, a struct), a deferred
// cleanup that panics again, and how many goroutines the program has.
package main

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
)

type Config struct {
	Workers int
	Name    string
}

var ErrMissing = errors.New("config missing")

type BadInput struct{ Field string }

var loads int

var config = sync.OnceValues(func() (*Config, error) {
	loads++
	return &Config{Workers: 3, Name: "demo"}, nil
})

var banner = sync.OnceValue(func() string {
	loads++
	return "== " + "demo" + " =="
})

func guarded(name string, f func()) {
	defer func() {
		r := recover()
		switch v := r.(type) {
		case nil:
			fmt.Println(name, "ok")
		case error:
			fmt.Println(name, "error:", v, "| missing:", errors.Is(v, ErrMissing))
		case string:
			fmt.Println(name, "message:", v)
		case BadInput:
			fmt.Println(name, "bad input in", v.Field)
		default:
			fmt.Printf("%s other: %v\n", name, v)
		}
	}()
	f()
}

func withCleanup() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("cleaning up after:", r)
			panic(fmt.Errorf("wrapped: %w", ErrMissing))
		}
	}()
	panic("disk full")
}

func main() {
	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg, err := config()
			if err == nil {
				results[i] = cfg.Workers * i
			}
			_ = banner()
		}()
	}
	wg.Wait()
	fmt.Println(results, "loads:", loads, banner())

	hello := sync.OnceFunc(func() { fmt.Println("hello, once") })
	for range 3 {
		hello()
	}

	guarded("string", func() { panic("stop here") })
	guarded("error", func() { panic(ErrMissing) })
	guarded("struct", func() { panic(BadInput{Field: "age"}) })
	guarded("cleanup", withCleanup)
	guarded("calm", func() {})

	fragile := sync.OnceValue(func() int { panic("not ready") })
	for range 2 {
		guarded("fragile", func() { fragile() })
	}
	fmt.Println("goroutines at end:", runtime.NumGoroutine())
}
