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
#: optional backends: their modules may import what only their extra installs
EXTRAS = {"postgresql": ("newsscraper/store/postgres.py", "newsscraper/store/pglock.py",
                          "newsscraper/store/pgsearch.py")}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]).lower()


def runtime_imports(*, extra: str | None = None) -> dict[str, str]:
    """Top-level third-party modules imported outside ``if TYPE_CHECKING:``, with a file importing each:
    by the core (``extra`` None), or by the modules of that optional extra."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        for file in sorted((PROJECT_ROOT / package).rglob("*.py")):
            relative = file.relative_to(PROJECT_ROOT).as_posix()
            if next((name for name, files in EXTRAS.items() if relative in files), None) != extra:
                continue
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


def _missing(imports: dict[str, str], requirements: list[str]) -> dict[str, str]:
    declared = {_name(requirement) for requirement in requirements}
    distributions = importlib.metadata.packages_distributions()
    return {module: file for module, file in imports.items()
            if not {_name(d) for d in distributions.get(module, [module])} & declared}


def test_every_imported_distribution_is_declared() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert _missing(runtime_imports(), project["dependencies"]) == {}, "imported but not in the dependencies"
    for extra in EXTRAS:
        requirements = project["dependencies"] + project["optional-dependencies"][extra]
        assert _missing(runtime_imports(extra=extra), requirements) == {}, f"imported but not in [{extra}]"
    # the test extra installs every backend, so that the suite runs them all
    assert {f"newsscraper[{extra}]" for extra in EXTRAS} <= set(project["optional-dependencies"]["test"])
