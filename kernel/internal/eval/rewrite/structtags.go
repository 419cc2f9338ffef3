package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// EmbeddedTag is the struct tag key that marks a field a cell declared
// as embedded (see TagStructFields).
const EmbeddedTag = "golessons"

// TagStructFields adjusts the tags of the fields of every struct type
// below n, so that compiled encoders see the fields Go would show them.
// yaegi builds a cell's struct types with reflect.StructOf, which cannot
// make an unexported field: `secret string` becomes an exported field
// named Xsecret, and encoding/json and encoding/xml would write and read
// it. Those fields get `json:"-" xml:"-"` (replacing any json or xml key:
// Go ignores an unexported field's tags). StructOf cannot mark a field
// embedded when its type has methods and other fields are beside it, so
// encoders would nest its fields instead of promoting them; embedded
// fields get `golessons:"embedded"`, which lets the encoders' entry
// points refuse such a value rather than answer wrongly.
func TagStructFields(n ast.Node) {
	ast.Inspect(n, func(x ast.Node) bool {
		st, ok := x.(*ast.StructType)
		if !ok || st.Fields == nil {
			return true
		}
		var fields []*ast.Field
		for _, f := range st.Fields.List {
			fields = append(fields, splitByExport(f)...)
		}
		for _, f := range fields {
			switch {
			case len(f.Names) == 0:
				setTag(f, map[string]string{EmbeddedTag: "embedded"})
			case !f.Names[0].IsExported() && f.Names[0].Name != "_":
				setTag(f, map[string]string{"json": "-", "xml": "-"})
			}
		}
		st.Fields.List = fields
		return true
	})
}

// splitByExport splits `A, b int` into `A int` and `b int`: the two
// names need different tags.
func splitByExport(f *ast.Field) []*ast.Field {
	if len(f.Names) < 2 {
		return []*ast.Field{f}
	}
	exported := f.Names[0].IsExported()
	same := true
	for _, n := range f.Names[1:] {
		same = same && n.IsExported() == exported
	}
	if same {
		return []*ast.Field{f}
	}
	var out []*ast.Field
	for _, n := range f.Names {
		g := *f
		g.Names = []*ast.Ident{n}
		if f.Tag != nil {
			t := *f.Tag
			g.Tag = &t
		}
		out = append(out, &g)
	}
	return out
}

// setTag gives f's tag the keys of set, replacing those it had.
func setTag(f *ast.Field, set map[string]string) {
	var keep []string
	if f.Tag != nil {
		if s, err := strconv.Unquote(f.Tag.Value); err == nil {
			for _, kv := range tagPairs(s) {
				if _, ok := set[kv[0]]; !ok {
					keep = append(keep, kv[0]+":"+strconv.Quote(kv[1]))
				}
			}
		}
	}
	for _, k := range []string{"json", "xml", EmbeddedTag} { // a stable order
		if v, ok := set[k]; ok {
			keep = append(keep, k+":"+strconv.Quote(v))
		}
	}
	s := strings.Join(keep, " ")
	lit := "`" + s + "`"
	if strings.Contains(s, "`") {
		lit = strconv.Quote(s)
	}
	pos := f.End()
	if f.Tag != nil {
		pos = f.Tag.Pos()
	}
	f.Tag = &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: lit}
}

// tagPairs parses a conventional struct tag (`key:"value" key2:"v"`)
// as reflect.StructTag.Lookup does; it stops at the first malformed pair.
func tagPairs(tag string) [][2]string {
	var out [][2]string
	for tag != "" {
		tag = strings.TrimLeft(tag, " ")
		i := 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			break
		}
		name := tag[:i]
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			break
		}
		v, err := strconv.Unquote(tag[:i+1])
		if err != nil {
			break
		}
		out = append(out, [2]string{name, v})
		tag = tag[i+1:]
	}
	return out
}
