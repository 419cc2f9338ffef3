package eval

import "testing"

func TestEncodersSeeTheFieldsGoShowsThem(t *testing.T) {
	const types = `import ("encoding/json"; "encoding/xml"; "fmt"; "sync")
type Account struct {
	Owner   string ` + "`json:\"owner\" xml:\"owner\"`" + `
	balance int
	pin     string ` + "`json:\"pin\"`" + `
}
type Base struct{ ID int }
type Wrapped struct{ Base }
type Mixed struct {
	Base
	Name string
}
type base struct{ Hidden int }
type Guarded struct {
	sync.Mutex
	base
	Count int
}`
	runOutCases(t, []outCase{
		{name: "unexported fields are neither written nor read", cells: []string{types, `b, err := json.Marshal(Account{"ann", 10, "1234"})
fmt.Println(string(b), err)
var a Account
err = json.Unmarshal([]byte(` + "`" + `{"owner":"bob","balance":5,"Xbalance":6,"pin":"0000","Xpin":"1"}` + "`" + `), &a)
fmt.Printf("%+v %v\n", a, err)
x, _ := xml.Marshal(Account{"cy", 1, "2"})
fmt.Println(string(x))`}, out: "{\"owner\":\"ann\"} <nil>\n{Owner:bob balance:0 pin:} <nil>\n<Account><owner>cy</owner></Account>\n"},
		{name: "a struct's only embedded field is promoted", cells: []string{types, `b, _ := json.Marshal(Wrapped{Base{7}})
fmt.Println(string(b))`}, out: "{\"ID\":7}\n"},
		{name: "cell structs embedded beside other fields are promoted", cells: []string{types, `b, _ := json.Marshal([]Mixed{{Base{1}, "n"}})
fmt.Println(string(b))
var m Mixed
err := json.Unmarshal([]byte(` + "`" + `{"ID":4,"Name":"x"}` + "`" + `), &m)
fmt.Println(m.ID, m.Name, err)`}, out: "[{\"ID\":1,\"Name\":\"n\"}]\n4 x <nil>\n"},
		{name: "a compiled type with methods embedded beside others is refused, not nested", cells: []string{types, `b, _ := json.Marshal(Guarded{Count: 1})
fmt.Println(string(b))`}, errName: "panic", errHas: "embeds Mutex, a type with methods, beside other fields"},
	})
}

func TestJSONCallsTheCellsMarshalAndUnmarshalMethods(t *testing.T) {
	const decls = `import ("encoding/json"; "fmt"; "strings")
type Status int
func (s Status) MarshalJSON() ([]byte, error) { return json.Marshal([...]string{"off", "on"}[s]) }
type Money struct{ Cents int }
func (m Money) MarshalJSON() ([]byte, error) { return []byte(fmt.Sprintf("\"$%d.%02d\"", m.Cents/100, m.Cents%100)), nil }
type Level int
func (l Level) MarshalText() ([]byte, error) { return []byte(strings.Repeat("*", int(l))), nil }
type Order struct {
	ID     int
	Status Status
	Total  Money
	Lines  []Money ` + "`json:\"lines,omitempty\"`" + `
	Prio   Level   ` + "`json:\"prio\"`" + `
}
type Color struct{ R, G, B uint8 }
func (c *Color) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil { return err }
	_, err := fmt.Sscanf(s, "#%02x%02x%02x", &c.R, &c.G, &c.B)
	return err
}
type Palette struct{ Bg Color }`
	runOutCases(t, []outCase{
		{name: "fields, elements and values whose types have MarshalJSON or MarshalText", cells: []string{decls, `o := Order{ID: 7, Status: 1, Total: Money{1999}, Prio: 3}
a, _ := json.Marshal(o)
b, _ := json.Marshal([]any{Money{5}, Status(0), map[string]Order{"x": {Lines: []Money{{1}}}}})
c, _ := json.Marshal(Money{250})
fmt.Println(string(a)); fmt.Println(string(b)); fmt.Println(string(c))`},
			out: "{\"ID\":7,\"Status\":\"on\",\"Total\":\"$19.99\",\"prio\":\"***\"}\n" +
				"[\"$0.05\",\"off\",{\"x\":{\"ID\":0,\"Status\":\"off\",\"Total\":\"$0.00\",\"lines\":[\"$0.01\"],\"prio\":\"\"}}]\n\"$2.50\"\n"},
		{name: "UnmarshalJSON of the value passed", cells: []string{decls, `var c Color
err := json.Unmarshal([]byte(` + "`\"#ff8000\"`" + `), &c)
fmt.Println(c, err)`}, out: "{255 128 0} <nil>\n"},
		{name: "UnmarshalJSON below the value passed is refused", cells: []string{decls, `var p Palette
json.Unmarshal([]byte(` + "`{\"Bg\":\"#010203\"}`" + `), &p)`},
			errName: "panic", errHas: "main.Color has an UnmarshalJSON or UnmarshalText method declared in a cell"},
		{name: "UnmarshalText of a map's key type is refused", cells: []string{`import ("encoding/json"; "fmt")
type P struct{ X int }
func (p *P) UnmarshalText(b []byte) error { _, err := fmt.Sscan(string(b), &p.X); return err }`, `m := map[P]int{}
json.Unmarshal([]byte(` + "`{\"3\":5}`" + `), &m)`},
			errName: "panic", errHas: "main.P has an UnmarshalJSON or UnmarshalText method declared in a cell"},
	})
}

func TestJSONWritesNullForANilPointerWithoutCallingItsMethod(t *testing.T) {
	runOutCases(t, []outCase{{name: "value and pointer receivers", cells: []string{`import ("encoding/json"; "fmt")
type Plain struct{ V string }
func (p Plain) MarshalJSON() ([]byte, error) { return []byte(` + "`\"x\"`" + `), nil }
type S struct{ N int }
func (s *S) MarshalJSON() ([]byte, error) {
	if s == nil { return []byte(` + "`\"none\"`" + `), nil }
	return []byte("1"), nil
}`, `var p *Plain
var s *S
a, err := json.Marshal(p)
b, _ := json.Marshal(s)
c, _ := json.Marshal(&S{})
fmt.Println(string(a), err, string(b), string(c))`}, out: "null <nil> null 1\n"}})
}

func TestJSONCallsMethodsOfNamedElementsAndKeys(t *testing.T) {
	const decls = `import ("encoding/json"; "errors"; "fmt"; "strings")
type Level int
func (l Level) MarshalJSON() ([]byte, error) { return []byte(fmt.Sprintf("\"L%d\"", int(l))), nil }
type Color int
func (c Color) MarshalText() ([]byte, error) {
	if c < 0 {
		return nil, errors.New("no such color")
	}
	return []byte(strings.Repeat("c", int(c))), nil
}
type Rec struct{ M map[Color][]Level }
type Point struct{ X, Y int }
func (p Point) MarshalText() ([]byte, error) { return []byte(fmt.Sprintf("%d_%d", p.X, p.Y)), nil }`
	runOutCases(t, []outCase{
		{name: "slices, maps, pointers and fields", cells: []string{decls, `ls := []Level{0, 2}
b, _ := json.Marshal(ls)
fmt.Println(string(b))
b, _ = json.Marshal(&ls)
fmt.Println(string(b))
b, _ = json.Marshal(map[string][]Level{"a": {1}})
fmt.Println(string(b))
b, _ = json.Marshal(map[Color]int{2: 1, 1: 5})
fmt.Println(string(b))
b, _ = json.MarshalIndent(Rec{map[Color][]Level{1: {3}}}, "", " ")
fmt.Println(string(b))
_, err := json.Marshal(map[Color]int{-1: 1})
fmt.Println(err != nil)
b, _ = json.Marshal(map[Point]string{{1, 2}: "a"})
fmt.Println(string(b))`},
			out: "[\"L0\",\"L2\"]\n[\"L0\",\"L2\"]\n{\"a\":[\"L1\"]}\n{\"c\":5,\"cc\":1}\n{\n \"M\": {\n  \"c\": [\n   \"L3\"\n  ]\n }\n}\ntrue\n{\"1_2\":\"a\"}\n"},
		{name: "keys of a string type are written as they are, MarshalText or not", cells: []string{`import ("encoding/json"; "fmt")
type Tag string
func (t Tag) MarshalText() ([]byte, error) { return []byte("val-" + string(t)), nil }`, `b, _ := json.Marshal(map[Tag]int{"a": 1})
c, _ := json.Marshal(struct{ M map[Tag]Tag }{map[Tag]Tag{"k": "v"}})
fmt.Println(string(b), string(c))`}, out: "{\"a\":1} {\"M\":{\"k\":\"val-v\"}}\n"},
	})
}

func TestJSONTypeErrorsNameTheCellsStructType(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "top level and nested", cells: []string{`import ("encoding/json"; "fmt")
type Studio struct{ Founded int ` + "`json:\"founded\"`" + ` }
type Movie struct {
	Title    string
	Released int ` + "`json:\"released\"`" + `
	By       *Studio ` + "`json:\"by\"`" + `
}`, `var m Movie
fmt.Println(json.Unmarshal([]byte(` + "`{\"released\": \"1999\"}`" + `), &m))
fmt.Println(json.Unmarshal([]byte(` + "`{\"by\": {\"founded\": true}}`" + `), &m))
var ms []Movie
fmt.Println(json.Unmarshal([]byte(` + "`[{\"Title\": 3}]`" + `), &ms))`},
			out: "json: cannot unmarshal string into Go struct field Movie.released of type int\n" +
				"json: cannot unmarshal bool into Go struct field Studio.by.founded of type int\n" +
				"json: cannot unmarshal number into Go struct field Movie.Title of type string\n"},
	})
}

func TestEncodersSeeTheValuesACellsInterfaceTypeHolds(t *testing.T) {
	decl := `import ("encoding/json"; "encoding/xml"; "fmt"; "os")
type Animal interface{ Sound() string }
type Dog struct{ Name string ` + "`json:\"name\" xml:\"name\"`" + ` }
func (d Dog) Sound() string { return "woof" }
type Cat struct{ Lives int }
func (c *Cat) Sound() string { return "meow" }
type Zoo struct {
	Star   Animal
	All    []Animal
	ByName map[string]Animal
	None   Animal
	Gone   Animal ` + "`json:\",omitempty\"`" + `
	N      int
}
type Pen struct {
	XMLName xml.Name ` + "`xml:\"pen\"`" + `
	A       Animal   ` + "`xml:\"a\"`" + `
}`
	runOutCases(t, []outCase{
		{name: "fields, elements and map values of a cell interface type", cells: []string{decl, `z := Zoo{Star: Dog{"rex"}, All: []Animal{Dog{"a"}, &Cat{9}, nil}, ByName: map[string]Animal{"c": &Cat{3}}, N: 2}
b, err := json.Marshal(z)
fmt.Println(string(b), err)
b, _ = json.Marshal(&z)
fmt.Println(string(b))
b, _ = json.Marshal([2]Animal{Dog{"p"}})
fmt.Println(string(b))
json.NewEncoder(os.Stdout).Encode(map[string][]Animal{"x": {Dog{"y"}}})
x, err := xml.Marshal(Pen{A: Dog{"x"}})
fmt.Println(string(x), err)`},
			out: `{"Star":{"name":"rex"},"All":[{"name":"a"},{"Lives":9},null],"ByName":{"c":{"Lives":3}},"None":null,"N":2} <nil>` + "\n" +
				`{"Star":{"name":"rex"},"All":[{"name":"a"},{"Lives":9},null],"ByName":{"c":{"Lives":3}},"None":null,"N":2}` + "\n" +
				`[{"name":"p"},null]` + "\n" + `{"x":[{"name":"y"}]}` + "\n" +
				"<pen><a><name>x</name></a></pen> <nil>\n"},
	})
}

func TestJSONRefusesToDecodeIntoACellsInterfaceType(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "a value for a field, an element or the target itself; null and absent are fine", cells: []string{`import ("encoding/json"; "fmt")
type Animal interface{ Sound() string }
type Pen struct{ Name string; Pet Animal }
type Zoo struct {
	Title string
	Pens  []Pen ` + "`json:\"pens\"`" + `
	Star  Animal ` + "`json:\"star\"`" + `
}`, `var z Zoo
fmt.Println(json.Unmarshal([]byte(` + "`{\"Title\": \"t\", \"star\": null, \"pens\": [{\"Name\": \"a\"}, {\"Name\": \"b\", \"Pet\": {\"x\": 1}}]}`" + `), &z))
fmt.Println(z.Title, len(z.Pens), z.Pens[1].Name)
fmt.Println(json.Unmarshal([]byte(` + "`{\"star\": [1]}`" + `), &z))
var a Animal
fmt.Println(json.Unmarshal([]byte(` + "`\"s\"`" + `), &a))
fmt.Println(json.Unmarshal([]byte(` + "`{\"Title\": \"u\", \"star\": null}`" + `), &z), z.Title)`},
			out: "json: cannot unmarshal object into Go struct field Pen.pens.Pet, whose type is an interface declared in a cell (Go cannot decode into an interface type with methods: decode into a concrete type, or a json.RawMessage)\n" +
				"t 2 b\n" +
				"json: cannot unmarshal array into Go struct field Zoo.star, whose type is an interface declared in a cell (Go cannot decode into an interface type with methods: decode into a concrete type, or a json.RawMessage)\n" +
				"json: cannot unmarshal string into Go value, whose type is an interface declared in a cell (Go cannot decode into an interface type with methods: decode into a concrete type, or a json.RawMessage)\n" +
				"<nil> u\n"},
	})
}

func TestAJSONDecoderDecodesAsUnmarshalDoes(t *testing.T) {
	runOutCases(t, []outCase{{name: "names in errors, the cells' UnmarshalJSON, options and streaming", cells: []string{`import ("encoding/json"; "fmt"; "strings")
type Level int
func (l *Level) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case ` + "`\"low\"`" + `:
		*l = 1
	case ` + "`\"high\"`" + `:
		*l = 2
	default:
		return fmt.Errorf("bad level %s", b)
	}
	return nil
}
type Config struct {
	Port int    ` + "`json:\"port\"`" + `
	Name string ` + "`json:\"name\"`" + `
}`, `var c Config
fmt.Println(json.NewDecoder(strings.NewReader(` + "`{\"port\":\"8\"}`" + `)).Decode(&c))
d := json.NewDecoder(strings.NewReader(` + "`{\"port\": 1, \"name\": \"a\"} {\"port\": 2, \"extra\": true}`" + `))
d.DisallowUnknownFields()
for {
	var c Config
	if err := d.Decode(&c); err != nil {
		fmt.Println("stop:", err)
		break
	}
	fmt.Printf("%+v\n", c)
}
var l Level
fmt.Println(json.NewDecoder(strings.NewReader(` + "`\"high\"`" + `)).Decode(&l), l)
ts := json.NewDecoder(strings.NewReader(` + "`[{\"port\":1},{\"port\":2}]`" + `))
tok, _ := ts.Token()
fmt.Println(tok)
for ts.More() {
	var c Config
	ts.Decode(&c)
	fmt.Println(c.Port)
}
var dec *json.Decoder = json.NewDecoder(strings.NewReader("{}"))
fmt.Println(dec.Decode(&c), dec.InputOffset())`},
		out: "json: cannot unmarshal string into Go struct field Config.port of type int\n{Port:1 Name:a}\nstop: json: unknown field \"extra\"\n<nil> 2\n[\n1\n2\n<nil> 2\n"}})
}

func TestAValueHeldInAPackagesInterfaceIsEncodedAndComparedAsItself(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "json, reflect.DeepEqual and reflect.TypeOf of a fmt.Stringer variable", cells: []string{`import ("encoding/json"; "fmt"; "reflect")
type Money struct{ Amount int }
func (m Money) String() string { return "money" }`, `var s fmt.Stringer = Money{2}
b, err := json.Marshal(s)
fmt.Println(string(b), err, reflect.DeepEqual(s, Money{2}), reflect.DeepEqual(s, Money{3}), reflect.TypeOf(s).Kind())`},
			out: "{\"Amount\":2} <nil> true false struct\n"},
	})
}

func TestJSONErrorsOfACellsMarshalJSONNameItsType(t *testing.T) {
	runOutCases(t, []outCase{
		{name: "the value itself, an element and a field", cells: []string{`import ("encoding/json"; "errors"; "fmt")
type Status int
func (s Status) MarshalJSON() ([]byte, error) { return nil, errors.New("bad") }
type Rec struct{ S Status }`, `_, err := json.Marshal(Status(9))
fmt.Println(err)
_, err = json.Marshal([]Status{1})
fmt.Println(err)
_, err = json.Marshal(Rec{2})
var me *json.MarshalerError
fmt.Println(err, errors.As(err, &me))`}, out: "json: error calling MarshalJSON for type main.Status: bad\n" +
			"json: error calling MarshalJSON for type main.Status: bad\n" +
			"json: error calling MarshalJSON for type main.Status: bad true\n"},
		{name: "a failing MarshalText of a field, a struct and a map key", cells: []string{`import ("encoding/json"; "errors"; "fmt")
type S int
func (s S) MarshalText() ([]byte, error) { return nil, errors.New("boom") }
type K struct{ N int }
func (k K) MarshalText() ([]byte, error) { return nil, errors.New("kboom") }`, `_, err := json.Marshal(struct{ X S }{1})
var me *json.MarshalerError
fmt.Println(err, errors.As(err, &me))
_, err = json.Marshal(K{1})
fmt.Println(err)
_, err = json.Marshal(map[K]int{{1}: 1})
fmt.Println(err)`}, out: "json: error calling MarshalText for type main.S: boom true\n" +
			"json: error calling MarshalText for type main.K: kboom\n" +
			"json: encoding error for type \"map[main.K]int\": \"kboom\"\n"},
	})
}

func TestAJSONEncoderCallsTheCellsMarshalers(t *testing.T) {
	decl := "import (\"encoding/json\"; \"fmt\"; \"os\")\ntype Temp float64\nfunc (t Temp) MarshalText() ([]byte, error) { return []byte(fmt.Sprintf(\"%.1fC\", float64(t))), nil }\n" +
		"type Color int\nfunc (c Color) MarshalJSON() ([]byte, error) { return []byte(`\"red\"`), nil }\ntype Reading struct{ T Temp; C Color }"
	runOutCases(t, []outCase{
		{name: "values, elements and fields", cells: []string{decl,
			"enc := json.NewEncoder(os.Stdout)\nenc.Encode(Temp(2))\nenc.Encode([]Temp{1.5})\nenc.Encode(Color(1))\nenc.Encode(Reading{3, 1})\nenc.SetIndent(\"\", \" \")\nenc.Encode(map[string]Color{\"a\": 1})"},
			out: "\"2.0C\"\n[\"1.5C\"]\n\"red\"\n{\"T\":\"3.0C\",\"C\":\"red\"}\n{\n \"a\": \"red\"\n}\n"},
		{name: "a *json.Encoder variable", cells: []string{decl, "var enc *json.Encoder = json.NewEncoder(os.Stdout)\nfmt.Println(enc.Encode(Color(1)))"},
			out: "\"red\"\n<nil>\n"},
	})
}

func TestXMLCallsTheCellsMarshalMethods(t *testing.T) {
	const decls = `import ("encoding/xml"; "fmt"; "os"; "strings")
type Level int
func (l Level) MarshalText() ([]byte, error) { return []byte([]string{"low", "high"}[l]), nil }
type Point struct{ X, Y int }
func (p Point) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(fmt.Sprintf("%d,%d", p.X, p.Y), start)
}
type Upper string
func (u Upper) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: name, Value: strings.ToUpper(string(u))}, nil
}
type Item struct {
	XMLName xml.Name ` + "`xml:\"item\"`" + `
	Kind    Upper    ` + "`xml:\"kind,attr\"`" + `
	Lvl     Level    ` + "`xml:\"lvl,attr\"`" + `
	Prio    Level    ` + "`xml:\"prio\"`" + `
	At      Point    ` + "`xml:\"at\"`" + `
	Tags    []Level  ` + "`xml:\"tag\"`" + `
	Any     any      ` + "`xml:\"any\"`" + `
}
type Tag string
func (t *Tag) MarshalText() ([]byte, error) { return []byte("#" + string(*t)), nil }
type Post struct {
	Tags []Tag ` + "`xml:\"tag\"`" + `
	Lead Tag   ` + "`xml:\"lead,attr\"`" + `
}`
	runOutCases(t, []outCase{
		{name: "fields, attributes and elements call MarshalText, MarshalXML and MarshalXMLAttr", cells: []string{decls, `b, err := xml.Marshal(Item{Kind: "box", Lvl: 1, At: Point{1, 2}, Tags: []Level{0, 1}, Any: Point{3, 4}})
fmt.Println(string(b), err)`}, out: `<item kind="BOX" lvl="high"><prio>low</prio><at>1,2</at><tag>low</tag><tag>high</tag><any>3,4</any></item> <nil>` + "\n"},
		{name: "a root value with a method is named after its type", cells: []string{decls, `b, _ := xml.Marshal(Point{3, 4})
fmt.Println(string(b))
b, _ = xml.MarshalIndent(Level(1), "", " ")
fmt.Println(string(b))
b, _ = xml.Marshal([]any{Point{5, 6}, 7})
fmt.Println(string(b))`}, out: "<Point>3,4</Point>\n<Level>high</Level>\n<Point>5,6</Point><int>7</int>\n"},
		{name: "pointer-receiver methods only where xml can take the address", cells: []string{decls, `p := &Post{Tags: []Tag{"a"}, Lead: "x"}
b, _ := xml.Marshal(p)
fmt.Println(string(b))
b, _ = xml.Marshal(*p)
fmt.Println(string(b))`}, out: "<Post lead=\"#x\"><tag>#a</tag></Post>\n<Post lead=\"x\"><tag>#a</tag></Post>\n"},
		{name: "an encoder names the root elements of cell structs and calls their methods", cells: []string{decls, `type Person struct {
	Name string ` + "`xml:\"name\"`" + `
	Age  int    ` + "`xml:\"age,attr\"`" + `
}
enc := xml.NewEncoder(os.Stdout)
fmt.Println(enc.Encode(Person{"Ann", 30}))
fmt.Println(enc.Encode([]Person{{"Bo", 4}}))
fmt.Println(enc.EncodeElement(Person{"Cy", 5}, xml.StartElement{Name: xml.Name{Local: "who"}}))
fmt.Println(enc.Encode(Item{Lvl: 1}))`}, out: `<Person age="30"><name>Ann</name></Person><nil>
<Person age="4"><name>Bo</name></Person><nil>
<who age="5"><name>Cy</name></who><nil>
<item kind="" lvl="high"><prio>low</prio><at>0,0</at></item><nil>
`},
		{name: "xml.Unmarshal into a cell type with an Unmarshal method is refused, not decoded wrongly", cells: []string{`import ("encoding/xml"; "fmt")
type Status int
func (s *Status) UnmarshalText(b []byte) error { *s = Status(len(b)); return nil }
type User struct { St Status ` + "`xml:\"st,attr\"`" + ` }
type Plain struct{ N int }`, `var p Plain
fmt.Println(xml.Unmarshal([]byte("<Plain><N>3</N></Plain>"), &p), p)
var u User
fmt.Println(xml.Unmarshal([]byte("<User st=\"ACTIVE\"></User>"), &u))`}, out: "<nil> {3}\n",
			errName: "panic", errHas: "xml.Unmarshal: main.Status has an UnmarshalXML or UnmarshalXMLAttr or UnmarshalText method declared in a cell"},
	})
}

func TestJSONOfCellValuesInFieldsAndSlicesOfAPackagesInterface(t *testing.T) {
	runOutCases(t, []outCase{{name: "json.Marshaler and fmt.Stringer fields and elements", cells: []string{`import ("encoding/json"; "fmt")
type Celsius struct{ C float64 }
func (c Celsius) MarshalJSON() ([]byte, error) { return json.Marshal(fmt.Sprintf("%.1fC", c.C)) }
type Money struct{ Cents int }
func (m Money) String() string { return fmt.Sprint(m.Cents, "c") }
type Reading struct {
	Name string         ` + "`json:\"name\"`" + `
	Val  json.Marshaler ` + "`json:\"val\"`" + `
}`, `a, err := json.Marshal(Reading{"t", Celsius{21.5}})
b, err2 := json.Marshal([]json.Marshaler{Celsius{1}})
c, err3 := json.Marshal([]fmt.Stringer{Money{5}})
fmt.Println(string(a), err, string(b), err2, string(c), err3)`}, out: "{\"name\":\"t\",\"val\":\"21.5C\"} <nil> [\"1.0C\"] <nil> [{\"Cents\":5}] <nil>\n"}})
}
