package docindex_test

import (
	"strings"
	"testing"

	"golessons/kernel/internal/docindex"
)

// TestDocumentsNewerStandardLibrary: completion and inspection know what
// cells get from package stdsyms (the API added after Go 1.22), with
// the doc and signature of the toolchain the index was generated with.
func TestDocumentsNewerStandardLibrary(t *testing.T) {
	ix := docindex.Load()
	tests := []struct{ pkg, member, sig string }{
		{"strings", "SplitSeq", "func SplitSeq(s, sep string) iter.Seq[string]"},
		{"bytes", "Lines", "func Lines(s []byte) iter.Seq[[]byte]"},
		{"os", "CopyFS", "func CopyFS(dir string, fsys fs.FS) error"},
		{"crypto/sha3", "Sum256", "func Sum256(data []byte) [32]byte"},
		{"log/slog", "DiscardHandler", "var DiscardHandler Handler"},
	}
	for _, tt := range tests {
		m, ok := ix.Lookup(tt.pkg, tt.member)
		if !ok {
			t.Errorf("%s.%s not in the index", tt.pkg, tt.member)
			continue
		}
		if !strings.HasPrefix(m.Signature, tt.sig) || m.Doc == "" {
			t.Errorf("%s.%s: %q, doc %q; want %q and a doc", tt.pkg, tt.member, m.Signature, m.Doc, tt.sig)
		}
	}
	if _, ok := ix.Package("testing/synctest"); ok {
		t.Error("testing/synctest is documented, but cells cannot import it")
	}
}
