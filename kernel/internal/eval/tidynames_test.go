package eval

import "testing"

func TestTidyTypeNamesPutsTheDeclaredNameBack(t *testing.T) {
	cases := []struct{ in, want string }{
		{`runtime error: comparing uncomparable type struct { Hosts []string "yaegi:\"main.Config\"" }`, "runtime error: comparing uncomparable type main.Config"},
		{`binary.Write: some values are not fixed-sized in type struct { Kind uint8 "yaegi:\"main.Packet\""; Body []uint8 }`, "binary.Write: some values are not fixed-sized in type main.Packet"},
		{`can't evaluate field X in type *struct { A struct { B int "yaegi:\"main.In\"" } "yaegi:\"main.Out\""; C int }`, "can't evaluate field X in type *main.Out"},
		{`type struct { A int }`, `type struct { A int }`},
		{`x struct { A int "json:\"a\""; B struct { C int "yaegi:\"main.C\"" } } y`, `x struct { A int "json:\"a\""; B main.C } y`},
		{`no struct here`, `no struct here`},
	}
	for _, c := range cases {
		if got := tidyTypeNames(c.in); got != c.want {
			t.Errorf("tidyTypeNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMessagesOfCompiledCodeNameTheCellsStructTypes(t *testing.T) {
	runOutCases(t, []outCase{{name: "binary.Write's error, printed and wrapped, and a recovered runtime error", cells: []string{`import ("bytes"; "encoding/binary"; "errors"; "fmt"; "sync/atomic")
type Packet struct{ Kind uint8; Body []byte }
type Config struct{ Hosts []string }`, `var buf bytes.Buffer
err := binary.Write(&buf, binary.LittleEndian, Packet{1, nil})
fmt.Println(err)
fmt.Printf("%v|%s\n", err, fmt.Errorf("w: %w", err))
fmt.Println(errors.Unwrap(fmt.Errorf("w: %w", err)) == err)
func() {
	defer func() { fmt.Println(recover()) }()
	var v atomic.Value
	v.Store(Config{})
	v.CompareAndSwap(Config{}, Config{})
}()`}, out: "binary.Write: some values are not fixed-sized in type main.Packet\n" +
		"binary.Write: some values are not fixed-sized in type main.Packet|w: binary.Write: some values are not fixed-sized in type main.Packet\n" +
		"true\nruntime error: comparing uncomparable type main.Config\n"}})
}
