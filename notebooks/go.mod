module golessons/lessons

go 1.22

// The module versions the lessons import; the classroom image ships them.
require (
	golang.org/x/sync v0.25.0
	golang.org/x/time v0.16.0
)
