package symtab

import (
	"reflect"
	"testing"
)

func TestImports(t *testing.T) {
	syms := []Symbol{
		{Name: "fmt", Kind: KindImport, Decl: "fmt"},
		{Name: "str", Kind: KindImport, Decl: "strings"},
		{Name: "x", Kind: KindVar, Decl: "x := 1"},
		{Name: "broken", Kind: KindImport},
	}
	got := Imports(syms, map[string]string{"fmt": "golessons/display"})
	want := map[string]string{"fmt": "golessons/display", "str": "strings"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Imports = %v, want %v", got, want)
	}
}
