package docindex

// Regenerate the embedded index after changing demos or display (and after a
// yaegi or Go upgrade): go generate ./kernel/internal/docindex
//go:generate go run ./internal/gen -root ../../.. -out index.gob.gz
