// %#v writes Go syntax: the names of the program's own slice, map and
// array types wherever they appear, and %s of a slice of a byte type
// prints its bytes.
package main

import "fmt"

type Scores []int
type Tags map[string]bool
type Point [2]float64
type Secret string

func (Secret) GoString() string { return "Secret(***)" }

type Letter byte

func (Letter) String() string { return "letter" }

type Player struct {
	Name   string
	Scores Scores
	Tags   *Tags
	Rounds []Scores
	Home   Point
	pin    Secret
	Key    Secret
}

type Box[T any] struct{ V T }

func main() {
	p := Player{Name: "ann", Scores: Scores{3, 5}, Rounds: []Scores{{1}, nil}, pin: "1234", Key: "k"}
	fmt.Printf("%#v\n", p)
	t := Tags{"new": true}
	var none *Tags
	fmt.Printf("%#v %#v %#v\n", &t, none, map[string]Scores{"a": {2}})
	fmt.Printf("%+v\n", p)

	word := []Letter{'G', 'o'}
	fmt.Printf("%s %q %x %v\n", word, word, word, word)

	var a any = Box[Box[int]]{}
	_, plain := a.(Box[struct{ V int }])
	fmt.Printf("%T %v\n", a, plain)
}
