package eval

import "testing"

func TestReflectNamesTheCellsStructTypesAndFields(t *testing.T) {
	decls := `import ("fmt"; "reflect")
type User struct {
	Name  string ` + "`json:\"name\" validate:\"required\"`" + `
	age   int
}
func (u User) Greet() string { return "hi " + u.Name }
func (u *User) Birthday()    { u.age++ }
func (u User) secret()       {}`
	runOutCases(t, []outCase{
		{name: "type name, string and package", cells: []string{decls, `t := reflect.TypeOf(User{})
fmt.Println(t.Name(), t.String(), t.PkgPath(), t.Kind())
fmt.Println(reflect.TypeOf(&User{}).String(), reflect.TypeOf(&User{}).Name() == "", reflect.TypeOf([]User{}))
fmt.Printf("%v %s\n", t, reflect.TypeOf(map[string]*User{}))`},
			out: "User main.User main struct\n*main.User true []main.User\nmain.User map[string]*main.User\n"},
		{name: "fields by index and by name", cells: []string{decls, `t := reflect.TypeOf(User{})
for i := 0; i < t.NumField(); i++ {
	f := t.Field(i)
	fmt.Printf("%s %s %q %v\n", f.Name, f.Type, f.Tag, f.IsExported())
}
f, ok := t.FieldByName("age")
_, bad := t.FieldByName("Xage")
fmt.Println(f.Name, ok, bad)`},
			out: "Name string \"json:\\\"name\\\" validate:\\\"required\\\"\" true\nage int \"\" false\nage true false\n"},
		{name: "value's fields and methods", cells: []string{decls, `v := reflect.ValueOf(User{Name: "ann", age: 3})
fmt.Println(v.FieldByName("age").Int(), v.FieldByName("Name"), v.Type().Field(1).Name)
fmt.Println(v.NumMethod(), v.Type().NumMethod(), reflect.TypeOf(&User{}).NumMethod())`},
			out: "3 ann age\n1 1 2\n"},
		{name: "compiled types are untouched", cells: []string{decls, `t := reflect.TypeOf(struct{ A int }{})
fmt.Println(t.Name() == "", t.String(), reflect.TypeOf(fmt.Println).String(), reflect.TypeOf(0).Name())`},
			out: "true struct { A int } func(...interface {}) (int, error) int\n"},
	})
}

func TestReflectTypeOfTheCellsNamedNonStructTypes(t *testing.T) {
	decls := `import ("fmt"; "reflect")
type MyInt int
type Names []string
type ID int
func (i ID) String() string { return "id" }
type Pair[K comparable, V any] struct{ K K; V V }`
	runOutCases(t, []outCase{
		{name: "static type", cells: []string{decls, `var x MyInt = 7
t := reflect.TypeOf(x)
fmt.Println(t, t.Name(), t.Kind(), t.PkgPath(), t.String())
fmt.Printf("%v %s\n", t, reflect.TypeOf(Names{"a"}))
fmt.Println(reflect.TypeOf(x) == reflect.TypeOf(MyInt(1)), reflect.TypeOf(x) == reflect.TypeOf(1), reflect.TypeOf(Pair[string, int]{}))`},
			out: "main.MyInt MyInt int main main.MyInt\nmain.MyInt main.Names\ntrue false main.Pair[string,int]\n"},
		{name: "any holding a value of a type with methods", cells: []string{decls, `var a any = ID(1)
var b any = 2
func kind(v any) string { return reflect.TypeOf(v).String() }
fmt.Println(reflect.TypeOf(a), reflect.TypeOf(b), kind(ID(3)), kind(3))`},
			out: "main.ID int main.ID int\n"},
	})
}

func TestReflectTypeForGivesTheTypesReflectType(t *testing.T) {
	runOutCases(t, []outCase{{name: "basic, composite, interface, a cell's struct, in a generic func", cells: []string{`import ("fmt"; "reflect")
type Point struct{ X, Y int }
func Name[T any]() string { return reflect.TypeFor[T]().String() }`, `fmt.Println(reflect.TypeFor[int](), reflect.TypeFor[[]string]().Kind(), reflect.TypeFor[error]())
fmt.Println(Name[float64](), reflect.TypeFor[Point]().NumField(), reflect.TypeFor[Point]())`}, out: "int slice error\nfloat64 2 main.Point\n"},
		{name: "the name of a cell's struct type", cells: []string{`import ("fmt"; "reflect")
type User struct{ Name string }`, `fmt.Println(reflect.TypeFor[User]().Name(), reflect.TypeFor[*User]().Elem().Name())`}, out: "User User\n"},
		{name: "an unused variable beside it is refused", cells: []string{`import ("fmt"; "reflect")`, `func f() {
	n := 3
	fmt.Println(reflect.TypeFor[int]())
}`}, errName: "CompileError", errHas: "2:2: declared and not used: n"},
	})
}

func TestDeepEqualOfValuesOfDifferentStaticTypesIsFalse(t *testing.T) {
	runOutCases(t, []outCase{{name: "a named slice and its underlying type, a named int", cells: []string{`import ("fmt"; "reflect"; "strings")
type Words []string
type Kind int
func split(s string) Words { return strings.Fields(s) }
func check(got Words, want []string) {
	if !reflect.DeepEqual(got, want) {
		fmt.Println("FAIL", got, want)
	}
}`, `got := split("a b")
want := []string{"a", "b"}
ok := reflect.DeepEqual(got, want)
check(got, want)
k := Kind(1)
fmt.Println(ok, reflect.DeepEqual(got, Words(want)), reflect.DeepEqual(k, 1), reflect.DeepEqual(k, Kind(1)))`}, out: "FAIL [a b] [a b]\nfalse true false true\n"}})
}

func TestDeepEqualOfCellValuesHeldInInterfaces(t *testing.T) {
	runOutCases(t, []outCase{{name: "error fields, []error, []Shape, maps, pointers", cells: []string{`import ("errors"; "fmt"; "reflect")
type valErr struct{ f string }
func (v valErr) Error() string { return "bad " + v.f }
type FieldError struct{ F string }
func (e *FieldError) Error() string { return e.F }
type Res struct{ N int; Err error }
type Shape interface{ Area() int }
type Sq struct{ S int }
func (q Sq) Area() int { return q.S }`, `p := &FieldError{"a"}
fmt.Println(reflect.DeepEqual(Res{1, valErr{"a"}}, Res{1, valErr{"a"}}), reflect.DeepEqual(Res{1, valErr{"a"}}, Res{1, valErr{"b"}}))
fmt.Println(reflect.DeepEqual(Res{0, p}, Res{0, p}), reflect.DeepEqual(Res{0, p}, Res{0, &FieldError{"a"}}), reflect.DeepEqual(Res{}, Res{Err: errors.New("x")}))
fmt.Println(reflect.DeepEqual([]error{valErr{"a"}}, []error{valErr{"a"}}), reflect.DeepEqual([]Shape{Sq{1}}, []Shape{Sq{2}}))
fmt.Println(reflect.DeepEqual(map[string]error{"k": valErr{"a"}}, map[string]error{"k": valErr{"a"}}), reflect.DeepEqual([]int{1}, []int{1}), reflect.DeepEqual(map[int]int{}, map[int]int(nil)))`},
		out: "true false\ntrue true false\ntrue false\ntrue true false\n"}})
}
