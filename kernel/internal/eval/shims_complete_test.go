package eval

import "testing"

// Each case pastes a whole program into one cell; its expected output is
// what `go run` (Go 1.26.8) printed for the same program.

const comparefuncProg = `package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

func main() {
	byLen := func(a string, b int) int { return cmp.Compare(len(a), b) }
	fmt.Println(slices.CompareFunc([]string{"a", "bb"}, []int{1, 2}, byLen))
	fmt.Println(slices.CompareFunc([]string{"a", "bb"}, []int{1, 1}, byLen))
	fmt.Println(slices.CompareFunc([]string{"a"}, []int{1, 2}, byLen))
	fmt.Println(slices.CompareFunc([]string{"a", "b"}, []int{1}, byLen))
	calls := 0
	r := slices.CompareFunc([]int{1, 2, 3}, []int{1, 5, 3}, func(a, b int) int { calls++; return a - b })
	fmt.Println(r, calls)
	nan := math.NaN()
	fmt.Println(slices.Compare([]float64{nan, 1}, []float64{0}), slices.Compare([]float64{nan}, []float64{nan}), slices.Compare([]float64{1}, []float64{nan, 2}))
}`

const chunkProg = `package main

import (
	"fmt"
	"slices"
)

func main() {
	s := []int{1, 2, 3, 4, 5}
	slices.Chunk(s, 2)(func(c []int) bool {
		fmt.Println(c, len(c), cap(c))
		return true
	})
	first := true
	slices.Chunk(s, 2)(func(c []int) bool {
		if first {
			c = append(c, 99)
			first = false
		}
		return true
	})
	fmt.Println(s, slices.Collect(slices.Chunk(s, 3)))
	n := 0
	slices.Chunk(s, 1)(func(c []int) bool { n++; return n < 2 })
	fmt.Println(n)
	slices.Chunk([]int{}, 3)(func(c []int) bool { fmt.Println("never"); return true })
	defer func() { fmt.Println("recovered:", recover()) }()
	slices.Chunk(s, 0)
}`

const insertProg = `package main

import (
	"fmt"
	"slices"
)

func main() {
	s := make([]int, 3, 10)
	copy(s, []int{1, 2, 3})
	r := slices.Insert(s, 1, 8, 9)
	fmt.Println(r, len(r), cap(r), s, s[:5])
	a := make([]int, 4, 8)
	copy(a, []int{1, 2, 3, 4})
	b := slices.Insert(a, 1, a[2:]...)
	fmt.Println(b, a)
	c := []int{1, 2, 3}
	d := slices.Insert(c, 1, 7)
	d[0] = 100
	fmt.Println(c, d, len(d), cap(d))
	e := slices.Insert(c, 3, 4, 5, 6, 7)
	fmt.Println(e, cap(e))
	var none []int
	fmt.Println(slices.Insert(c, 2, none...), slices.Insert([]string(nil), 0, []string{}...) == nil)
	big := slices.Insert(make([]int, 100), 50, 1, 2, 3)
	fmt.Println(len(big), cap(big))
	defer func() { fmt.Println(recover()) }()
	slices.Insert(c, 5, 1)
}`

const deleteProg = `package main

import (
	"fmt"
	"slices"
)

func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}

func main() {
	s := []int{1, 2, 3, 4, 5}
	r := slices.Delete(s, 1, 3)
	fmt.Println(r, len(r), cap(r), s)
	fmt.Println(slices.Delete(s, 2, 2))
	t := []string{"a", "b", "c"}
	fmt.Printf("%q %q\n", slices.Delete(t, 0, 1), t)
	try(func() { slices.Delete([]int{1, 2, 3}, 2, 1) })
	try(func() { slices.Delete([]int{1, 2, 3}, 1, 4) })
	try(func() { slices.Delete(make([]int, 3, 9), 1, 4) })
	try(func() { slices.Delete([]int{1, 2, 3}, -1, 1) })
}`

const compactProg = `package main

import (
	"fmt"
	"slices"
)

func main() {
	s := []int{1, 2, 3, 4, 5, 6}
	r := slices.DeleteFunc(s, func(v int) bool { return v%2 == 0 })
	fmt.Println(r, s)
	var seen []int
	slices.DeleteFunc([]int{5, 6, 7}, func(v int) bool { seen = append(seen, v); return v == 6 })
	fmt.Println(seen)
	c := []int{1, 1, 2, 2, 2, 3, 1}
	rc := slices.Compact(c)
	fmt.Println(rc, c)
	near := func(a, b int) bool { return b-a <= 1 && a-b <= 1 }
	d := []int{1, 2, 3, 5, 6, 9}
	rd := slices.CompactFunc(d, near)
	fmt.Println(rd, d)
	var calls [][2]int
	slices.CompactFunc([]int{1, 1, 2, 3, 3}, func(a, b int) bool {
		calls = append(calls, [2]int{a, b})
		return a == b
	})
	fmt.Println(calls)
	w := []string{"a", "b"}
	fmt.Println(slices.Compact(w), slices.Compact([]int(nil)) == nil)
}`

const replaceProg = `package main

import (
	"fmt"
	"slices"
)

func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}

func main() {
	s := []int{1, 2, 3, 4, 5}
	t := slices.Clone(s)
	r := slices.Replace(t, 1, 3, 9)
	fmt.Println(r, t)
	t = slices.Clone(s)
	r = slices.Replace(t, 3, 5, 7)
	fmt.Println(r, t)
	t = make([]int, 5, 10)
	copy(t, s)
	r = slices.Replace(t, 1, 2, 7, 8, 9)
	fmt.Println(r, t, t[:7], cap(r))
	t = slices.Clone(s)[:5:5]
	r = slices.Replace(t, 1, 2, 7, 8)
	fmt.Println(r, t, cap(r))
	t = make([]int, 5, 10)
	copy(t, s)
	r = slices.Replace(t, 1, 2, t[2:4]...)
	fmt.Println(r, t)
	t = make([]int, 5, 10)
	copy(t, s)
	r = slices.Replace(t, 0, 3, t[3:]...)
	fmt.Println(r, t)
	t = slices.Clone(s)
	r = slices.Replace(t, 2, 2, 8)
	fmt.Println(r, t)
	t = slices.Clone(s)
	r = slices.Replace(t, 1, 4)
	fmt.Println(r, t)
	try(func() { slices.Replace([]int{1, 2, 3}, 2, 1) })
	try(func() { slices.Replace([]int{1, 2, 3}, 1, 5, 0) })
	try(func() { slices.Replace(make([]int, 3, 9), 1, 5, 0) })
	try(func() { slices.Replace(make([]int, 3, 9), 5, 5, 0) })
}`

const growProg = `package main

import (
	"fmt"
	"slices"
)

func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}

func main() {
	fmt.Println(slices.Concat([]int(nil), nil) == nil, slices.Concat([]int{}, nil, []int{}) == nil)
	c := slices.Concat([]int{1, 2, 3}, []int{4, 5}, []int{6})
	fmt.Println(c, len(c), cap(c))
	r := slices.Repeat([]int{1, 2}, 3)
	fmt.Println(r, len(r), cap(r))
	fmt.Println(slices.Repeat([]int{}, 3) == nil, len(slices.Repeat([]int{1}, 0)), slices.Repeat([]int(nil), 2) == nil)
	g := slices.Grow([]int{1, 2, 3}, 5)
	fmt.Println(g, len(g), cap(g))
	g2 := slices.Grow(make([]int, 2, 10), 5)
	fmt.Println(len(g2), cap(g2))
	fmt.Println(cap(slices.Grow([]int(nil), 0)), slices.Grow([]int(nil), 0) == nil, cap(slices.Grow([]byte(nil), 5)))
	k := slices.Clip(make([]int, 2, 10))
	fmt.Println(len(k), cap(k))
	try(func() { slices.Repeat([]int{1}, -1) })
	try(func() { slices.Repeat([]int{1, 2}, 1<<62) })
	try(func() { slices.Grow([]int{1}, -1) })
}`

const minmaxProg = `package main

import (
	"fmt"
	"math"
	"slices"
)

type Temp float64

func main() {
	nan := math.NaN()
	negz := math.Copysign(0, -1)
	fmt.Println(slices.Max([]float64{1, nan, 3}), slices.Min([]float64{1, nan, 3}), slices.Max([]float64{nan, 5}), slices.Min([]float64{5, 1, nan}))
	fmt.Println(slices.Max([]float64{negz, 0}), slices.Max([]float64{0, negz}), slices.Min([]float64{0, negz}), slices.Min([]float64{negz, 0}))
	fmt.Println(slices.Max([]Temp{-1, Temp(negz), 0}), slices.Min([]Temp{1, 0, Temp(negz)}), slices.Min([]float32{0, float32(negz)}))
	fmt.Println(slices.Max([]string{"b", "c", "a"}), slices.Min([]int{3, 1, 2}))
	f := []float64{nan, 1, 2}
	fmt.Println(slices.IsSorted(f), slices.IsSorted([]float64{1, nan}))
	fmt.Println(slices.BinarySearch(f, nan))
	fmt.Println(slices.BinarySearch(f, 2))
	fmt.Println(slices.BinarySearch(f, 1.5))
	fmt.Println(slices.BinarySearch([]float64{1, 2}, nan))
}`

const sortorderProg = `package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

type P struct{ K, I int }

func main() {
	ps := make([]P, 40)
	for i := range ps {
		ps[i] = P{(i * 7) % 5, i}
	}
	calls := 0
	slices.SortFunc(ps, func(a, b P) int { calls++; return cmp.Compare(a.K, b.K) })
	fmt.Println(ps, calls)
	calls = 0
	slices.SortStableFunc(ps, func(a, b P) int { calls++; return cmp.Compare(a.I%3, b.I%3) })
	fmt.Println(ps, calls)
	negz := math.Copysign(0, -1)
	f := make([]float64, 30)
	for i := range f {
		switch i % 4 {
		case 0:
			f[i] = negz
		case 1:
			f[i] = math.NaN()
		case 2:
			f[i] = 0
		default:
			f[i] = float64(i % 3)
		}
	}
	slices.Sort(f)
	fmt.Println(f)
	fmt.Println(slices.Sorted(slices.Values([]int{3, 1, 2})))
}`

const namedProg = `package main

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

type Tags []string

func (t Tags) String() string { return "#" + strings.Join(t, " #") }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%v°C", float64(c)) }

func main() {
	t := Tags{"go", "ai", "db"}
	slices.Sort(t)
	fmt.Println(t, slices.Contains(t, "go"), slices.Index(t, "db"))
	t = slices.Insert(t, 0, "x")
	fmt.Println(t)
	c := Tags(slices.Clone(t))
	c[0] = "y"
	fmt.Println(c, t, c.String())
	negz := Celsius(math.Copysign(0, -1))
	fmt.Println(slices.Max([]Celsius{negz, 0}), slices.Min([]Celsius{0, negz}), slices.Max([]Celsius{3, 1}))
}`

const mapsProg = `package main

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

func main() {
	var nilMap map[string]int
	fmt.Println(maps.Clone(nilMap) == nil, maps.Clone(map[string]int{}) == nil)
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	c := maps.Clone(m)
	c["a"] = 100
	fmt.Println(m, c)
	dst := map[string]int{"a": 0, "z": 26}
	maps.Copy(dst, m)
	fmt.Println(dst)
	maps.DeleteFunc(dst, func(k string, v int) bool { return v%2 == 0 })
	fmt.Println(dst)
	nan := math.NaN()
	fmt.Println(maps.Equal(m, map[string]int{"c": 3, "b": 2, "a": 1}), maps.Equal(map[int]float64{1: nan}, map[int]float64{1: nan}), maps.Equal(map[int]int{}, nilMap2()))
	fmt.Println(maps.EqualFunc(m, map[string]string{"a": "1", "b": "22", "c": "333"}, func(v int, s string) bool { return len(s) == v }))
	fmt.Println(slices.Sorted(maps.Keys(m)), slices.Sorted(maps.Values(m)))
	up := maps.Collect(maps.All(map[string]int{"x": 1}))
	maps.Insert(up, maps.All(map[string]int{"y": 2}))
	fmt.Println(up)
	var keys []string
	for k, v := range maps.All(m) {
		keys = append(keys, strings.Repeat(k, v))
	}
	slices.Sort(keys)
	fmt.Println(keys)
}

func nilMap2() map[int]int { return nil }`

// Go 1.26's slices has CompareFunc and Chunk; the shim lacked them. Chunk is
// called directly here: a range over it needs a concrete copy in
// rewrite.Seqs, which it does not have yet.
func TestSlicesFunctionsAddedToTheShim(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "CompareFunc stops at the first unequal pair; Compare orders NaN first", cells: []string{comparefuncProg}, out: "0\n1\n-1\n1\n-3 2\n-1 0 1\n"},
		{name: "Chunk yields clipped chunks and panics on n < 1", cells: []string{chunkProg}, out: "[1 2] 2 2\n[3 4] 2 2\n[5] 1 1\n[1 2 3 4 5] [[1 2 3] [4 5]]\n2\nrecovered: cannot be less than 1\n"},
	})
}

// A program can see which backing array the editing functions write, what
// they zero, the capacity they give and how they panic; the shim used to
// allocate anew, leave stale tails and panic in its own words.
func TestSlicesWriteAndGrowAsGo(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "Insert works in place when it fits, grows as append does", cells: []string{insertProg}, out: "[1 8 9 2 3] 5 10 [1 8 9] [1 8 9 2 3]\n[1 3 4 2 3 4] [1 3 4 2]\n[1 2 3] [100 7 2 3] 4 6\n[1 2 3 4 5 6 7] 8\n[1 2 3] true\n103 224\nruntime error: slice bounds out of range [5:3]\n"},
		{name: "Delete zeroes the tail and panics as s[i:j:len(s)]", cells: []string{deleteProg}, out: "[1 4 5] 3 5 [1 4 5 0 0]\n[1 4 5 0 0]\n[\"b\" \"c\"] [\"b\" \"c\" \"\"]\nruntime error: slice bounds out of range [2:1:]\nruntime error: slice bounds out of range [:4:3]\nruntime error: slice bounds out of range [:4:3]\nruntime error: slice bounds out of range [-1::]\n"},
		{name: "DeleteFunc, Compact and CompactFunc zero the tail; CompactFunc compares neighbours", cells: []string{compactProg}, out: "[1 3 5] [1 3 5 0 0 0]\n[5 6 7]\n[1 2 3 1] [1 2 3 1 0 0 0]\n[1 5 9] [1 5 9 0 0 0]\n[[1 1] [2 1] [3 2] [3 3]]\n[a b] true\n"},
		{name: "Replace in place, reallocated, overlapping, and its panics", cells: []string{replaceProg}, out: "[1 9 4 5] [1 9 4 5 0]\n[1 2 3 7] [1 2 3 7 0]\n[1 7 8 9 3 4 5] [1 7 8 9 3] [1 7 8 9 3 4 5] 10\n[1 7 8 3 4 5] [1 2 3 4 5] 10\n[1 3 4 3 4 5] [1 3 4 3 4]\n[4 5 4 5] [4 5 4 5 0]\n[1 2 8 3 4 5] [1 2 8 3 4]\n[1 5] [1 5 0 0 0]\nruntime error: slice bounds out of range [2:1]\nruntime error: slice bounds out of range [:5] with capacity 3\nruntime error: slice bounds out of range [5:3]\nruntime error: slice bounds out of range [5:3]\n"},
		{name: "Concat, Repeat, Grow and Clip capacities and panics", cells: []string{growProg}, out: "true true\n[1 2 3 4 5 6] 6 6\n[1 2 1 2 1 2] 6 6\nfalse 0 false\n[1 2 3] 3 8\n2 10\n0 true 8\n2 2\ncannot be negative\nthe result of (len(x) * count) overflows\ncannot be negative\n"},
	})
}

// NaN and -0 are where a hand-written < differs from cmp.Compare and the
// builtin min and max, and SortFunc's order of equal elements is
// pdqsort's, not a stable sort's.
func TestSlicesOrderedValuesAsGo(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "Max, Min, IsSorted and BinarySearch with NaN and -0", cells: []string{minmaxProg}, out: "NaN NaN NaN NaN\n0 0 -0 -0\n0 -0 -0\nc 1\ntrue false\n0 true\n2 true\n2 false\n0 false\n"},
		{name: "SortFunc, SortStableFunc and Sort leave equal elements where Go does", cells: []string{sortorderProg}, out: "[{0 20} {0 10} {0 35} {0 30} {0 0} {0 5} {0 25} {0 15} {1 28} {1 3} {1 8} {1 38} {1 33} {1 13} {1 18} {1 23} {2 26} {2 11} {2 1} {2 36} {2 6} {2 21} {2 16} {2 31} {3 34} {3 14} {3 24} {3 39} {3 19} {3 29} {3 9} {3 4} {4 7} {4 12} {4 22} {4 2} {4 32} {4 37} {4 17} {4 27}] 196\n[{0 30} {0 0} {0 15} {1 3} {1 33} {1 18} {2 36} {2 6} {2 21} {3 24} {3 39} {3 9} {4 12} {4 27} {0 10} {0 25} {1 28} {1 13} {2 1} {2 16} {2 31} {3 34} {3 19} {3 4} {4 7} {4 22} {4 37} {0 20} {0 35} {0 5} {1 8} {1 38} {1 23} {2 26} {2 11} {3 14} {3 29} {4 2} {4 32} {4 17}] 176\n[NaN NaN NaN NaN NaN NaN NaN NaN 0 -0 0 0 -0 -0 -0 0 -0 0 0 0 -0 -0 0 0 -0 0 1 1 2 2]\n[1 2 3]\n"},
	})
}

// The shim's []E parameters take a named slice type, and a named element
// type keeps its String; a result is []E, so Tags(...) converts it back
// (yaegi cannot infer E of Go's [S ~[]E, E any]).
func TestSlicesOfNamedTypes(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "named slice and element types keep their methods", cells: []string{namedProg}, out: "#ai #db #go true 1\n#x #ai #db #go\n#y #ai #db #go #x #ai #db #go #y #ai #db #go\n0°C -0°C 3°C\n"},
	})
}

// The maps shim had Go's API already; this pins what a program sees of it.
func TestMapsShimAsGo(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "Clone, Copy, DeleteFunc, Equal, EqualFunc and the iterators", cells: []string{mapsProg}, out: "true false\nmap[a:1 b:2 c:3] map[a:100 b:2 c:3]\nmap[a:1 b:2 c:3 z:26]\nmap[a:1 c:3]\ntrue false true\ntrue\n[a b c] [1 2 3]\nmap[x:1 y:2]\n[a bb ccc]\n"},
	})
}

func TestRangeOverSlicesChunk(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "range over slices.Chunk, break, and n < 1", cells: []string{`import ("fmt"; "slices")`, `xs := []int{1, 2, 3, 4, 5}
for c := range slices.Chunk(xs, 2) {
	fmt.Println(c, len(c), cap(c))
	if c[0] == 3 { break }
}
func() {
	defer func() { fmt.Println("recovered:", recover()) }()
	for range slices.Chunk(xs, 0) {}
}()`}, out: "[1 2] 2 2\n[3 4] 2 2\nrecovered: cannot be less than 1\n"},
	})
}

func TestVariadicShimsTakeGosSignatures(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "cmp.Or and slices.Concat with spread, single and named-slice arguments", cells: []string{`import ("cmp"; "fmt"; "slices")
type Tags []string`, `xs := []int{0, 3, 4}
parts := [][]int{{1}, {2, 3}}
fmt.Println(cmp.Or(0, 2), cmp.Or(xs...), cmp.Or(""), slices.Concat(parts...), slices.Concat([]int{9}))
t := slices.Concat(Tags{"a"}, Tags{"b"})
fmt.Printf("%v %T %d\n", t, t, cap(slices.Concat([]int{1}, []int{2, 3})))`}, out: "2 3  [1 2 3] [9]\n[a b] main.Tags 3\n"},
	})
}
