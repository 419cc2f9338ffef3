package typecheck

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// promotedMethodExpr returns, for a method expression of a method
// promoted from an embedded field (Wrapper.Plus, (*Wrapper).Inc), a func
// literal doing what it does, as the cell would write it:
//
//	func(r Wrapper, a0 int) int { return r.Plus(a0) }
//
// yaegi v0.16.1 called the embedded type's method with the outer value
// (reflect.Set: value of type main.Wrapper is not assignable to type
// main.Base). "" for any other selector.
func promotedMethodExpr(se *ast.SelectorExpr, info *types.Info) string {
	sel, ok := info.Selections[se]
	if !ok || sel.Kind() != types.MethodExpr || len(sel.Index()) < 2 {
		return ""
	}
	sig, ok := sel.Obj().Type().(*types.Signature)
	if !ok || sig.TypeParams().Len() > 0 {
		return ""
	}
	typ := func(t types.Type) string { return types.TypeString(t, cellQualifier) }
	var params, args []string
	params = append(params, "__glr "+typ(sel.Recv()))
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		p := fmt.Sprintf("__gla%d ", i)
		a := fmt.Sprintf("__gla%d", i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			p += "..." + typ(t.(*types.Slice).Elem())
			a += "..."
		} else {
			p += typ(t)
		}
		params, args = append(params, p), append(args, a)
	}
	var results []string
	for i := range sig.Results().Len() {
		results = append(results, typ(sig.Results().At(i).Type()))
	}
	lit := funcText(params, results)
	call := "__glr." + se.Sel.Name + "(" + strings.Join(args, ", ") + ")"
	if len(results) > 0 {
		call = "return " + call
	}
	lit += " { " + call + " }"
	if strings.Contains(lit, "invalid type") {
		return ""
	}
	return lit
}
