//go:build ignore

// An enum: a named int with iota constants and a String method, printed
// alone, in struct fields (exported ones call String, as fmt does; an
// unexported one prints the number), in slices and maps, and with %d.
package main

import "fmt"

type Status int

const (
	Todo Status = iota
	Doing
	Done
)

func (s Status) String() string {
	switch s {
	case Todo:
		return "todo"
	case Doing:
		return "doing"
	case Done:
		return "done"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

type Task struct {
	Title   string
	Status  Status
	History []Status
	prev    Status
}

func (t *Task) Advance() {
	t.prev = t.Status
	t.History = append(t.History, t.Status)
	if t.Status < Done {
		t.Status++
	}
}

func main() {
	t := Task{Title: "write lesson"}
	fmt.Println(t.Status, Done, Status(7))
	t.Advance()
	t.Advance()
	fmt.Println(t)
	fmt.Printf("%+v\n", t)
	fmt.Printf("%v is step %d of %d\n", t.Status, t.Status, Done)
	board := map[Status][]string{Todo: {"tests"}, Done: {"outline", "draft"}}
	fmt.Println(board)
	fmt.Println([]Task{t, {Title: "review"}})
}
