"""The hub test's helper module (restclient) is imported from this folder:
tests/pytest.ini uses importlib mode, which puts no test folder on sys.path."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
