package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

type Named interface{ String() string }
type Sq struct{}

func (Sq) String() string { return "sq" }

type Colored struct {
	Named
	C string
}
type Coded interface {
	error
	Code() int
}
type E struct{}

func (E) Error() string { return "e" }
func (E) Code() int     { return 7 }

type Wrapped struct{ Coded }
type W interface{ Write(p []byte) (int, error) }
type Logged struct{ W }

func main() {
	fmt.Println(Colored{Sq{}, "red"})
	var s fmt.Stringer = Colored{Sq{}, "x"}
	fmt.Println(s.String())
	var err error = Wrapped{E{}}
	fmt.Println(err, err.Error())
	var c Coded = Wrapped{E{}}
	fmt.Println(c.Code(), c)
	fmt.Fprintln(Logged{os.Stdout}, "logged")
	var ww io.Writer = &Logged{os.Stdout}
	fmt.Fprintln(ww, "ptr")
	var target E
	fmt.Println(errors.As(err, &target))
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(Colored{})
}
