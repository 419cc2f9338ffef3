// Package symtab describes what a user has declared in the cells run so far.
//
// The evaluator (package eval, in the runner process) fills a []Symbol after
// every cell; the kernel process receives it over the link and uses it for
// completion and inspection. The package holds only plain data: no
// interpreter, no I/O, so both processes can import it cheaply.
package symtab

// Kinds of Symbol, as stored in Symbol.Kind.
const (
	KindFunc   = "func"
	KindVar    = "var"
	KindConst  = "const"
	KindType   = "type"
	KindImport = "import"
)

// Kinds of Member, as stored in Member.Kind.
const (
	MemberField  = "field"
	MemberMethod = "method"
)

// Symbol is one top-level name declared by the user's cells.
type Symbol struct {
	// Name is the identifier; for an import it is the name the cell uses
	// (the package name or the alias).
	Name string `json:"name"`
	// Kind is one of KindFunc, KindVar, KindConst, KindType, KindImport.
	Kind string `json:"kind"`
	// Decl is the declaration's source text; for funcs only the one-line
	// signature (`func f(x int) string`), for imports the import path.
	Decl string `json:"decl"`
	// Type is the Go type as a string (`[]int`, `func(int) string`, `main.Point`).
	Type string `json:"type,omitempty"`
	// Value is a short %v rendering of a var or const (truncated to about
	// 200 characters); empty for other kinds.
	Value string `json:"value,omitempty"`
	// Members lists the fields and methods reachable with `name.`: for a
	// var of struct type (or pointer to one), and for a type itself.
	Members []Member `json:"members,omitempty"`
}

// Member is a field or method of a Symbol's type, offered after `v.`.
type Member struct {
	Name string `json:"name"`
	// Kind is MemberField or MemberMethod.
	Kind string `json:"kind"`
	// Signature is the field's type (`int`) or the method's signature
	// (`func(x int) string`).
	Signature string `json:"signature"`
}

// Imports maps the names under which the user's cells imported packages
// (package name or alias) to import paths, from the import symbols, with
// extra entries (which win) merged in.
func Imports(symbols []Symbol, extra map[string]string) map[string]string {
	m := make(map[string]string, len(extra))
	for _, s := range symbols {
		if s.Kind == KindImport && s.Decl != "" {
			m[s.Name] = s.Decl
		}
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}
