"""pytest wiring for the kernel tests; the helpers live in kernelharness.py
(importable from test modules, which a conftest is not meant to be)."""

from kernelharness import fresh_kernel, kernel, kernelspec, make_kernel  # noqa: F401  (fixtures)
