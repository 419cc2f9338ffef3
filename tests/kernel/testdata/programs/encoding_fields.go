//go:build ignore

// JSON and XML of structs with unexported fields, struct tags and a
// struct that embeds another as its only field: encoders see the fields
// Go shows them (exported ones only, embedded fields promoted).
package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
)

type Account struct {
	Owner   string `json:"owner" xml:"owner"`
	Balance int    `json:"balance,omitempty" xml:"balance,attr"`
	pin     string
	notes   []string `json:"notes"`
}

type Timestamps struct {
	Created string
	Updated string
}

type Audit struct {
	Timestamps
}

type Ledger struct {
	Accounts []Account        `json:"accounts"`
	ByOwner  map[string]Audit `json:"by_owner"`
	secret   int
}

func main() {
	a := Account{Owner: "ann", Balance: 10, pin: "1234", notes: []string{"x"}}
	b, err := json.Marshal(a)
	fmt.Println(string(b), err)

	var back Account
	err = json.Unmarshal([]byte(`{"owner":"bob","pin":"0000","Xpin":"1","notes":["n"]}`), &back)
	fmt.Printf("%+v %v\n", back, err)

	x, err := xml.Marshal(a)
	fmt.Println(string(x), err)

	l := Ledger{Accounts: []Account{a, {Owner: "cy"}}, ByOwner: map[string]Audit{"ann": {Timestamps{"mon", "tue"}}}, secret: 3}
	b, err = json.MarshalIndent(l, "", "  ")
	fmt.Println(string(b), err)

	var audit Audit
	err = json.Unmarshal([]byte(`{"Created":"wed"}`), &audit)
	fmt.Println(audit.Created, err)
}
