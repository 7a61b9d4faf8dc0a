"""pyproject.toml declares every distribution the code imports at run time, not only the ones
that happen to be installed because something else depends on them today."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("newsscraper", "cleaners")


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]).lower()


def runtime_imports() -> dict[str, str]:
    """Top-level third-party modules imported outside ``if TYPE_CHECKING:``, with a file importing each."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        for file in sorted((PROJECT_ROOT / package).rglob("*.py")):
            tree = ast.parse(file.read_text(encoding="utf-8"))
            type_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                         and "TYPE_CHECKING" in ast.unparse(node.test) for sub in node.body for n in ast.walk(sub)}
            for node in ast.walk(tree):
                if id(node) in type_only:
                    continue
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in PACKAGES:
                        found.setdefault(top, str(file.relative_to(PROJECT_ROOT)))
    return found


def test_every_imported_distribution_is_declared() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(requirement) for requirement in project["dependencies"]}
    distributions = importlib.metadata.packages_distributions()
    missing = {
        module: file for module, file in runtime_imports().items()
        if not {_name(d) for d in distributions.get(module, [module])} & declared
    }
    assert missing == {}, "imported but not in pyproject.toml's dependencies"
