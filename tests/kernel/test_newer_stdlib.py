"""What the standard library gained after Go 1.22 (package stdsyms), through
the kernel: cells run it, completion offers it, inspection documents it,
and a package cells cannot have is refused with the reason."""

from __future__ import annotations

from kernelharness import Kernel


def test_cell_ranges_over_strings_splitseq(kernel: Kernel):
    r = kernel.execute('import (\n\t"fmt"\n\t"strings"\n)\nfor part := range strings.SplitSeq("a,b,c", ",") { fmt.Print(part) }').ok()
    assert r.stdout == "abc", r.describe()


def test_cell_hashes_with_crypto_sha3(kernel: Kernel):
    r = kernel.execute('import (\n\t"crypto/sha3"\n\t"fmt"\n)\nfmt.Sprintf("%x", sha3.Sum256([]byte("abc")))').ok()
    assert r.result_text == '"3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"', r.describe()


def test_completion_offers_the_new_iterator_functions(kernel: Kernel):
    kernel.execute('import "strings"').ok()
    code = "strings.Split"
    c = kernel.request("shell", "complete_request", {"code": code, "cursor_pos": len(code)}).content
    done = {code[: c["cursor_start"]] + m + code[c["cursor_end"] :] for m in c["matches"]}
    assert {"strings.Split", "strings.SplitSeq", "strings.SplitAfterSeq"} <= done, c


def test_inspection_documents_os_copyfs(kernel: Kernel):
    c = kernel.request("shell", "inspect_request", {"code": "os.CopyFS", "cursor_pos": 9, "detail_level": 0}).content
    assert c["found"] is True, c
    assert "func CopyFS(dir string, fsys fs.FS) error" in c["data"]["text/plain"], c


def test_importing_an_all_generic_package_says_why(kernel: Kernel):
    r = kernel.execute('import "unique"\nunique.Make(1)')
    assert r.status == "error", r.describe()
    assert "ImportError" in r.error_text and "all generic" in r.error_text, r.describe()
