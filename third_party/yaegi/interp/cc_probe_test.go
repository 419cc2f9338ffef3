package interp_test

import (
	"os"
	"testing"
)

func TestCCProbe(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("CCF"))
	t.Log(run(t, string(b)))
}
