package demos

import (
	"os"
	"testing"
	"time"
)

// parentEnv makes the test binary act as a parent whose children
// TestChildrenDieWithParent watches.
const parentEnv = "GOLESSONS_DEMOS_TEST_PARENT"

// TestMain lets the test binary double as the worker process that
// WithProcesses starts (os.Executable is the test binary here), and as the
// parent process of TestChildrenDieWithParent.
func TestMain(m *testing.M) {
	RunChildIfRequested()
	if os.Getenv(parentEnv) != "" {
		RunProcesses(time.Hour, "orphan") // killed by the test long before the hour
		os.Exit(3)
	}
	os.Exit(m.Run())
}
