"""The package's layout keeps its promises: folders by topic, imports one way, no cycles.

docs/architecture.md draws the same rules; these tests keep the drawing true.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

from tests.processes import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "site_app"
# A folder a reader can take in at a glance; more, and it wants cutting by topic.
MAX_FOLDER_MODULES = 15
TOP_LEVEL_MODULES = ["config.py", "wsgi.py", "gunicorn.conf.py"]


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The site_app modules ``name`` imports, at the top or inside a function."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # "from package import module" imports the module, not just a name in it.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        found |= {target for target in targets if target in MODULES and target != name}
    return found


IMPORTS = {name: imports_of(name) for name in MODULES}


def test_the_package_root_holds_only_the_factory_and_folders():
    files = [path.name for path in PACKAGE.iterdir() if path.is_file()]
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir()} - {"__pycache__"}

    assert files == ["__init__.py"]
    assert {"blueprints", "web", "auth", "models", "api", "cli", "templates", "static"} <= folders


def test_no_folder_holds_more_than_15_modules():
    counts = {
        str(folder.relative_to(PROJECT_ROOT)): len(list(folder.glob("*.py")))
        for folder in [PACKAGE, *PACKAGE.rglob("*")]
        if folder.is_dir()
    }

    assert {folder: count for folder, count in counts.items() if count > MAX_FOLDER_MODULES} == {}


def test_imports_have_no_cycles():
    sorter = graphlib.TopologicalSorter(IMPORTS)
    sorter.prepare()  # raises graphlib.CycleError, naming the modules, on a cycle


def test_the_folders_import_each_other_one_way():
    """Folder by folder too: blueprints -> api, auth, cli -> web -> middleware -> i18n
    -> settings (where the site's languages are), never back; the data layer (models)
    imports nothing of the web's, and settings nothing at all."""
    folders: dict[str, set[str]] = {}
    for name, imported in IMPORTS.items():
        if name.count(".") >= 1:
            folder = name.split(".")[1]
            targets = {target.split(".")[1] for target in imported if target.count(".") >= 1}
            folders.setdefault(folder, set()).update(targets - {folder})
    graphlib.TopologicalSorter(folders).prepare()

    assert "blueprints" not in set().union(*folders.values())
    assert folders["models"] == set()
    assert folders["settings"] == set()
    assert folders["i18n"] <= {"settings"}
    assert folders["middleware"] <= {"i18n", "settings"}


def test_only_the_factory_imports_blueprints_and_blueprints_not_each_other():
    for name, imported in IMPORTS.items():
        blueprint_imports = {
            target for target in imported if target.startswith("site_app.blueprints")
        }
        if name == "site_app":
            assert blueprint_imports == {"site_app.blueprints"}
        elif name.startswith("site_app.blueprints."):
            assert blueprint_imports == set(), name
        elif name != "site_app.blueprints":
            assert blueprint_imports == set(), f"{name} imports a blueprint: {blueprint_imports}"


def test_nothing_imports_the_factory_module_back():
    importers = [name for name, imported in IMPORTS.items() if "site_app" in imported]

    assert importers == []


def test_the_import_reader_sees_real_imports():
    assert "site_app.web.sections" in IMPORTS["site_app.blueprints"]
    assert "site_app.models.database" in IMPORTS["site_app.auth.admin"]
    assert "site_app.models.incomes" in IMPORTS["site_app.api.rpc"]
