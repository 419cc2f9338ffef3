"""jupyter_kernel_test's protocol checks with a Go sample set.

The generic suite validates every reply against the 5.x message schema; the
samples below are what a Go student would type."""

from __future__ import annotations

import os
import unittest

import jupyter_kernel_test as jkt

KERNEL = os.environ.get("GOLESSONS_TEST_KERNEL", "golessons")


class GoKernelTests(jkt.KernelTests):
    kernel_name = KERNEL
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'
    code_stderr = 'import ("fmt"; "os")\nfmt.Fprintln(os.Stderr, "oops")'

    completion_samples = [
        {"text": "fmt.Print", "matches": {"Print", "Printf", "Println"}},
        {"text": "strings.ToUp", "matches": {"ToUpper", "ToUpperSpecial"}},
        {"text": "fmt.Sprin", "matches": {"Sprint", "Sprintf", "Sprintln"}},
    ]

    complete_code_samples = ["x := 1", 'import "fmt"\nfmt.Println("hi")', "func f() int { return 1 }", "for i := range 3 {\n\t_ = i\n}"]
    incomplete_code_samples = ["func f() {", "for i := 0; i < 3; i++ {", 'fmt.Println("a",', "type T struct {"]
    invalid_code_samples = ["x := )", "}", "x := 1 2"]

    # Go has no pager payloads.
    code_page_something = ""

    code_generate_error = 'panic("this cell fails")'

    code_execute_result = [
        {"code": "40 + 2 // jkt history sample", "result": "42"},
        {"code": 'import "strings"\nstrings.ToUpper("go")', "result": '"GO"'},
        {"code": "7 / 2", "result": "3"},
        {"code": "len([]int{4, 5})", "result": "2"},
    ]

    code_display_data = [
        {"code": 'import "golessons/display"\ndisplay.HTML("<b>hi</b>")', "mime": "text/html"},
        {"code": 'import "golessons/display"\ndisplay.Markdown("*hi*")', "mime": "text/markdown"},
        {"code": 'import "golessons/display"\ndisplay.SVG(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)', "mime": "image/svg+xml"},
    ]

    # glob as in IPython's history search; matches the first execute_result sample
    code_history_pattern = "40 + 2 // jkt*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "fmt.Println"

    code_clear_output = 'import "golessons/display"\ndisplay.Clear(false)'


if __name__ == "__main__":
    unittest.main()
