package demos

import (
	"os"
	"testing"
)

// TestMain lets the test binary double as the worker process that
// WithProcesses starts: os.Executable is the test binary here.
func TestMain(m *testing.M) {
	RunChildIfRequested()
	os.Exit(m.Run())
}
