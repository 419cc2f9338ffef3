package main

// Interfaces meeting encoders, errors and goroutines: values of an
// interface type in JSON, errors tested against interfaces, go
// statements that evaluate their function first, and containers with a
// String of their own.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

type Animal interface{ Sound() string }

type Dog struct {
	Name string `json:"name"`
}

func (d Dog) Sound() string { return "woof" }

type Cat struct {
	Lives int `json:"lives"`
}

func (c *Cat) Sound() string { return "meow" }

type Zoo struct {
	Star Animal            `json:"star"`
	All  []Animal          `json:"all"`
	Pens map[string]Animal `json:"pens"`
	None Animal            `json:"none"`
}

type Timeouter interface {
	error
	Timeout() bool
}

type OpError struct {
	Op  string
	Err error
}

func (e *OpError) Error() string { return e.Op + ": " + e.Err.Error() }
func (e *OpError) Unwrap() error { return e.Err }

type Cell int

func (c Cell) String() string { return [...]string{".", "X", "O"}[c] }

type Row []Cell

func (r Row) String() string {
	var b strings.Builder
	for _, c := range r {
		b.WriteString(c.String())
	}
	return "|" + b.String() + "|"
}

type Board [2]Row

type Job struct{ id int }

func (j Job) Run(out chan<- string) { out <- fmt.Sprint("job ", j.id) }

var order []string
var mu sync.Mutex

func note(s string) {
	mu.Lock()
	defer mu.Unlock()
	order = append(order, s)
}

func nextJob(id int) Job {
	note(fmt.Sprint("made ", id))
	return Job{id}
}

func main() {
	z := Zoo{Star: Dog{"rex"}, All: []Animal{Dog{"a"}, &Cat{9}, nil}, Pens: map[string]Animal{"c": &Cat{3}}}
	b, err := json.Marshal(z)
	fmt.Println(string(b), err)
	var back Zoo
	err = json.Unmarshal([]byte(`{"star": null, "none": null}`), &back)
	fmt.Println(err, back.Star == nil)

	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	wrapped := fmt.Errorf("fetch: %w", &OpError{"read", ctx.Err()})
	var t Timeouter
	var op *OpError
	fmt.Println(errors.As(wrapped, &t), t != nil && t.Timeout(), errors.As(wrapped, &op), op.Op)
	if tt, ok := errors.AsType[Timeouter](wrapped); ok {
		fmt.Println("AsType:", tt.Timeout())
	}

	out := make(chan string, 3)
	go nextJob(1).Run(out)
	note("after go")
	j := Job{2}
	go j.Run(out)
	j.id = 20
	fns := []func(chan<- string){Job{3}.Run}
	go fns[0](out)
	got := []string{<-out, <-out, <-out}
	sort.Strings(got)
	fmt.Println(got, order)

	board := Board{{1, 0}, {0, 2}}
	fmt.Println(board[0], board, []Row{{2}})
	fmt.Printf("%v %s %d\n", board[1], Row{1, 1}, []Cell(board[1]))
	xs := []any{Cell(1), Dog{"d"}, nil, 7}
	fmt.Printf("%v|%d|%q\n", xs, xs, xs)
}
