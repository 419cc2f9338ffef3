package history

// Tail returns the last n entries across sessions, oldest first.
func (s *Store) Tail(n int) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 {
		return nil
	}
	start := max(len(s.entries)-n, 0)
	return append([]Entry(nil), s.entries[start:]...)
}

// Range returns lines start ≤ line < stop of a session, as IPython's
// history does: session 0 is the current one and a negative session counts
// back from it (-1 is the previous kernel start); stop ≤ 0 means no upper
// bound.
func (s *Store) Range(session, start, stop int) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session <= 0 {
		session += s.session
	}
	var out []Entry
	for _, e := range s.entries {
		if e.Session == session && e.Line >= start && (stop <= 0 || e.Line < stop) {
			out = append(out, e)
		}
	}
	return out
}

// Search returns the last n entries (n ≤ 0: all) whose input matches the
// glob pattern (* any text, ? one character, [...] a class, as in sqlite's
// GLOB that IPython uses), oldest first. With unique, an input that ran
// several times is returned once, at its latest run.
func (s *Store) Search(pattern string, n int, unique bool) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := []rune(pattern)
	seen := map[string]bool{}
	var rev []Entry // newest first
	for i := len(s.entries) - 1; i >= 0 && (n <= 0 || len(rev) < n); i-- {
		e := s.entries[i]
		if unique && seen[e.Input] || !globMatch(g, []rune(e.Input)) {
			continue
		}
		seen[e.Input] = true
		rev = append(rev, e)
	}
	out := make([]Entry, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// globMatch reports whether text matches pattern. * matches any text
// including newlines (cells span lines, unlike file names).
func globMatch(pattern, text []rune) bool {
	p, t := 0, 0
	starP, starT := -1, 0 // where the last * was, to backtrack to
	for t < len(text) {
		if p < len(pattern) {
			switch pattern[p] {
			case '*':
				starP, starT = p, t
				p++
				continue
			case '?':
				p, t = p+1, t+1
				continue
			case '[':
				if end, ok := matchClass(pattern, p, text[t]); end > 0 {
					if ok {
						p, t = end, t+1
						continue
					}
				} else if text[t] == '[' { // no closing ]: a literal [
					p, t = p+1, t+1
					continue
				}
			default:
				if pattern[p] == text[t] {
					p, t = p+1, t+1
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		starT++
		p, t = starP+1, starT
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// matchClass matches r against the class starting at pattern[open] == '['
// and returns the index after its ']' (0 when unclosed) and the result.
// [^...] and [!...] negate; a-z is a range.
func matchClass(pattern []rune, open int, r rune) (int, bool) {
	i := open + 1
	negate := i < len(pattern) && (pattern[i] == '^' || pattern[i] == '!')
	if negate {
		i++
	}
	matched := false
	for first := true; i < len(pattern); first = false {
		c := pattern[i]
		if c == ']' && !first {
			return i + 1, matched != negate
		}
		if i+2 < len(pattern) && pattern[i+1] == '-' && pattern[i+2] != ']' {
			matched = matched || c <= r && r <= pattern[i+2]
			i += 3
			continue
		}
		matched = matched || c == r
		i++
	}
	return 0, false
}
