"""Bad input on the wire: wrong signatures, garbage frames, replays and live
fuzzing are dropped, logged without the key, and the kernel still answers."""

from __future__ import annotations

import random
import uuid

import pytest
import zmq

from kernelharness import wait_until
from kernelwire import DELIM, Heartbeat, RawChannel, dumps


# ---- bad input on the wire ------------------------------------------------


@pytest.fixture
def raw(kernel):
    ctx = zmq.Context.instance()
    ch = RawChannel(ctx, kernel.km.get_connection_info())
    yield ch
    ch.close()


def _good_kernel_info(raw: RawChannel) -> dict:
    msg_id = raw.send("kernel_info_request", {})
    rep = raw.reply_to(msg_id, timeout=15)
    assert rep is not None, "kernel stopped answering on shell"
    assert rep["content"]["status"] == "ok"
    return rep


def test_wrong_signature_is_dropped(kernel, raw):
    kernel.execute("var wireCounter = 0").ok()
    m = raw.msg("execute_request", {"code": "wireCounter++", "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    frames = raw.frames(m)
    bad = list(frames)
    bad[1] = b"0" * len(bad[1])  # wrong signature
    raw.send_frames(bad)
    missing = list(frames)
    missing[1] = b""  # no signature while the key is set
    raw.send_frames(missing)
    tampered = list(frames)
    tampered[5] = tampered[5].replace(b"wireCounter++", b"wireCounter+=9")  # content changed after signing
    raw.send_frames(tampered)
    _good_kernel_info(raw)
    r = kernel.execute("wireCounter").ok()
    assert r.result_text == "0", "a message with a bad signature was executed"


def test_garbage_frames(kernel, raw):
    rnd = random.Random(1)
    raw.send_frames([b""])
    raw.send_frames([b"garbage"])
    raw.send_frames([DELIM])
    raw.send_frames([DELIM, b"sig"])
    raw.send_frames([b"id1", b"id2", DELIM, b"x", b"{}", b"{}", b"{}", b"{}"])
    for _ in range(50):
        raw.send_frames([rnd.randbytes(rnd.randint(0, 200)) for _ in range(rnd.randint(1, 8))])
    _good_kernel_info(raw)
    assert kernel.kernel_info()["content"]["status"] == "ok"


def test_invalid_json_correctly_signed(kernel, raw):
    hdr = {"msg_id": uuid.uuid4().hex, "session": raw.session.session, "username": "raw", "date": "2024-01-01T00:00:00Z", "msg_type": "execute_request", "version": "5.4"}
    raw.send_frames(raw.signed(b"{not json", b"{}", b"{}", b"{}"))
    raw.send_frames(raw.signed(dumps(hdr), b"{}", b"{}", b"{\"code\": "))
    raw.send_frames(raw.signed(dumps(hdr | {"msg_id": "x2"}), b"[]", b"null", dumps({"code": 5})))
    raw.send_frames(raw.signed(b"[1,2,3]", b"{}", b"{}", b"{}"))
    raw.send_frames(raw.signed(dumps({"msg_type": 7}), b"{}", b"{}", b"{}"))
    raw.send_frames(raw.signed(b"\xff\xfe\x00", b"{}", b"{}", b"{}"))
    # signed, with too few frames
    raw.send_frames([DELIM, raw.sign([dumps(hdr)]), dumps(hdr)])
    _good_kernel_info(raw)
    assert kernel.execute("1 + 1").ok().result_text == "2"


def test_replayed_message_is_dropped(kernel, raw):
    kernel.execute("var replayCounter = 0").ok()
    m = raw.msg("execute_request", {"code": "replayCounter++", "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    frames = raw.frames(m)
    raw.send_frames(frames)
    assert raw.reply_to(m["header"]["msg_id"], timeout=30) is not None
    raw.send_frames(frames)  # byte-for-byte replay
    _good_kernel_info(raw)
    r = kernel.execute("replayCounter").ok()
    assert r.result_text == "1", "a replayed (identical, already seen) message ran again"


def test_key_never_logged(make_kernel, tmp_path):
    log = open(tmp_path / "kernel.stderr", "wb")
    k = make_kernel(stderr=log, stdout=log)
    try:
        info = k.km.get_connection_info()
        ch = RawChannel(zmq.Context.instance(), info)
        m = ch.msg("kernel_info_request", {})
        fr = ch.frames(m)
        fr[1] = b"f" * 64
        ch.send_frames(fr)
        ch.send_frames([b"garbage"])
        _good_kernel_info(ch)
        ch.close()
        k.execute("1").ok()
    finally:
        k.close()
        log.close()
    text = (tmp_path / "kernel.stderr").read_bytes()
    key = info["key"]
    key = key.decode() if isinstance(key, bytes) else key
    assert key.encode() not in text, "the HMAC key appears in the kernel's log"


def _fuzz_frames(rnd: random.Random, ch: RawChannel) -> list[bytes]:
    types = ["kernel_info_request", "execute_request", "complete_request", "inspect_request",
             "is_complete_request", "history_request", "comm_info_request", "comm_open",
             "comm_msg", "comm_close", "input_reply", "interrupt_request", "debug_request",
             "no_such_request", "", "x" * 300]
    contents = [
        {}, {"code": 5}, {"code": None}, {"code": "1+", "cursor_pos": -3}, {"code": "fmt.", "cursor_pos": 10**12},
        {"code": "x := 1", "silent": "yes", "store_history": 3, "user_expressions": []},
        {"hist_access_type": "range", "session": "a", "start": "b", "stop": None, "n": -1},
        {"hist_access_type": "search", "pattern": "[[[", "n": 10**9},
        {"comm_id": 5, "target_name": None, "data": []}, {"value": {"a": 1}}, {"restart": "maybe"},
        {"code": "é\u0000\ud7ff" * 10, "cursor_pos": 4}, {"a": [[[[[[[[[[[]]]]]]]]]]]},
        {"code": "\"" * 1000, "cursor_pos": 500},
    ]
    mode = rnd.randrange(8)
    if mode == 0:  # random frames
        return [rnd.randbytes(rnd.randint(0, 64)) for _ in range(rnd.randint(1, 8))]
    if mode == 1:  # random frames after a delimiter
        return [DELIM] + [rnd.randbytes(rnd.randint(0, 64)) for _ in range(rnd.randint(0, 8))]
    if mode == 2:  # one byte flipped in a valid message
        fr = ch.frames(ch.msg(rnd.choice(types[:10]), rnd.choice(contents)))
        i = rnd.randrange(1, len(fr))
        b = bytearray(fr[i]) or bytearray(b"\0")
        b[rnd.randrange(len(b))] ^= 1 << rnd.randrange(8)
        fr[i] = bytes(b)
        return fr
    if mode == 3:  # correctly signed, JSON of the wrong shape or type
        mt = rnd.choice(types)
        hdr = {"msg_id": uuid.uuid4().hex, "session": ch.session.session, "username": "f",
               "date": "2024-01-01T00:00:00Z", "msg_type": mt, "version": "5.4"}
        for kk in rnd.sample(list(hdr), rnd.randint(0, 3)):
            hdr[kk] = rnd.choice([None, 5, [], {}, "", "\u0000"])
        content = rnd.choice(contents)
        parent = rnd.choice([{}, [], None, {"msg_id": 1}, "x"])
        meta = rnd.choice([{}, [], None, 3])
        return ch.signed(dumps(hdr), dumps(parent), dumps(meta), dumps(content))
    if mode == 4:  # correctly signed bytes that are not JSON
        parts = [rnd.randbytes(rnd.randint(0, 40)) for _ in range(4)]
        return ch.signed(*parts)
    if mode == 5:  # truncated or extended frame lists, signed
        fr = ch.frames(ch.msg(rnd.choice(types[:9]), rnd.choice(contents)))
        if rnd.random() < 0.5:
            return fr[: rnd.randint(1, len(fr) - 1)]
        return fr + [rnd.randbytes(20) for _ in range(rnd.randint(1, 3))]
    if mode == 6:  # valid, harmless requests with odd content
        mt = rnd.choice(["complete_request", "inspect_request", "is_complete_request", "history_request", "comm_info_request", "kernel_info_request", "no_such_request"])
        return ch.frames(ch.msg(mt, rnd.choice(contents)))
    # mode 7: huge frame
    return ch.signed(dumps({"msg_id": uuid.uuid4().hex, "msg_type": "kernel_info_request", "session": "s", "username": "u", "date": "", "version": "5.4"}), b"{}", b"{}", dumps({"pad": "x" * rnd.randint(10_000, 200_000)}))


def test_live_fuzz_then_kernel_still_answers(kernel):
    kernel.execute("var fuzzAlive = 11").ok()
    pid = kernel.pid
    info = kernel.km.get_connection_info()
    ctx = zmq.Context.instance()
    chans = [RawChannel(ctx, info, p) for p in ("shell_port", "control_port", "stdin_port")]
    rnd = random.Random(20240611)
    try:
        for i in range(3000):
            ch = chans[i % 3] if rnd.random() < 0.6 else chans[0]
            ch.send_frames(_fuzz_frames(rnd, ch))
            if i % 200 == 0:
                for c in chans:
                    c.drain()
        # the kernel still answers: heartbeat, shell, control, and runs cells
        hb = Heartbeat(ctx, info)
        try:
            assert wait_until(lambda: hb.ping(2.0) is not None, 30), "heartbeat dead after fuzzing"
        finally:
            hb.close()
        msg_id = chans[0].send("kernel_info_request", {})
        assert chans[0].reply_to(msg_id, timeout=60) is not None, "no kernel_info_reply after fuzzing"
        msg_id = chans[1].send("kernel_info_request", {})
        assert chans[1].reply_to(msg_id, timeout=30) is not None, "control dead after fuzzing"
    finally:
        for c in chans:
            c.close()
    assert kernel.pid == pid and kernel.is_alive()
    assert kernel.kernel_info(timeout=30)["content"]["status"] == "ok"
    assert kernel.execute("fuzzAlive", timeout=60).ok().result_text == "11"
