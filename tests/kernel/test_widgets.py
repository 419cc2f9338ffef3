"""Widgets in Go cells: golessons/widgets models kept in step with the
frontend over Jupyter comms (target jupyter.widget, protocol 2), driven
here through jupyter_client the way JupyterLab's widget manager drives them."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kernelharness import DEFAULT_TIMEOUT

VIEW = "application/vnd.jupyter.widget-view+json"


def opens(res, model_name):
    return [
        m["content"]
        for m in res.of_type("comm_open")
        if m["content"]["data"]["state"].get("_model_name") == model_name
    ]


def send_comm(kernel, msg_type, content):
    kc = kernel.kc
    msg = kc.session.msg(msg_type, content)
    kc.shell_channel.send(msg)
    r = kernel.collect(msg["header"]["msg_id"], timeout=10, want_reply=False)
    # The runner's answer may come before or after idle: keep it either way.
    kernel.stray.extend(r.of_type("comm_msg", "stream"))
    return r


def wait_comm(kernel, comm_id, method, timeout=10.0):
    def pred(m):
        return (
            m["msg_type"] == "comm_msg"
            and m["content"]["comm_id"] == comm_id
            and m["content"]["data"].get("method") == method
        )

    m = kernel.wait_stray(pred, timeout)
    assert m is not None, f"no {method} on comm {comm_id}; stray: " + repr(
        [(s["msg_type"], str(s["content"])[:150]) for s in kernel.stray][-10:]
    )
    kernel.stray.remove(m)
    return m


def value_of(kernel, expr):
    return kernel.execute(expr).ok().result_text


@pytest.fixture(scope="module")
def wkernel(make_kernel):
    k = make_kernel()
    k.execute('import ("fmt"; "golessons/widgets")\n_ = fmt.Sprint').ok()
    yield k
    k.close()


def test_slider_opens_comm_with_state_and_displays_view(wkernel):
    r = wkernel.execute('s := widgets.NewIntSlider("n", 1, 10, 3)\ns.Show()').ok()
    [op] = opens(r, "IntSliderModel")
    assert op["target_name"] == "jupyter.widget"
    st = op["data"]["state"]
    assert st["_model_module"] == "@jupyter-widgets/controls"
    assert st["_model_module_version"] == "2.0.0"
    assert (st["min"], st["max"], st["value"], st["description"]) == (1, 10, 3, "n")
    assert op["data"]["buffer_paths"] == []
    [layout] = opens(r, "LayoutModel")
    assert st["layout"] == "IPY_MODEL_" + layout["comm_id"]
    meta = [m["metadata"] for m in r.of_type("comm_open")]
    assert all(md.get("version") == "2.1.0" for md in meta), meta
    [disp] = r.of_type("display_data")
    view = disp["content"]["data"][VIEW]
    assert view == {"version_major": 2, "version_minor": 0, "model_id": op["comm_id"]}
    assert "IntSlider" in disp["content"]["data"]["text/plain"]


def test_widget_as_final_value_shows_its_view(wkernel):
    r = wkernel.execute('widgets.NewCheckbox("ok", true)').ok()
    [op] = opens(r, "CheckboxModel")
    [res] = r.of_type("execute_result")
    assert res["content"]["data"][VIEW]["model_id"] == op["comm_id"]
    assert res["content"]["data"]["text/plain"] == "Checkbox(value=true)"


def test_frontend_update_reaches_go_and_is_echoed(wkernel):
    r = wkernel.execute('s2 := widgets.NewIntSlider("m", 0, 100, 5)\nvar seen []int\ns2.OnChange(func(v int) { seen = append(seen, v) })').ok()
    [op] = opens(r, "IntSliderModel")
    cid = op["comm_id"]
    wkernel.stray.clear()
    send_comm(wkernel, "comm_msg", {"comm_id": cid, "data": {"method": "update", "state": {"value": 42}, "buffer_paths": []}})
    echo = wait_comm(wkernel, cid, "echo_update")
    assert echo["content"]["data"]["state"] == {"value": 42}
    assert value_of(wkernel, "s2.Value()") == "42"
    assert value_of(wkernel, "fmt.Sprint(seen)") == '"[42]"'


def test_go_update_reaches_frontend(wkernel):
    r = wkernel.execute('s3 := widgets.NewIntSlider("k", 0, 9, 1)').ok()
    [op] = opens(r, "IntSliderModel")
    r = wkernel.execute("s3.SetValue(7)").ok()
    ups = [
        m["content"]
        for m in r.of_type("comm_msg")
        if m["content"]["comm_id"] == op["comm_id"] and m["content"]["data"]["method"] == "update"
    ]
    assert ups and ups[-1]["data"]["state"] == {"value": 7}, r.describe()


def test_button_click_runs_callback_after_cell_into_output(wkernel):
    r = wkernel.execute(
        'b := widgets.NewButton("go")\nout := widgets.NewOutput()\nclicks := 0\n'
        'b.OnClick(func() { clicks++; out.Println("click", clicks) })\nwidgets.Show(b, out)'
    ).ok()
    [bop] = opens(r, "ButtonModel")
    [oop] = opens(r, "OutputModel")
    assert oop["data"]["state"]["_model_module"] == "@jupyter-widgets/output"
    assert oop["data"]["state"]["_model_module_version"] == "1.0.0"
    assert len(r.of_type("display_data")) == 2
    wkernel.stray.clear()
    for _ in range(2):
        send_comm(wkernel, "comm_msg", {"comm_id": bop["comm_id"], "data": {"method": "custom", "content": {"event": "click"}}})
    upd = wait_comm(wkernel, oop["comm_id"], "update")
    if len(upd["content"]["data"]["state"]["outputs"]) < 2:
        upd = wait_comm(wkernel, oop["comm_id"], "update")
    outs = upd["content"]["data"]["state"]["outputs"]
    assert [o["text"] for o in outs] == ["click 1\n", "click 2\n"]
    assert outs[0]["output_type"] == "stream"
    assert value_of(wkernel, "clicks") == "2"


def test_callback_print_goes_under_last_cell(wkernel):
    r = wkernel.execute('t := widgets.NewText("t", "")\nt.OnChange(func(s string) { fmt.Println("typed", s) })').ok()
    [op] = opens(r, "TextModel")
    wkernel.stray.clear()
    send_comm(wkernel, "comm_msg", {"comm_id": op["comm_id"], "data": {"method": "update", "state": {"value": "hi"}, "buffer_paths": []}})
    m = wkernel.wait_stray(lambda m: m["msg_type"] == "stream" and "typed hi" in m["content"]["text"], 10)
    assert m is not None, wkernel.stray


def test_request_state_and_request_states(wkernel):
    r = wkernel.execute('d := widgets.NewDropdown("pick", []string{"a", "b", "c"}, "b")').ok()
    [op] = opens(r, "DropdownModel")
    assert op["data"]["state"]["_options_labels"] == ["a", "b", "c"]
    assert op["data"]["state"]["index"] == 1
    wkernel.stray.clear()
    send_comm(wkernel, "comm_msg", {"comm_id": op["comm_id"], "data": {"method": "request_state"}})
    full = wait_comm(wkernel, op["comm_id"], "update")
    assert full["content"]["data"]["state"]["index"] == 1
    assert full["content"]["data"]["state"]["_model_name"] == "DropdownModel"

    # A frontend that (re)connects opens the control comm and asks for all.
    send_comm(wkernel, "comm_open", {"comm_id": "ctl1", "target_name": "jupyter.widget.control", "data": {}})
    send_comm(wkernel, "comm_msg", {"comm_id": "ctl1", "data": {"method": "request_states"}})
    states = wait_comm(wkernel, "ctl1", "update_states")["content"]["data"]
    s = states["states"][op["comm_id"]]
    assert s["model_name"] == "DropdownModel"
    assert s["model_module_version"] == "2.0.0"
    assert s["state"]["index"] == 1
    names = {v["model_name"] for v in states["states"].values()}
    assert {"IntSliderModel", "ButtonModel", "OutputModel", "LayoutModel"} <= names
    assert op["comm_id"] in states["buffer_paths"]

    send_comm(wkernel, "comm_msg", {"comm_id": op["comm_id"], "data": {"method": "update", "state": {"index": 2}, "buffer_paths": []}})
    wait_comm(wkernel, op["comm_id"], "echo_update")
    assert value_of(wkernel, "d.Value()") == '"c"'


def test_unknown_target_still_refused(wkernel):
    r = send_comm(wkernel, "comm_open", {"comm_id": "zz", "target_name": "jupyter.widget", "data": {"state": {}}})
    closes = [m for m in r.of_type("comm_close") if m["content"]["comm_id"] == "zz"]
    assert closes, r.describe()


def test_comm_reaches_runner_while_cell_runs(wkernel):
    r = wkernel.execute('c := widgets.NewCheckbox("on", false)\ngot := make(chan bool, 1)\nc.OnChange(func(v bool) { got <- v })').ok()
    [op] = opens(r, "CheckboxModel")
    kc = wkernel.kc
    msg_id = kc.execute('v := <-got\nv')
    # Sent without waiting for its idle: the execute reply must not be read here.
    kc.shell_channel.send(kc.session.msg("comm_msg", {
        "comm_id": op["comm_id"], "data": {"method": "update", "state": {"value": True}, "buffer_paths": []}}))
    res = wkernel.collect(msg_id, timeout=DEFAULT_TIMEOUT).ok()
    assert res.result_text == "true"


def test_interact_redraws_on_change(wkernel):
    r = wkernel.execute(
        'n := widgets.NewIntSlider("n", 1, 5, 2)\n'
        'mode := widgets.NewToggleButtons("how", []string{"x", "y"}, "x")\n'
        'box, err := widgets.Interact(func(k int, m string) string { return fmt.Sprint(m, k) }, n, mode)\n'
        'if err != nil { panic(err) }\nbox.Show()'
    ).ok()
    [sl] = [o for o in opens(r, "IntSliderModel") if o["data"]["state"]["description"] == "n"]
    [out] = opens(r, "OutputModel")
    first = [m for m in r.of_type("comm_msg") if m["content"]["comm_id"] == out["comm_id"]]
    assert first[-1]["content"]["data"]["state"]["outputs"][0]["data"]["text/plain"] == "x2"
    wkernel.stray.clear()
    send_comm(wkernel, "comm_msg", {"comm_id": sl["comm_id"], "data": {"method": "update", "state": {"value": 4}, "buffer_paths": []}})
    upd = wait_comm(wkernel, out["comm_id"], "update")
    assert upd["content"]["data"]["state"]["outputs"][0]["data"]["text/plain"] == "x4"


def test_interact_rejects_mismatched_func(wkernel):
    r = wkernel.execute('_, e := widgets.Interact(func(s string) {}, widgets.NewIntSlider("n", 0, 1, 0))\ne.Error()').ok()
    assert "parameter 1" in r.result_text and "int" in r.result_text, r.result_text


def test_restart_closes_widget_comms(make_kernel):
    k = make_kernel()
    try:
        r = k.execute('import "golessons/widgets"\nwidgets.NewLabel("hi").Show()').ok()
        [op] = opens(r, "LabelModel")
        res = k.request("shell", "shutdown_request", {"restart": True}, timeout=30)
        closed = {m["content"]["comm_id"] for m in res.of_type("comm_close")}
        assert op["comm_id"] in closed, res.describe()
        info = k.request("shell", "comm_info_request", {})
        assert info.content["comms"] == {}
    finally:
        k.close()


# ---- the lesson ------------------------------------------------------------------------

LESSON = Path(__file__).resolve().parents[2] / "notebooks" / "05-live-timeline.ipynb"
STATE_MIME = "application/vnd.jupyter.widget-state+json"


def widget_state(nb):
    return nb.metadata["widgets"][STATE_MIME]["state"]


def check_live_lesson(nb):
    cells = {t: c for c in nb.cells for t in c.get("metadata", {}).get("tags", [])}
    state = widget_state(nb)
    views = [o for o in cells["live-widgets"].outputs if VIEW in o.get("data", {})]
    assert len(views) == 1, cells["live-widgets"].outputs
    box = state[views[0]["data"][VIEW]["model_id"]]
    assert box["model_name"] == "VBoxModel"
    kids = [state[ref.removeprefix("IPY_MODEL_")] for ref in box["state"]["children"]]
    assert [k["model_name"] for k in kids] == ["IntSliderModel", "ToggleButtonsModel", "OutputModel"]
    slider, toggle, out = (k["state"] for k in kids)
    # The last cell set them from Go: the saved state shows that, and the chart was redrawn.
    assert slider["value"] == 6
    assert toggle["_options_labels"][toggle["index"]] == "OS threads"
    [chart] = out["outputs"]
    assert "<svg" in chart["data"]["image/svg+xml"]
    assert re.match(r"OS threads: 6 calls in [\d.]+ s, up to 6 at once", chart["data"]["text/plain"]), chart
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o["output_type"] == "error"]


def test_saved_lesson_shows_its_widgets():
    check_live_lesson(nbformat.read(LESSON, as_version=4))


def test_lesson_run_headless_records_widget_state():
    nb = nbformat.read(LESSON, as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
    nb.metadata.pop("widgets", None)
    NotebookClient(nb, kernel_name="golessons", timeout=120, store_widget_state=True,
                   resources={"metadata": {"path": str(LESSON.parent)}}).execute()
    check_live_lesson(nb)


def test_replaced_runner_closes_widget_comms(make_kernel):
    # Whether an interrupt replaces the runner depends on how fast the cell
    # stops; killing the runner during a cell replaces it every time.
    k = make_kernel()
    try:
        r = k.execute('import ("fmt"; "time"; "golessons/widgets")\nwidgets.NewLabel("hi").Show()').ok()
        [op] = opens(r, "LabelModel")
        msg_id = k.kc.execute('fmt.Println("sleeping")\ntime.Sleep(time.Hour)')
        started = k.wait_stray(
            lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream", DEFAULT_TIMEOUT)
        assert started is not None
        k.runner().kill()
        res = k.collect(msg_id, timeout=DEFAULT_TIMEOUT)
        assert res.content["status"] == "error"
        closed = {m["content"]["comm_id"] for m in res.of_type("comm_close")}
        assert op["comm_id"] in closed, res.describe()
        assert k.request("shell", "comm_info_request", {}).content["comms"] == {}
    finally:
        k.close()


def test_completion_and_docs_know_widgets(wkernel):
    code = "widgets.NewIntS"
    r = wkernel.request("shell", "complete_request", {"code": code, "cursor_pos": len(code)})
    assert "NewIntSlider" in [m.rsplit(".", 1)[-1] for m in r.content["matches"]], r.content
    code = "widgets.Interact"
    r = wkernel.request("shell", "inspect_request", {"code": code, "cursor_pos": len(code), "detail_level": 0})
    assert r.content["found"], r.content
    assert "redrawn" in r.content["data"]["text/plain"]
