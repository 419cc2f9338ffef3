// Print's spacing between operands, explicit argument indexes in Printf
// formats, and panic values of the program's own types.
package main

import (
	"errors"
	"fmt"
	"os"
)

type Suit string

func (s Suit) String() string { return map[Suit]string{"h": "♥", "s": "♠"}[s] }

type Rank int

func (r Rank) String() string { return [...]string{"", "A", "2", "3"}[r] }

type Card struct {
	R Rank
	S Suit
}

func (c Card) String() string { return c.R.String() + c.S.String() }

type Tag string

type Mark int

type DeckError struct{ Missing int }

func (e DeckError) Error() string { return fmt.Sprintf("%d cards missing", e.Missing) }

type Hand []Card

func catch(f func()) {
	defer func() {
		r := recover()
		fmt.Printf("recovered %v (%[1]T)", r)
		if s, ok := r.(fmt.Stringer); ok {
			fmt.Print(" a Stringer saying ", s.String())
		}
		if err, ok := r.(error); ok {
			var de DeckError
			fmt.Print(" an error; As DeckError: ", errors.As(err, &de), " ", de.Missing)
		}
		fmt.Println()
	}()
	f()
}

func main() {
	// Print puts a space between operands when neither is a string.
	fmt.Print(Suit("h"), Suit("s"), "|\n")
	fmt.Print(Rank(1), Rank(2), "|\n")
	fmt.Print(Tag("a"), Tag("b"), Mark(1), Mark(2), "|\n")
	var x, y any = Suit("s"), Rank(3)
	fmt.Print(x, y, x, "|\n")
	var nilCard *Card
	fmt.Print(nilCard, nilCard, "|\n")
	ops := []any{Rank(1), Card{2, "h"}, Suit("h"), 7}
	fmt.Print(ops...)
	fmt.Println()
	fmt.Fprint(os.Stdout, Card{3, "s"}, Card{1, "h"}, "\n")
	s := fmt.Sprint(Rank(2), 10, 11, Suit("s"), Suit("h"))
	fmt.Println(s, len(s))

	// Explicit argument indexes: one argument, several verbs.
	n := 0755
	fmt.Printf("%d %[1]o %#[1]o %[1]b\n", n)
	fmt.Printf("%[2]s beats %[1]s: %[2]v %[2]T\n", Card{2, "s"}, Card{1, "h"})
	fmt.Printf("%[1]v %[1]d %[1]q %[1]T\n", Rank(3))
	fmt.Printf("%[1]v %[1]T %[2]v %[2]T\n", Tag("t"), Mark(9))
	h := Hand{{1, "s"}, {3, "h"}}
	fmt.Printf("%[1]v %[1]T %[2]d\n", h, len(h))
	fmt.Printf("%[3]*.[2]*[1]f|%-[4]*d|\n", 3.14159, 2, 8, 5, 42)
	fmt.Printf("%[2]d %[1]d %d\n", 1, 2)
	fmt.Printf("%[3]d\n", 1)

	// A panic value keeps its type and its methods.
	catch(func() { panic(Rank(1)) })
	catch(func() { panic(DeckError{3}) })
	catch(func() { panic(&DeckError{4}) })
	catch(func() { panic(fmt.Errorf("dealing: %w", DeckError{5})) })
}
