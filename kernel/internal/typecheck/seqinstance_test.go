package typecheck

import (
	"bytes"
	"go/types"
	"iter"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// iterSource is the interpreted iter package as the checker sees it.
var iterSource = fstest.MapFS{"src/iter/iter.go": {Data: []byte(
	"package iter\n\ntype Seq[V any] func(yield func(V) bool)\n\ntype Seq2[K, V any] func(yield func(K, V) bool)\n")}}

// TestCompiledIteratorsAreIterSeq: a compiled function returning
// iter.Seq[V] (strings.SplitSeq, Go 1.24) is typed with an instance of
// the interpreted iter package's Seq, so cells see an iterator.
func TestCompiledIteratorsAreIterSeq(t *testing.T) {
	table := Table{
		"strings/strings": {"SplitSeq": reflect.ValueOf(strings.SplitSeq)},
		"bytes/bytes":     {"Lines": reflect.ValueOf(bytes.Lines)},
		"x/x":             {"Pairs": reflect.ValueOf(func() iter.Seq2[string, int] { return nil })},
	}
	im := NewImporter(iterSource, table)
	cases := []struct{ pkg, name, want string }{
		{"strings", "SplitSeq", "func(string, string) iter.Seq[string]"},
		{"bytes", "Lines", "func([]uint8) iter.Seq[[]uint8]"},
		{"x", "Pairs", "func() iter.Seq2[string, int]"},
	}
	for _, tc := range cases {
		pkg, err := im.Import(tc.pkg)
		if err != nil {
			t.Fatalf("import %s: %v", tc.pkg, err)
		}
		obj := pkg.Scope().Lookup(tc.name)
		if obj == nil {
			t.Fatalf("%s.%s missing", tc.pkg, tc.name)
		}
		if got := types.TypeString(obj.Type(), func(p *types.Package) string { return p.Name() }); got != tc.want {
			t.Errorf("%s.%s: %s, want %s", tc.pkg, tc.name, got, tc.want)
		}
	}
	// Without the iter sources the instance stays invalid, as before:
	// the checker stays silent rather than guess.
	pkg, err := NewImporter(nil, table).Import("strings")
	if err != nil {
		t.Fatal(err)
	}
	if got := types.TypeString(pkg.Scope().Lookup("SplitSeq").Type(), nil); !strings.Contains(got, "invalid type") {
		t.Errorf("without iter: %s", got)
	}
}
