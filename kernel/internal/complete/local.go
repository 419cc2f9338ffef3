package complete

import "golessons/kernel/internal/syntax"

// localNames returns the names the cell being edited declares itself,
// which the symbol table cannot know before the cell runs. skip is the
// byte offset of the identifier being typed, which is not offered back to
// itself.
func localNames(code string, skip int) []Match {
	var out []Match
	for _, d := range syntax.Decls(code) {
		if d.Offset != skip {
			out = append(out, Match{Text: d.Name, Type: d.Kind})
		}
	}
	return out
}
