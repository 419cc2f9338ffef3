//go:build ignore

// Types with the same fields are still different types: a Dog is not a
// Cat, in %T, a type switch, == through an interface and as a map key.
package main

import "fmt"

type Speaker interface{ Speak() string }

type Dog struct{ name string }
type Cat struct{ name string }
type Robot struct{ name string }

func (d Dog) Speak() string  { return d.name + ": woof" }
func (c *Cat) Speak() string { return c.name + ": meow" }

func kind(v any) string {
	switch x := v.(type) {
	case Dog:
		return "a dog called " + x.name
	case *Cat:
		return "a cat called " + x.name
	case Robot:
		return "a robot"
	default:
		return fmt.Sprintf("something else (%T)", x)
	}
}

func main() {
	zoo := []Speaker{Dog{"rex"}, &Cat{"tom"}}
	for _, s := range zoo {
		fmt.Printf("%-10T %s\n", s, s.Speak())
	}
	for _, v := range []any{Dog{"fido"}, &Cat{"kit"}, Robot{"r2"}, Cat{"lost"}} {
		fmt.Println(kind(v))
	}
	var a, b any = Dog{"max"}, Robot{"max"}
	fmt.Println("dog == robot:", a == b, "| dog == dog:", a == any(Dog{"max"}))
	seen := map[any]int{}
	seen[Dog{"max"}]++
	seen[Robot{"max"}]++
	seen[Dog{"max"}]++
	fmt.Println("keys:", len(seen), "dogs:", seen[Dog{"max"}])
	r := Robot(Dog{"copy"})
	fmt.Printf("%T %+v\n", r, r)
}
