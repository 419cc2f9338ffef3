// Pattern-catalogue Go: a state machine whose states are struct literals
// stored in an interface field, services built by embedding, switches
// with computed case lists, package vars that depend on later ones, and
// loggers and encoders printing the program's own types.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
)

// Package vars in an order only Go's initialisation sorts out.
var greeting = prefix + "ready"
var prefix = strings.Repeat("*", depth) + " "
var depth = len(levels)
var levels = map[Level]string{0: "low", 1: "high"}

type Level int

func (l Level) String() string { return levels[l] }
func (l Level) Louder() string { return strings.ToUpper(l.String()) }

// A vending machine: each state is a struct, stored in an interface.
type State interface {
	Insert(m *Machine, coins int) string
	Name() string
}

type Idle struct{}
type Paid struct{ credit int }
type Empty struct{ reason string }

func (Idle) Name() string    { return "idle" }
func (p Paid) Name() string  { return fmt.Sprintf("paid(%d)", p.credit) }
func (e Empty) Name() string { return "empty: " + e.reason }

func (Idle) Insert(m *Machine, coins int) string {
	m.state = Paid{coins}
	return "accepted"
}

func (p Paid) Insert(m *Machine, coins int) string {
	if p.credit+coins >= 3 {
		m.stock--
		if m.stock == 0 {
			m.state = Empty{"sold out"}
		} else {
			m.state = Idle{}
		}
		return "vended"
	}
	m.state = Paid{p.credit + coins}
	return "more please"
}

func (e Empty) Insert(m *Machine, coins int) string { return "refunded " + fmt.Sprint(coins) }

type Machine struct {
	state State
	stock int
}

// Embedding: the shallowest field wins, and each embedded interface
// brings its own methods.
type Base struct{ ID int }
type Audit struct{ Base }
type Record struct {
	Audit
	Base
}

type Namer interface{ Name() string }
type Counter interface{ Count() int }

type tally struct{ n int }

func (t tally) Count() int   { return t.n }
func (t tally) Name() string { return "tally" }

type label string

func (l label) Name() string { return string(l) }

type Widget struct {
	Counter
	Namer
}

func kind(n int) int { fmt.Print("kind(", n, ") "); return n }

func joinAll(sep string, parts ...string) string {
	if parts == nil {
		return "(none)"
	}
	return strings.Join(parts, sep)
}

type Reading struct {
	Level Level  `json:"level"`
	Note  string `json:"note"`
}

func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

func main() {
	fmt.Println(greeting, depth)

	m := &Machine{state: Idle{}, stock: 1}
	for _, coins := range []int{1, 1, 1, 2} {
		before := m.state.Name()
		fmt.Printf("%-10s + %d -> %-12s now %s\n", before, coins, m.state.Insert(m, coins), m.state.Name())
	}
	states := []State{Idle{}, nil}
	states[1] = Paid{2}
	byName := map[string]State{}
	byName["x"] = Empty{"closed"}
	for _, s := range states {
		fmt.Print(s.Name(), "; ")
	}
	fmt.Println(byName["x"].Name())

	r := Record{Audit{Base{1}}, Base{2}}
	fmt.Println(r.ID, r.Audit.ID)
	w := Widget{Counter: tally{3}, Namer: label("gauge")}
	name := w.Name
	fmt.Println(w.Name(), name(), w.Count())

	switch 3 {
	case kind(1), kind(2):
		fmt.Println("small")
	case kind(3), kind(4):
		fmt.Println("three")
	}
	fmt.Println(joinAll("+"), joinAll("+", "a", "b"), func(xs ...int) bool { return xs == nil }())

	logger := log.New(os.Stdout, "[app] ", 0)
	logger.Println("level", Level(1), Level(1).Louder())
	logger.Printf("%v|%d|%q", Level(0), Level(0), Level(1))

	enc := json.NewEncoder(os.Stdout)
	enc.Encode(Reading{1, "hot"})
	enc.Encode([]Level{0, 1})
	keys := make([]string, 0, len(levels))
	for _, v := range levels {
		keys = append(keys, v)
	}
	sort.Strings(keys)
	fmt.Printf("%q %x\n", []Level{1, 0}, keys)
}
