"""Helpers shared by the lesson-notebook tests (test_notebooks.py,
test_notebook_goroutines.py): run a notebook headless on the installed
golessons kernel and read its cells' outputs by tag."""

import pathlib

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"


def kernel_installed():
    """Whether the golessons kernelspec is visible to jupyter_client."""
    try:
        KernelSpecManager().get_kernel_spec("golessons")
        return True
    except NoSuchKernel:
        return False


def execute(path):
    """Run every cell of the notebook at path (errors kept as outputs) and
    return it; cells run in the notebook's own folder, as in JupyterLab."""
    path = pathlib.Path(path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="golessons", timeout=120, allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def cell(nb, tag):
    """The cell carrying tag in its metadata (cells are found by tag, not
    position, so text can be added to a lesson without breaking its test)."""
    for c in nb.cells:
        if tag in c.get("metadata", {}).get("tags", []):
            return c
    raise AssertionError(f"no cell tagged {tag!r}")


def stream(c, name):
    """The text a cell wrote to one stream ("stdout" or "stderr")."""
    return "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream" and o.name == name)


def stdout(c):
    return stream(c, "stdout")


def stderr(c):
    return stream(c, "stderr")
