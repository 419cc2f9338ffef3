"""The message protocol: kernel_info, busy/idle, execute_input,
execution counts, silent/store_history, unknown message types, shutdown."""

from __future__ import annotations

import json
import time

import pytest

from kernelharness import KernelTimeout, wait_gone


def test_kernelspec_fields(kernelspec):
    assert kernelspec.display_name == "Go (yaegi)"
    assert kernelspec.language == "go"
    assert kernelspec.argv[1:] == ["kernel", "-f", "{connection_file}"], kernelspec.argv
    assert kernelspec.interrupt_mode in ("signal", "message"), kernelspec.interrupt_mode
    import os

    d = kernelspec.resource_dir
    assert os.path.exists(os.path.join(d, "logo-32x32.png")), os.listdir(d)
    assert os.path.exists(os.path.join(d, "logo-64x64.png")), os.listdir(d)


def test_kernel_info_reply(kernel):
    reply = kernel.kernel_info()
    c = reply["content"]
    assert reply["msg_type"] == "kernel_info_reply"
    assert c["status"] == "ok"
    assert c["protocol_version"] == "5.4"
    assert c.get("implementation"), c
    assert c.get("implementation_version"), c
    assert isinstance(c.get("banner"), str) and c["banner"].strip(), c
    li = c["language_info"]
    assert li["name"] == "go"
    assert li["mimetype"] == "text/x-go"
    assert li["file_extension"] == ".go"
    assert li["pygments_lexer"] == "go"
    cm = li["codemirror_mode"]
    assert cm == "go" or (isinstance(cm, dict) and cm.get("name") == "go"), cm
    assert li.get("version"), li
    urls = " ".join(h["url"] for h in c.get("help_links", []))
    texts = " ".join(h["text"] for h in c.get("help_links", []))
    assert "go.dev/tour" in urls or "tour.golang.org" in urls, c.get("help_links")
    assert "go.dev/doc" in urls or "pkg.go.dev" in urls or "golang.org/doc" in urls, c.get("help_links")
    assert texts.strip()


def test_kernel_info_has_busy_idle(kernel):
    r = kernel.request("shell", "kernel_info_request", {})
    states = [m["content"]["execution_state"] for m in r.of_type("status")]
    assert states[0] == "busy" and states[-1] == "idle", states


def test_execute_busy_input_idle_order(kernel):
    code = 'fmt.Println("order check")'
    kernel.execute('import "fmt"').ok()
    r = kernel.execute(code).ok()
    types = [m["msg_type"] for m in r.msgs]
    assert types[0] == "status" and r.msgs[0]["content"]["execution_state"] == "busy", types
    assert types[-1] == "status" and r.msgs[-1]["content"]["execution_state"] == "idle", types
    assert types[1] == "execute_input", types
    ei = r.msgs[1]["content"]
    assert ei["code"] == code
    assert ei["execution_count"] == r.content["execution_count"]
    # every message of this cell carries the request as parent, same session
    for m in r.msgs:
        assert m["parent_header"]["msg_id"] == r.reply["parent_header"]["msg_id"]
        assert m["header"]["session"] == r.msgs[0]["header"]["session"]
    assert r.stdout == "order check\n"


def test_execution_count_increments(kernel):
    a = kernel.execute("x1 := 1\n_ = x1").ok().content["execution_count"]
    b = kernel.execute("x2 := 2\n_ = x2").ok().content["execution_count"]
    assert b == a + 1
    # an error still counts (ipykernel does the same)
    c = kernel.execute("undefinedName123").content["execution_count"]
    assert c == b + 1
    r = kernel.execute("1 + 1").ok()
    assert r.content["execution_count"] == c + 1
    assert r.results[0]["execution_count"] == c + 1


def test_silent_does_not_broadcast_or_count(kernel):
    before = kernel.execute("_ = 0").ok().content["execution_count"]
    r = kernel.execute('import "fmt"\nfmt.Println("silent out")\n40 + 2', silent=True).ok()
    types = [m["msg_type"] for m in r.msgs]
    assert "execute_input" not in types, types
    assert "execute_result" not in types, types
    after = kernel.execute("_ = 0").ok().content["execution_count"]
    assert after == before + 1, "silent cell must not increment the execution count"


def test_store_history_false_does_not_count(kernel):
    before = kernel.execute("_ = 0").ok().content["execution_count"]
    r = kernel.execute("3 + 4", store_history=False).ok()
    assert r.result_text == "7"
    after = kernel.execute("_ = 0").ok().content["execution_count"]
    assert after == before + 1, (before, after)


def test_store_history_false_not_in_history(kernel):
    marker = f"notStored{int(time.time() * 1000)}"
    kernel.execute(f"{marker} := 1\n_ = {marker}", store_history=False).ok()
    r = kernel.request("shell", "history_request", {"hist_access_type": "tail", "n": 20, "output": False, "raw": True})
    assert r.content["status"] == "ok"
    assert not any(marker in h[2] for h in r.content["history"]), r.content["history"]


def test_unknown_message_type_gets_error_reply(kernel):
    kc = kernel.kc
    msg = kc.session.msg("no_such_request", {"x": 1})
    kc.shell_channel.send(msg)
    deadline = time.monotonic() + 10
    reply = None
    while time.monotonic() < deadline and reply is None:
        try:
            m = kc.shell_channel.get_msg(timeout=0.5)
        except Exception:
            continue
        if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            reply = m
    assert reply is not None, "no reply to an unknown message type"
    assert reply["content"].get("status") == "error", reply
    assert kernel.kernel_info()["content"]["status"] == "ok"
    assert kernel.execute("2 * 21").ok().result_text == "42"


def test_unknown_message_type_on_control(kernel):
    r = kernel.request("control", "no_such_control_request", {})
    assert r.reply["content"].get("status") == "error", r.reply
    assert kernel.kernel_info()["content"]["status"] == "ok"


def test_user_expressions_answered(kernel):
    # Not required by the issue beyond "a reply": the reply must at least
    # carry a user_expressions dict so frontends do not choke.
    r = kernel.execute("uexp := 5\n_ = uexp", user_expressions={"a": "uexp"}).ok()
    assert isinstance(r.content.get("user_expressions"), dict)


def test_shutdown_request_on_control(fresh_kernel):
    k = fresh_kernel
    k.execute('import "fmt"\nfmt.Println(1)').ok()
    fam = k.family()
    r = k.request("control", "shutdown_request", {"restart": False})
    assert r.reply["msg_type"] == "shutdown_reply"
    assert r.reply["content"]["status"] == "ok"
    assert r.reply["content"]["restart"] is False
    left = wait_gone(fam, 10)
    assert not left, f"processes still running after shutdown: {[(p.pid, p.cmdline()) for p in left]}"


def test_restart_request_resets_state(fresh_kernel):
    k = fresh_kernel
    k.execute("var beforeRestart = 5").ok()
    k.km.restart_kernel(now=False)
    k.kc.wait_for_ready(timeout=30)
    r = k.execute("beforeRestart")
    assert r.status == "error", "state must be gone after a restart: " + r.describe()
    assert k.execute("1 + 2").ok().result_text == "3"


def test_messages_are_signed_hmac_sha256(kernel):
    # jupyter_client verifies every message it receives; this checks the
    # kernel signs with the scheme from the connection file.
    info = kernel.km.get_connection_info()
    assert info["signature_scheme"] == "hmac-sha256"
    assert info["key"]
    assert kernel.kernel_info()["content"]["status"] == "ok"
