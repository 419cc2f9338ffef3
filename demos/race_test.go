//go:build !race

package demos

import "testing"

// The racy counter is a data race on purpose, so this test is left out of
// `go test -race` builds, where the detector would (rightly) fail it.
func TestRacyCounterNeverOvercounts(t *testing.T) {
	c := RacyCounter(4, 100_000)
	if c.Want != 400_000 || c.Got <= 0 || c.Got > c.Want {
		t.Errorf("got %d of %d; a lost update can only make it smaller", c.Got, c.Want)
	}
}
