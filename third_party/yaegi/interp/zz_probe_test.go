package interp_test

import "testing"

func TestZZProbe(t *testing.T) {
	t.Log(run(t, `package main
import "fmt"
func id(x int) int { fmt.Print("id", x, " "); return x }
func main() {
	switch 2 {
	case id(1), id(2):
		fmt.Println("matched")
	default:
		fmt.Println("default")
	}
}`))
}
