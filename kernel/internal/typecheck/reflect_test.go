package typecheck

import (
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"sync/atomic"
	"testing"
	"unsafe"
)

type node struct {
	Next *node
	Val  int
}

func (n *node) Len() int { return 1 }

func TestConverterTypes(t *testing.T) {
	c := newConverter(map[string]string{})
	cases := []struct {
		rt   reflect.Type
		want string
	}{
		{reflect.TypeFor[byte](), "uint8"},
		{reflect.TypeFor[[]rune](), "[]int32"},
		{reflect.TypeFor[unsafe.Pointer](), "unsafe.Pointer"},
		{reflect.TypeFor[error](), "error"},
		{reflect.TypeFor[map[string][]error](), "map[string][]error"},
		{reflect.TypeFor[func(int, ...string) (bool, error)](), "func(int, ...string) (bool, error)"},
		{reflect.TypeFor[<-chan int](), "<-chan int"},
		{reflect.TypeFor[*node](), "*golessons/kernel/internal/typecheck.node"},
		{reflect.TypeFor[atomic.Pointer[int]](), "invalid type"}, // an instance of a generic type
	}
	for _, tc := range cases {
		if got := types.TypeString(c.typ(tc.rt), nil); got != tc.want {
			t.Errorf("%v: got %s, want %s", tc.rt, got, tc.want)
		}
	}
	// A recursive type converts to one object, whose pointer has the method.
	n := c.typ(reflect.TypeFor[node]()).(*types.Named)
	next := n.Underlying().(*types.Struct).Field(0).Type().(*types.Pointer).Elem()
	if next != n {
		t.Errorf("node.Next points to %v, not node itself", next)
	}
	if n.NumMethods() != 1 || !isPointerRecv(n.Method(0)) {
		t.Errorf("node's method Len should have a pointer receiver")
	}
}

func isPointerRecv(f *types.Func) bool {
	_, ok := f.Type().(*types.Signature).Recv().Type().(*types.Pointer)
	return ok
}

func TestConverterObjects(t *testing.T) {
	var v int
	table := map[string]reflect.Value{
		"V":     reflect.ValueOf(&v).Elem(),
		"F":     reflect.ValueOf(func(string) int { return 0 }),
		"T":     reflect.ValueOf((*node)(nil)),
		"Alias": reflect.ValueOf((*node)(nil)), // a name that is not the type's: an alias, left out
		"C":     reflect.ValueOf(uint8(7)),
		"K":     reflect.ValueOf(constant.MakeFromLiteral("1.5", token.FLOAT, 0)),
		"_w":    reflect.ValueOf((*node)(nil)),
	}
	pkg := newConverter(map[string]string{"p": "p"}).fill("p", table)
	want := map[string]string{"V": "var p.V int", "F": "func p.F(string) int", "C": "const p.C uint8", "K": "const p.K untyped float"}
	for name, s := range want {
		if obj := pkg.Scope().Lookup(name); obj == nil || obj.String() != s {
			t.Errorf("%s: got %v, want %s", name, obj, s)
		}
	}
	for _, name := range []string{"T", "Alias", "_w"} {
		if pkg.Scope().Lookup(name) != nil {
			t.Errorf("%s should be left out (named node, not %s)", name, name)
		}
	}
}
