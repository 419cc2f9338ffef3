package typecheck

import "strings"

// ExpandArgIndexes rewrites a Printf format with explicit argument
// indexes (`%d %[1]x`, `%[2]*[1]d`) into one that takes its arguments in
// order, and returns for each argument the new format takes the index of
// the one of the n given that it is (repeated where the format uses an
// argument again). The evaluator's fmt functions then label every use of
// a value with its own verb: %[1]v and %[1]T of one argument print it
// differently. It follows fmt's grammar: flags, an index, a width (`*`
// takes an argument), a precision, an index, the verb. ok is false for a
// format fmt complains about (a bad or missing index or argument), which
// is best printed as it is. A format without indexes comes back as it is,
// with order nil.
func ExpandArgIndexes(format string, n int) (expanded string, order []int, ok bool) {
	if !strings.Contains(format, "[") {
		return format, nil, true
	}
	var out strings.Builder
	order = []int{}
	argNum := 0
	// index parses "[n]" at format[i:], moving argNum there.
	index := func(i int) (int, bool, bool) {
		if i >= len(format) || format[i] != '[' {
			return i, false, true
		}
		end := strings.IndexByte(format[i:], ']')
		if end < 2 {
			return i, false, false
		}
		k := 0
		for _, c := range format[i+1 : i+end] {
			if c < '0' || c > '9' || k > 1e6 {
				return i, false, false
			}
			k = k*10 + int(c-'0')
		}
		if k < 1 || k > n {
			return i, false, false
		}
		argNum = k - 1
		return i + end + 1, true, true
	}
	// take appends the next argument, for a `*` or a verb.
	take := func() bool {
		if argNum >= n {
			return false
		}
		order = append(order, argNum)
		argNum++
		return true
	}
	digits := func(i int) int {
		for i < len(format) && format[i] >= '0' && format[i] <= '9' {
			out.WriteByte(format[i])
			i++
		}
		return i
	}
	// starOrDigits copies a width or precision at i: a `*`, which takes
	// an argument, or digits.
	starOrDigits := func(i int) (next int, star, ok bool) {
		if i < len(format) && format[i] == '*' {
			out.WriteByte('*')
			return i + 1, true, take()
		}
		return digits(i), false, true
	}
	for i := 0; i < len(format); {
		c := format[i]
		out.WriteByte(c)
		i++
		if c != '%' {
			continue
		}
		for i < len(format) && strings.IndexByte("#0+- ", format[i]) >= 0 {
			out.WriteByte(format[i])
			i++
		}
		var after bool
		if i, after, ok = index(i); !ok {
			return format, nil, false
		}
		j, isStar, ok := starOrDigits(i)
		switch {
		case !ok, !isStar && j > i && after: // fmt: a width after an index is bad
			return format, nil, false
		case isStar:
			after = false
		}
		i = j
		if i < len(format) && format[i] == '.' {
			out.WriteByte('.')
			i++
			if after {
				return format, nil, false
			}
			if i, after, ok = index(i); !ok {
				return format, nil, false
			}
			if i, isStar, ok = starOrDigits(i); !ok {
				return format, nil, false
			}
			after = after && !isStar
		}
		if !after {
			if i, _, ok = index(i); !ok {
				return format, nil, false
			}
		}
		if i >= len(format) {
			return format, nil, false // fmt: %!(NOVERB)
		}
		verb := format[i]
		out.WriteByte(verb)
		i++
		if verb == '%' {
			continue // takes no argument
		}
		if verb >= 0x80 || !take() {
			return format, nil, false // a multibyte verb: leave the format as it is
		}
	}
	return out.String(), order, true
}
