// One standard logger: slog's default handler writes through log's
// settings, and slog.SetDefault sends log's lines to the new handler.
package main

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"
)

type requestKey string

func (k requestKey) String() string { return "request(" + string(k) + ")" }

func main() {
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	log.SetPrefix("app: ")
	log.Print("started")
	slog.Info("through log's settings", "n", 1)

	noTime := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime})))
	log.Printf("now a record, %d", 2)
	slog.Warn("careful", "user", "ann")

	ctx := context.WithValue(context.Background(), requestKey("id"), "r-7")
	fmt.Println(ctx)
}
