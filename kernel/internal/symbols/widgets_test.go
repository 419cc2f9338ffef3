package symbols

import (
	"bytes"
	"os"
	"testing"

	"github.com/traefik/yaegi/extract"
)

// TestWidgetsUpToDate is TestGeneratedUpToDate for golessons/widgets, whose
// runner-only hooks (SetSender, Receive) are left out.
func TestWidgetsUpToDate(t *testing.T) {
	ext := extract.Extractor{Dest: "symbols", Exclude: []string{"^(SetSender|Receive)$"}}
	var buf bytes.Buffer
	if _, err := ext.Extract("golessons/widgets", "symbols", &buf); err != nil {
		t.Fatalf("extract: %v", err)
	}
	have, err := os.ReadFile("golessons-widgets.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, buf.Bytes()) {
		t.Error("golessons-widgets.go is stale: run `go generate ./kernel/internal/symbols`")
	}
	for _, hook := range []string{"SetSender", "Receive"} {
		if _, ok := Symbols["golessons/widgets/widgets"][hook]; ok {
			t.Errorf("widgets.%s is reachable from cells", hook)
		}
	}
}
