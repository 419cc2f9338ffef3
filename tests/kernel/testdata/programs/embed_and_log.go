//go:build ignore

// //go:embed of a text file and a logger from log.New.
package main

import (
	_ "embed"
	"log"
	"os"
	"strings"
)

//go:embed greeting.txt
var greeting string

//go:embed greeting.txt
var raw []byte

func main() {
	logger := log.New(os.Stdout, "[app] ", 0)
	logger.Println(strings.TrimSpace(greeting))
	logger.SetPrefix("[size] ")
	logger.Printf("%d bytes", len(raw))
	logger.SetFlags(log.Lmsgprefix)
	logger.SetPrefix("> ")
	logger.Print("prefix after flags: ", logger.Prefix() == "> ")
}
