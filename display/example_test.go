package display_test

import "golessons/display"

// With no publisher installed, a display prints its text/plain form.
func ExampleAny() {
	display.Any("hello")
	display.Any([]string{"a", "b"})
	display.HTML("<b>bold</b>")
	// Output:
	// "hello"
	// [a b]
	// <b>bold</b>
}
