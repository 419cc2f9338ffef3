"""Go modules in cells: `import "<module>/<package>"` fetches the module from
GOPROXY (a file:// proxy made here, and the real proxy), verifies it, keeps it
in the module cache shared by kernels, pins versions from a go.mod, and says
clearly what cannot work."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

GREET_V1 = 'package greet\n\n// Hello greets.\nfunc Hello() string { return "hello v1.0" }\n'
GREET_V11 = 'package greet\n\n// Hello greets.\nfunc Hello() string { return "hello v1.1" }\n'


def publish(proxy: Path, path: str, version: str, files: dict[str, str]) -> None:
    """Writes path@version into a GOPROXY folder: list, .info, .mod, .zip."""
    files = dict(files)
    files.setdefault("go.mod", f"module {path}\n\ngo 1.21\n")
    d = proxy / path / "@v"
    d.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(d / f"{version}.zip", "w") as z:
        for name, body in sorted(files.items()):
            z.writestr(f"{path}@{version}/{name}", body)
    (d / f"{version}.mod").write_text(files["go.mod"])
    (d / f"{version}.info").write_text(json.dumps({"Version": version, "Time": "2026-01-02T03:04:05Z"}))
    with open(d / "list", "a") as f:
        f.write(version + "\n")


@pytest.fixture(scope="module")
def proxy(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("goproxy")
    publish(p, "example.com/greet", "v1.0.0", {"greet.go": GREET_V1})
    publish(p, "example.com/greet", "v1.1.0", {"greet.go": GREET_V11})
    publish(p, "example.com/hard", "v0.1.0", {
        "cgo/c.go": 'package cgo\n\n// int one() { return 1; }\nimport "C"\n\nfunc One() int { return int(C.one()) }\n',
        "asm/sum.go": "package asm\n\n// Sum is in sum_amd64.s.\nfunc Sum(xs []int) int\n",
        "asm/sum_amd64.s": "TEXT ·Sum(SB),4,$0\n\tRET\n",
        "ptr/ptr.go": 'package ptr\n\nimport "unsafe"\n\nfunc Size() uintptr { var x int; return unsafe.Sizeof(x) }\n',
        # Range over a func (Go 1.23): yaegi v0.16 cannot compile it.
        "iter/seq.go": "package iter\n\nfunc Count(yield func(int) bool) {\n\tfor i := 0; i < 3 && yield(i); i++ {\n\t}\n}\n\n"
                       "func Sum() int {\n\ts := 0\n\tfor i := range Count {\n\t\ts += i\n\t}\n\treturn s\n}\n",
    })
    return p


def module_env(proxy: Path, cache: Path, **extra: str) -> dict[str, str]:
    env = {
        "GOPROXY": "file://" + str(proxy),
        "GOSUMDB": "off",  # a file proxy serves no checksum database
        "GOMODCACHE": str(cache),
        "GOFLAGS": "-modcacherw",  # lets pytest remove the cache
        "GOLESSONS_MODCACHE": "",
        "GONOSUMDB": "",
        "GOPRIVATE": "",
    }
    env.update(extra)
    return env


def test_first_import_fetches_from_file_proxy_and_later_kernels_use_cache_offline(make_kernel, proxy, tmp_path):
    cache = tmp_path / "mod"
    nb = tmp_path / "nb"
    nb.mkdir()
    k = make_kernel(env=module_env(proxy, cache), cwd=str(nb))
    r = k.execute('import "example.com/greet"\ngreet.Hello()').ok()
    assert r.result_text == '"hello v1.1"', r.describe()  # latest release
    assert "example.com/greet v1.1.0" in r.stderr and "downloaded from file://" in r.stderr, r.describe()
    assert (cache / "cache/download/example.com/greet/@v/v1.1.0.zip").is_file()
    assert (cache / "example.com/greet@v1.1.0/greet.go").is_file()
    r = k.execute('import "example.com/greet"\ngreet.Hello()').ok()
    assert "example.com/greet" not in r.stderr, "the notice is for the first import only: " + r.describe()
    k.close()

    k2 = make_kernel(env=module_env(proxy, cache, GOPROXY="off"), cwd=str(nb))
    r = k2.execute('import "example.com/greet"\ngreet.Hello()').ok()
    assert r.result_text == '"hello v1.1"', r.describe()
    assert "example.com/greet v1.1.0" in r.stderr and "from the module cache" in r.stderr, r.describe()
    r = k2.execute('import "golessons/modules"\nmodules.List()').ok()
    assert r.result_text == "example.com/greet v1.1.0", r.describe()
    k2.close()


def test_go_mod_in_notebook_folder_pins_the_version(make_kernel, proxy, tmp_path):
    nb = tmp_path / "nb"
    nb.mkdir()
    (nb / "go.mod").write_text("module lessons\n\ngo 1.22\n\nrequire example.com/greet v1.0.0\n")
    k = make_kernel(env=module_env(proxy, tmp_path / "mod"), cwd=str(nb))
    r = k.execute('import "example.com/greet"\ngreet.Hello()').ok()
    assert r.result_text == '"hello v1.0"', r.describe()
    assert "example.com/greet v1.0.0" in r.stderr and f"pinned by {nb / 'go.mod'}" in r.stderr, r.describe()
    r = k.execute('import "golessons/modules"\nmodules.List()').ok()
    assert r.result_text == f"example.com/greet v1.0.0  (pinned by {nb / 'go.mod'})", r.describe()
    k.close()


def test_go_mod_in_teachers_packages_folder_pins_when_the_notebook_folder_has_none(make_kernel, proxy, tmp_path):
    teacher = tmp_path / "class-packages"
    teacher.mkdir()
    (teacher / "go.mod").write_text("module class\n\ngo 1.22\n\nrequire example.com/greet v1.0.0\n")
    nb = tmp_path / "nb"
    nb.mkdir()
    k = make_kernel(env=module_env(proxy, tmp_path / "mod", GOLESSONS_PACKAGES=str(teacher)), cwd=str(nb))
    r = k.execute('import "example.com/greet"\ngreet.Hello()').ok()
    assert r.result_text == '"hello v1.0"' and f"pinned by {teacher / 'go.mod'}" in r.stderr, r.describe()
    k.close()


def test_go_sum_mismatch_is_refused(make_kernel, proxy, tmp_path):
    nb = tmp_path / "nb"
    nb.mkdir()
    (nb / "go.mod").write_text("module lessons\n\ngo 1.22\n\nrequire example.com/greet v1.0.0\n")
    (nb / "go.sum").write_text("example.com/greet v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")
    cache = tmp_path / "mod"
    k = make_kernel(env=module_env(proxy, cache), cwd=str(nb))
    r = k.execute('import "example.com/greet"')
    assert r.status == "error" and r.content["ename"] == "ImportError", r.describe()
    assert "SECURITY ERROR" in r.error_text and "checksum mismatch for example.com/greet v1.0.0" in r.error_text, r.describe()
    assert not (cache / "example.com/greet@v1.0.0").exists()
    k.close()


def test_no_network_names_proxy_and_cache_and_cached_modules_still_work(make_kernel, proxy, tmp_path):
    cache = tmp_path / "mod"
    k = make_kernel(env=module_env(proxy, cache), cwd=str(tmp_path))
    k.execute('import "example.com/greet"').ok()
    k.close()
    # Port 9 on localhost: nothing listens, the connection is refused at once.
    k = make_kernel(env=module_env(proxy, cache, GOPROXY="http://127.0.0.1:9"), cwd=str(tmp_path))
    r = k.execute('import "example.com/nothere/pkg"')
    assert r.status == "error" and r.content["ename"] == "ImportError", r.describe()
    assert "cannot reach the module proxy http://127.0.0.1:9" in r.error_text, r.describe()
    assert str(cache) in r.error_text, r.describe()
    r = k.execute('import "example.com/greet"\ngreet.Hello()').ok()
    assert r.result_text == '"hello v1.1"', r.describe()
    k.close()


@pytest.mark.parametrize(
    "pkg, reason",
    [
        ("example.com/hard/cgo", "needs cgo"),
        ("example.com/hard/asm", "func Sum in sum.go has no Go body (it is written in assembly"),
        ("example.com/hard/ptr", "uses package unsafe"),
        ("example.com/greet/nested", "no module provides package example.com/greet/nested"),
        ("example.com/hard/iter", "(module example.com/hard v0.1.0) cannot be interpreted: the interpreter fails on its source:"),
    ],
)
def test_package_that_cannot_be_interpreted_is_named_with_the_reason(make_kernel, proxy, tmp_path, pkg, reason):
    k = make_kernel(env=module_env(proxy, tmp_path / "mod"), cwd=str(tmp_path))
    r = k.execute(f'import "{pkg}"', timeout=60)
    assert r.status == "error" and r.content["ename"] == "ImportError", r.describe()
    assert pkg in r.error_text and reason in r.error_text, r.describe()
    # Only the kernel's notice on stderr: no interpreter log lines.
    assert all(line.startswith("go: ") for line in r.stderr.splitlines()), r.describe()
    k.close()


def test_completion_and_docs_cover_a_fetched_package(make_kernel, proxy, tmp_path):
    k = make_kernel(env=module_env(proxy, tmp_path / "mod"), cwd=str(tmp_path))
    k.execute('import "example.com/greet"').ok()
    code = "greet.He"
    c = k.request("shell", "complete_request", {"code": code, "cursor_pos": len(code)}).content
    assert "Hello" in c["matches"], c
    code = "greet.Hello"
    r = k.request("shell", "inspect_request", {"code": code, "cursor_pos": len(code), "detail_level": 0}).content
    assert r["found"], r
    text = r["data"]["text/plain"]
    assert "func Hello() string" in text and "Hello greets." in text, text
    code = "modules.Li"
    k.execute('import "golessons/modules"').ok()
    c = k.request("shell", "complete_request", {"code": code, "cursor_pos": len(code)}).content
    assert "List" in c["matches"], c
    k.close()


def test_image_module_cache_made_by_modules_download_serves_offline_kernels(make_kernel, kernelspec, proxy, tmp_path):
    """What the Dockerfile does: `golessons modules download --cache DIR` from a
    file proxy, then kernels with GOLESSONS_MODCACHE=DIR and no network."""
    import subprocess

    image_cache = tmp_path / "image-cache"
    env = dict(os.environ, **module_env(proxy, tmp_path / "unused"))
    out = subprocess.run([kernelspec.argv[0], "modules", "download", "--cache", str(image_cache), "example.com/greet@v1.0.0"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("example.com/greet v1.0.0\t"), out
    bad = subprocess.run([kernelspec.argv[0], "modules", "download", "example.com/greet"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "PATH@VERSION" in bad.stderr, bad
    user_cache = tmp_path / "home-cache"
    k = make_kernel(env=module_env(proxy, user_cache, GOPROXY="off", GOLESSONS_MODCACHE=str(image_cache)), cwd=str(tmp_path))
    r = k.execute('import "example.com/greet"\ngreet.Hello()').ok()
    assert r.result_text == '"hello v1.0"', r.describe()
    assert f"from the module cache" in r.stderr and str(image_cache) in r.stderr, r.describe()
    assert not user_cache.exists(), "nothing should be written to the user's cache"
    k.close()


# ---- the real module proxy (CI reaches it) --------------------------------

ERRGROUP = """
import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

g, ctx := errgroup.WithContext(context.Background())
g.Go(func() error { return errors.New("task 1 failed") })
g.Go(func() error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(20 * time.Second):
		return errors.New("not cancelled")
	}
})
fmt.Println(g.Wait(), "/", ctx.Err())
"""

SEMAPHORE = """
import (
	"context"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/semaphore"
)

sem := semaphore.NewWeighted(2)
var running, peak atomic.Int32
var wg sync.WaitGroup
for i := 0; i < 8; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		sem.Acquire(context.Background(), 1)
		defer sem.Release(1)
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		for j := 0; j < 100000; j++ {
		}
		running.Add(-1)
	}()
}
wg.Wait()
peak.Load() <= 2
"""

RATE = """
import "golang.org/x/time/rate"

lim := rate.NewLimiter(rate.Limit(1), 3)
ok := 0
for i := 0; i < 5; i++ {
	if lim.Allow() {
		ok++
	}
}
ok
"""


@pytest.fixture(scope="module")
def real_proxy_kernel(make_kernel, tmp_path_factory):
    """A kernel with the default GOPROXY and GOSUMDB and an empty cache."""
    cache = tmp_path_factory.mktemp("realmod") / "mod"
    env = {"GOMODCACHE": str(cache), "GOFLAGS": "-modcacherw", "GOLESSONS_MODCACHE": "",
           "GOPROXY": "https://proxy.golang.org,direct", "GOSUMDB": "sum.golang.org",
           "GONOSUMDB": "", "GOPRIVATE": "", "GONOPROXY": ""}
    k = make_kernel(env=env, cwd=str(tmp_path_factory.mktemp("nb")))
    yield k, cache
    k.close()


def test_errgroup_from_real_proxy_cancels_on_first_error(real_proxy_kernel):
    k, cache = real_proxy_kernel
    r = k.execute(ERRGROUP, timeout=180).ok()
    assert r.stdout == "task 1 failed / context canceled\n", r.describe()
    assert "golang.org/x/sync v0." in r.stderr and "downloaded from https://proxy.golang.org" in r.stderr, r.describe()
    # Verified against the checksum database: its tiles are cached where the go command keeps them.
    assert (cache / "cache/download/sumdb/sum.golang.org").is_dir()


def test_semaphore_from_real_proxy_bounds_parallelism(real_proxy_kernel):
    k, _ = real_proxy_kernel
    r = k.execute(SEMAPHORE, timeout=180).ok()
    assert r.result_text == "true", r.describe()


def test_rate_limiter_from_real_proxy(real_proxy_kernel):
    k, _ = real_proxy_kernel
    r = k.execute(RATE, timeout=180).ok()
    assert r.result_text == "3", r.describe()
    assert "golang.org/x/time v0." in r.stderr, r.describe()


# ---- the lesson -----------------------------------------------------------


def test_structured_concurrency_lesson_runs_and_tells_its_story():
    import re

    import nbformat
    from nbclient import NotebookClient

    notebooks = Path(__file__).resolve().parents[2] / "notebooks"
    nb = nbformat.read(notebooks / "04-structured-concurrency.ipynb", as_version=4)
    NotebookClient(nb, kernel_name="golessons", timeout=300, allow_errors=True,
                   resources={"metadata": {"path": str(notebooks)}}).execute()

    def outputs(tag):
        cell = next(c for c in nb.cells if tag in c.get("metadata", {}).get("tags", []))
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, (tag, errors)
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        results = [o.data for o in cell.outputs if o.output_type == "execute_result"]
        assert results, (tag, cell.outputs)
        return text, results[-1]

    summary = re.compile(r"(\d+) calls in ([\d.]+) s, up to (\d+) at once")
    _, data = outputs("imports")
    assert "golang.org/x/sync v0.25.0" in data["text/plain"] and "pinned by" in data["text/plain"], data
    _, data = outputs("group")
    assert summary.search(data["text/plain"]).group(3) == "4" and "<svg" in data["image/svg+xml"], data
    text, data = outputs("withcontext")
    assert text.count("context canceled") == 2 and "footer -> footer: server said 503" in text, text
    assert "g.Wait() returned footer: server said 503" in data["text/plain"], data
    assert float(summary.search(data["text/plain"]).group(2)) < 2.9, "the 3 s task was not cancelled: " + data["text/plain"]
    for tag in ("semaphore", "setlimit"):
        _, data = outputs(tag)
        m = summary.search(data["text/plain"])
        assert m.group(1) == "8" and m.group(3) == "3", data["text/plain"]
    _, data = outputs("rate")
    assert summary.search(data["text/plain"]).group(3) == "1", data["text/plain"]
