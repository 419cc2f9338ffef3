package rewrite

import (
	"go/ast"
	"testing"
)

func TestTagStructFields(t *testing.T) {
	cases := []struct{ name, in, out string }{
		{"an unexported field is hidden from json and xml",
			"type T struct{ Name string; secret int }",
			"type T struct {\n\tName   string\n\tsecret int `json:\"-\" xml:\"-\"`\n}"},
		{"its json key is replaced, other keys kept",
			"type T struct{ note string `json:\"note\" db:\"n\"` }",
			"type T struct {\n\tnote string `db:\"n\" json:\"-\" xml:\"-\"`\n}"},
		{"exported fields keep their tags",
			"type T struct{ Name string `json:\"name,omitempty\"` }",
			"type T struct {\n\tName string `json:\"name,omitempty\"`\n}"},
		{"mixed names in one field are split",
			"type T struct{ A, b int }",
			"type T struct {\n\tA int\n\tb int `json:\"-\" xml:\"-\"`\n}"},
		{"an embedded field is marked",
			"type T struct{ Base; *inner; N int }",
			"type T struct {\n\tBase   `golessons:\"embedded\"`\n\t*inner `golessons:\"embedded\"`\n\tN      int\n}"},
		{"anonymous struct types too",
			"v := struct{ A int; b int }{1, 2}",
			"v := struct {\n\tA int\n\tb int `json:\"-\" xml:\"-\"`\n}{1, 2}"},
		{"blank fields are left alone",
			"type T struct{ _ int; A int }",
			"type T struct {\n\t_ int\n\tA int\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := rewriteBody(t, tc.in, func(n ast.Node) error { TagStructFields(n); return nil })
			if want := gofmt(t, tc.out); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
