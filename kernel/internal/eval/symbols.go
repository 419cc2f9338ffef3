package eval

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"golessons/kernel/internal/symtab"
)

// maxValueLen bounds Symbol.Value: it travels to the kernel after every cell.
const maxValueLen = 200

// symbols builds the user's symbol list from the table and the current
// global values.
func (t *declTable) symbols(globals map[string]reflect.Value) []symtab.Symbol {
	out := make([]symtab.Symbol, 0, len(t.entries))
	for _, name := range t.order {
		if strings.HasPrefix(name, "__gl") {
			continue
		}
		en := t.entries[name]
		s := en.sym
		switch s.Kind {
		case symtab.KindType:
			s.Members = append(append([]symtab.Member{}, en.fields...), t.sortedMethods(name)...)
		case symtab.KindVar, symtab.KindConst:
			if v, ok := globals[name]; ok && v.IsValid() {
				s.Type = v.Type().String()
				s.Value = shortValue(v)
				s.Members = t.valueMembers(en, v)
			}
			if en.typeName != "" && t.entries[en.typeName] != nil {
				s.Type = en.typeName
			}
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// valueMembers lists the fields and methods offered after `v.`.
func (t *declTable) valueMembers(en *entry, v reflect.Value) []symtab.Member {
	if tn := t.entries[en.typeName]; tn != nil {
		return append(append([]symtab.Member{}, tn.fields...), t.sortedMethods(en.typeName)...)
	}
	typ := v.Type()
	if typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	var out []symtab.Member
	if typ.Kind() == reflect.Struct {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			out = append(out, symtab.Member{Name: f.Name, Kind: symtab.MemberField, Signature: f.Type.String()})
		}
	}
	return out
}

func shortValue(v reflect.Value) (s string) {
	defer func() {
		if recover() != nil { // a user String method may panic
			s = "?"
		}
	}()
	if !v.CanInterface() {
		return ""
	}
	x := v.Interface()
	if str, ok := x.(string); ok {
		s = fmt.Sprintf("%q", str)
	} else {
		s = fmt.Sprintf("%v", x)
	}
	if len(s) > maxValueLen {
		s = s[:maxValueLen] + "…"
	}
	return s
}
