"""A student's session in a real JupyterLab, in headless Chromium.

The tests run in file order against one page (session fixtures): open the
lesson → Run All → edit and re-run → Tab completion → interrupt → restart.
Each step waits on what a person would see, with a deadline, and saves a
screenshot under artifacts/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.timeout(600)

# Seconds with 7 decimals, as the lessons print timestamps (demos.Stamp).
TIMESTAMP = re.compile(r"\b\d+\.\d{7}\b")
# A line that calls a function (not fmt's) with a string literal first argument:
# worker("example_arg") in the lesson.
CALL_WITH_STRING = re.compile(r'^(\s*(?!fmt\.)[\w.]+\(\s*)"[^"\n]+"', re.M)
LONG = 120_000  # ms: Run All of the lesson sleeps ~25 s in all on a good day
CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell"
CODE_CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell"


def notebook_idle(page, timeout=LONG):
    """Wait until the kernel is idle and no code cell shows the busy prompt [*]."""
    page.wait_for_function(
        """(sel) => {
            const status = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
            const busy = [...document.querySelectorAll(sel + ' .jp-InputPrompt')]
                .some(p => p.textContent.includes('*'));
            return !busy && (!status || status.getAttribute('data-status') === 'idle');
        }""",
        arg=CODE_CELLS, timeout=timeout,
    )


def run_menu(page, menu, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).first.click()


def new_cell_at_end(page, source):
    """Add a code cell after the last cell, type `source` into it, return its locator."""
    # Select the last cell by its prompt area (the bar left of it would collapse it).
    page.locator(CELLS).last.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    count = page.locator(CELLS).count()
    page.keyboard.press("b")  # insert below, as a person does in command mode
    expect(page.locator(CELLS)).to_have_count(count + 1)
    cell = page.locator(CELLS).last
    set_source(page, cell, source)
    return cell


def set_source(page, cell, source):
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    # insert_text: no key events, so the editor adds no indentation or brackets of its own.
    page.keyboard.insert_text(source)
    expect(editor).to_contain_text(source.splitlines()[-1].strip())


def run_cell(page, cell):
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")


def cell_errors(page):
    """Error outputs (ename, evalue) of the open notebook, read from its model."""
    return page.evaluate("""() => {
        const notebook = window.jupyterapp.shell.currentWidget.content;
        const errors = [];
        notebook.widgets.forEach((cell, i) => {
            if (cell.model.type !== 'code') return;
            const outs = cell.model.outputs;
            for (let j = 0; j < outs.length; j++) {
                const o = outs.get(j).toJSON();
                if (o.output_type === 'error') errors.push({cell: i, ename: o.ename, evalue: o.evalue});
            }
        });
        return errors;
    }""")


def outputs(cell):
    return cell.locator(".jp-OutputArea-output")


def test_open_lesson_picks_go_kernel(lab, page, shot, wait_kernel_ready):
    page.goto(f"{lab.url}/lab/tree/{lab.notebook}?token={lab.token}")
    # Lab restores its layout (and may open a launcher into an empty main
    # area) while the notebook opens; on a loaded machine that can happen
    # after the notebook is shown and hide it. Once the layout is restored,
    # bring the lesson to the front, as a student clicks its tab.
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')",
                           timeout=LONG)
    page.evaluate("""async (path) => {
        await window.jupyterapp.restored;
        await window.jupyterapp.commands.execute('docmanager:open', {path});
    }""", lab.notebook)
    page.wait_for_selector(f"{CODE_CELLS} .cm-content", timeout=LONG)
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-kernelName")).to_have_text(
        "Go (yaegi)", timeout=LONG)
    # Kernel started, connected and idle: the session exists (the execution
    # indicator already reads idle before that, when a run would be dropped).
    wait_kernel_ready(page, timeout=LONG)
    shot("lesson-opened")


def test_go_syntax_highlighted(page):
    # A keyword token of a code cell has the theme's keyword colour, which plain text does not.
    result = page.evaluate(
        """(sel) => {
            const probe = document.createElement('span');
            probe.style.color = 'var(--jp-mirror-editor-keyword-color)';
            const content = document.querySelector(sel + ' .cm-content');
            content.appendChild(probe);
            const keyword = getComputedStyle(probe).color;
            probe.remove();
            const plain = getComputedStyle(content).color;
            const words = new Set(['func', 'import', 'package', 'var', 'const', 'type', 'for', 'go', 'return', 'range']);
            const spans = [...document.querySelectorAll(sel + ' .cm-content span')];
            const tokens = spans.filter(s => words.has(s.textContent.trim()))
                .map(s => ({text: s.textContent.trim(), color: getComputedStyle(s).color}));
            return {keyword, plain, tokens};
        }""",
        CODE_CELLS,
    )
    assert result["tokens"], "no Go keyword is its own highlighted token in any code cell"
    assert result["keyword"] != result["plain"]
    highlighted = [t for t in result["tokens"] if t["color"] == result["keyword"]]
    assert highlighted, f"keywords not in keyword colour {result['keyword']}: {result['tokens'][:5]}"


def test_run_all_shows_timestamps_and_timeline(page, shot):
    run_menu(page, "Run", "Run All Cells")
    # At least one cell is running, then all finish.
    page.wait_for_function(
        "(sel) => [...document.querySelectorAll(sel + ' .jp-InputPrompt')].some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))",
        arg=CODE_CELLS, timeout=LONG)
    notebook_idle(page)
    cells = page.locator(CODE_CELLS)
    n = cells.count()
    prompts = [cells.nth(i).locator(".jp-InputPrompt").inner_text() for i in range(n)]
    assert all(re.search(r"\[\d+\]", p) for p in prompts), f"not every cell ran: {prompts}"
    errors = cell_errors(page)
    assert not errors, f"cells failed: {errors}"
    text = "\n".join(page.locator(f"{CODE_CELLS} .jp-OutputArea").all_inner_texts())
    assert len(TIMESTAMP.findall(text)) >= 2, f"no timestamped worker output:\n{text[:2000]}"
    assert "Sleep Done" in text
    svg = page.locator(f"{CODE_CELLS} .jp-RenderedSVG")
    expect(svg.first).to_be_visible()
    # The chart is rendered as an SVG image (JupyterLab puts it in an <img>).
    box = svg.first.locator("img, svg").first.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 20, box
    svg.first.scroll_into_view_if_needed()
    shot("run-all-timeline")


def test_edit_argument_and_rerun(page, shot):
    # Change the string argument of the first call that takes one (in the lesson,
    # the worker's label) and run that cell again, as the lesson invites.
    cells = page.locator(CODE_CELLS)
    target = None
    for i in range(cells.count()):
        src = cells.nth(i).locator(".cm-content").inner_text()
        if CALL_WITH_STRING.search(src):
            target, source = cells.nth(i), src
            break
    assert target is not None, "no code cell calls a function with a string argument"
    before = outputs(target).all_inner_texts()
    edited = CALL_WITH_STRING.sub(r'\1"edited-by-browser"', source, count=1)
    set_source(page, target, edited)
    run_cell(page, target)
    expect(target.locator(".jp-OutputArea")).to_contain_text("edited-by-browser", timeout=LONG)
    notebook_idle(page)
    after = "\n".join(outputs(target).all_inner_texts())
    assert TIMESTAMP.search(after), after
    assert after != "\n".join(before)
    target.scroll_into_view_if_needed()
    shot("edited-rerun")


def test_tab_completion_popup(page, shot):
    cell = new_cell_at_end(page, 'import "strings"\nstrings.')
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Tab")
    completer = page.locator(".jp-Completer")
    expect(completer).to_be_visible(timeout=30_000)
    items = completer.locator(".jp-Completer-item")
    expect(items.first).to_be_visible()
    labels = items.all_inner_texts()
    assert any("Contains" in label for label in labels), labels[:20]
    shot("completion-popup")
    page.keyboard.press("Escape")


def test_interrupt_long_cell(page, shot):
    cell = new_cell_at_end(page, 'import "time"\nfmt.Println("sleeping")\ntime.Sleep(10 * time.Minute)\nfmt.Println("woke up")')
    run_cell(page, cell)
    expect(cell.locator(".jp-OutputArea")).to_contain_text("sleeping", timeout=30_000)
    expect(cell.locator(".jp-InputPrompt")).to_contain_text("*")
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) jp-button[data-command='notebook:interrupt-kernel']").click()
    expect(cell.locator(".jp-OutputArea")).to_contain_text("Interrupted", timeout=30_000)
    notebook_idle(page, timeout=30_000)
    assert "woke up" not in cell.locator(".jp-OutputArea").inner_text()
    shot("interrupted")


def test_restart_and_run_again(page, shot):
    before = new_cell_at_end(page, "declaredBeforeRestart := 7\ndeclaredBeforeRestart * 6")
    run_cell(page, before)
    expect(before.locator(".jp-OutputArea")).to_contain_text("42", timeout=LONG)
    notebook_idle(page)
    # The indicator is idle before the restart too: wait for the restart
    # itself to be over (seen starting, then the kernel connected and idle),
    # or a loaded machine runs the next cell into the restarting kernel.
    page.evaluate("""() => {
        const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
        window.__restartSeen = false;
        ctx.statusChanged.connect((_, status) => { if (status === 'restarting') window.__restartSeen = true; });
    }""")
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) jp-button[data-command='notebook:restart-kernel']").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_function("""() => {
        const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
        const k = ctx.session && ctx.session.kernel;
        return window.__restartSeen && k && k.connectionStatus === 'connected' && k.status === 'idle'
            && ctx.kernelDisplayStatus === 'idle';
    }""", timeout=LONG)
    # A fresh kernel: new cells run from [1], and what was declared before is gone.
    cell = new_cell_at_end(page, 'import "fmt"\nfmt.Println("after restart", 6*7)')
    run_cell(page, cell)
    expect(cell.locator(".jp-OutputArea")).to_contain_text("after restart 42", timeout=LONG)
    expect(cell.locator(".jp-InputPrompt")).to_contain_text("[1]")
    gone = new_cell_at_end(page, "declaredBeforeRestart")
    run_cell(page, gone)
    expect(gone.locator(".jp-OutputArea")).to_contain_text("undefined", timeout=LONG)
    cell.scroll_into_view_if_needed()
    shot("restarted")
