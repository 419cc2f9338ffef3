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
