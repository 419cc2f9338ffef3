package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// TypeNames gives the evaluator's fmt functions the names %T must print
// where the interpreter's reflect types lose them (a cell's
// `type Celsius float64` is a float64 at run time). at returns, for a
// Printf-family call (by the Sel of fmt.Printf), one entry per argument:
// a type name, "?" for an argument whose static type is an interface,
// "=" for one whose static type the interpreter names right, "#" and a
// type name for a %#v argument of a named slice, array or map type, or
// "" to leave the argument alone.
//
//	fmt.Printf("%T %v", c, c)  →  fmt.Printf("%T %v", __glrt.TypeLabel("main.Celsius", c), c)
//	fmt.Printf("%T", x)        →  fmt.Printf("%T", __glrt.TypeOfAny(interface{}(x)))
//	fmt.Printf("%T", 1.5)      →  fmt.Printf("%T", __glrt.TypeExact(1.5))
//	fmt.Printf("%#v", ids)     →  fmt.Printf("%#v", __glrt.SharpLabel("main.IDs", ids))
//
// The argument is still evaluated; the runtime prints the label for %T
// (and says which names a value of an interface type may have).
func TypeNames(n ast.Node, at func(sel *ast.Ident) ([]string, bool)) {
	SelectorCalls(n, func(call *ast.CallExpr, sel *ast.SelectorExpr) {
		names, ok := at(sel.Sel)
		if !ok || len(names) != len(call.Args) || !printf[sel.Sel.Name] {
			return
		}
		for i, name := range names {
			a := call.Args[i]
			pos := a.Pos()
			switch name {
			case "":
			case "T?":
				call.Args[i] = &ast.CallExpr{Fun: rtFunc("TypeOfParam", pos), Lparen: pos, Args: []ast.Expr{a}, Rparen: a.End()}
			case "?":
				// Converted to interface{} first: the interpreter passes a
				// value of a cell's non-empty interface type to compiled
				// code as its bare value, which has lost its type, and an
				// empty interface's value as it holds it, with its type.
				conv := &ast.CallExpr{Fun: &ast.InterfaceType{Interface: pos, Methods: &ast.FieldList{Opening: pos, Closing: pos}},
					Lparen: pos, Args: []ast.Expr{a}, Rparen: a.End()}
				call.Args[i] = &ast.CallExpr{Fun: rtFunc("TypeOfAny", pos), Lparen: pos, Args: []ast.Expr{conv}, Rparen: a.End()}
			case "=":
				call.Args[i] = &ast.CallExpr{Fun: rtFunc("TypeExact", pos), Lparen: pos, Args: []ast.Expr{a}, Rparen: a.End()}
			default:
				if n, ok := strings.CutPrefix(name, "#"); ok { // %#v: the value, with its type's name
					label := &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(n)}
					call.Args[i] = &ast.CallExpr{Fun: rtFunc("SharpLabel", pos), Lparen: pos, Args: []ast.Expr{label, a}, Rparen: a.End()}
					continue
				}
				label := &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(name)}
				call.Args[i] = &ast.CallExpr{Fun: rtFunc("TypeLabel", pos), Lparen: pos, Args: []ast.Expr{label, a}, Rparen: a.End()}
			}
		}
	})
}

// rtFunc is __glrt.name placed at pos.
func rtFunc(name string, pos token.Pos) ast.Expr {
	return &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: "__glrt"}, Sel: &ast.Ident{NamePos: pos, Name: name}}
}

// printf are the fmt and log functions whose arguments may be labelled.
var printf = map[string]bool{"Printf": true, "Sprintf": true, "Errorf": true, "Fprintf": true, "Appendf": true,
	"Fatalf": true, "Panicf": true}
