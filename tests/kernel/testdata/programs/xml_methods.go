// An inventory written as XML: enum-like types marshal themselves as text,
// a point as one element, a kind as an upper-case attribute; an encoder
// writes records one after another.
package main

import (
	"encoding/xml"
	"fmt"
	"os"
	"strings"
)

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
	XMLName xml.Name `xml:"item"`
	Kind    Upper    `xml:"kind,attr"`
	Lvl     Level    `xml:"lvl,attr"`
	Prio    Level    `xml:"prio"`
	At      Point    `xml:"at"`
	Tags    []Level  `xml:"tag"`
}

type Person struct {
	Name string `xml:"name"`
	Age  int    `xml:"age,attr"`
}

type Tag string

func (t *Tag) MarshalText() ([]byte, error) { return []byte("#" + strings.ToLower(string(*t))), nil }

type Post struct {
	Title string `xml:"title"`
	Tags  []Tag  `xml:"tag"`
	Lead  Tag    `xml:"lead,attr"`
}

type Box struct {
	XMLName xml.Name `xml:"box"`
	Items   []any    `xml:"item"`
}

func main() {
	b, err := xml.Marshal(Item{Kind: "box", Lvl: 1, Prio: 0, At: Point{1, 2}, Tags: []Level{0, 1}})
	fmt.Println(string(b), err)
	b, err = xml.Marshal(Point{3, 4})
	fmt.Println(string(b), err)
	b, err = xml.MarshalIndent(Level(1), "", " ")
	fmt.Println(string(b), err)

	enc := xml.NewEncoder(os.Stdout)
	enc.Indent("", "  ")
	fmt.Println(enc.Encode(Person{"Ann", 30}))
	fmt.Println(enc.Encode([]Person{{"Bo", 4}, {"Cy", 5}}))
	fmt.Println(enc.Encode(&Person{"Di", 6}))
	fmt.Println(enc.EncodeElement(Person{"Ed", 7}, xml.StartElement{Name: xml.Name{Local: "who"}}))
	p := &Post{Title: "Go", Tags: []Tag{"A", "B"}, Lead: "X"}
	fmt.Println(enc.Encode(p))
	fmt.Println(enc.Encode(*p))
	b, err = xml.Marshal([]Person{{"Fi", 8}})
	fmt.Println(string(b), err)
	b, err = xml.Marshal(Box{Items: []any{Person{"Gu", 9}, 1, "s"}})
	fmt.Println(string(b), err)
	var t Tag = "Q"
	b, err = xml.Marshal(&t)
	fmt.Println(string(b), err)
}
