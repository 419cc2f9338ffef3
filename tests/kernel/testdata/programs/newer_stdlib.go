//go:build ignore

// What the standard library gained after Go 1.22, in one program:
// string and byte iterators, os.CopyFS and os.Root, crypto/sha3 and a few
// new constants and variables.
package main

import (
	"bytes"
	"context"
	"crypto/mlkem"
	"crypto/rand"
	"crypto/sha3"
	"fmt"
	"io/fs"
	"iter"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

const csv = "name,lang\nada,go\nalan,python\n"

// words counts the fields of s split at punctuation.
func words(s string) int {
	n := 0
	for range strings.FieldsFuncSeq(s, unicode.IsPunct) {
		n++
	}
	return n
}

func main() {
	for line := range strings.Lines(csv) {
		for i, cell := range slices.Collect(strings.SplitSeq(strings.TrimSuffix(line, "\n"), ",")) {
			fmt.Printf("%d=%s ", i, cell)
		}
		fmt.Println()
	}
	next, stop := iter.Pull(strings.FieldsSeq("  alpha beta   gamma "))
	first, _ := next()
	second, _ := next()
	stop()
	fmt.Println("first two fields:", first, second)
	fmt.Println("words:", words("one.two,three!four"))

	var parts []string
	for p := range strings.SplitAfterSeq("a-b-c", "-") {
		parts = append(parts, p)
	}
	fmt.Printf("%q\n", parts)

	n := 0
	for l := range bytes.Lines([]byte("x\ny\nz")) {
		n += len(l)
	}
	fmt.Println("bytes in lines:", n)

	fmt.Printf("sha3-256(abc) = %x\n", sha3.Sum256([]byte("abc")))
	h := sha3.New224()
	h.Write([]byte("abc"))
	fmt.Printf("sha3-224(abc) = %x\n", h.Sum(nil))
	fmt.Println("random text length:", len(rand.Text()))
	fmt.Println("ML-KEM shared key size:", mlkem.SharedKeySize)

	logger := slog.New(slog.DiscardHandler)
	logger.Info("nobody sees this")
	fmt.Println("discard handler enabled:", logger.Enabled(context.Background(), slog.LevelError))

	src, err := os.MkdirTemp("", "newer-stdlib-src-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(src)
	os.MkdirAll(filepath.Join(src, "notes"), 0o755)
	os.WriteFile(filepath.Join(src, "notes", "a.txt"), []byte("first"), 0o644)
	os.WriteFile(filepath.Join(src, "b.txt"), []byte("second"), 0o644)
	dst := src + "-copy"
	defer os.RemoveAll(dst)
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		fmt.Println("copy:", err)
		return
	}
	fs.WalkDir(os.DirFS(dst), ".", func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			b, _ := os.ReadFile(filepath.Join(dst, p))
			fmt.Printf("copied %s: %s\n", p, b)
		}
		return nil
	})

	root, err := os.OpenRoot(dst)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer root.Close()
	f, err := root.Open("notes/a.txt")
	if err == nil {
		b := make([]byte, 5)
		f.Read(b)
		f.Close()
		fmt.Println("read inside the root:", string(b))
	}
	_, err = root.Open("../outside.txt")
	fmt.Println("escape refused:", err != nil)
}
