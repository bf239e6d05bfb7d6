"""The content authors' guide stays true: every code is explained, and the editor line it gives
points at a schema the CLI exports and the bundled files satisfy."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from bot.catalog import BUNDLED_DIR
from bot.catalog.problems import CODES
from bot.catalog.warnings import WARNINGS
from tests.e2e.conftest import rolecall

GUIDE = (BUNDLED_DIR / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted([*CODES, *WARNINGS]))
def test_every_problem_and_warning_code_has_a_row_with_an_example(code: str) -> None:
    (row,) = [line for line in GUIDE.splitlines() if line.startswith(f"| {code} |")]
    assert f": {code} " in row or f" {code} " in row.split("|")[3], "the example shows the code as printed"


def test_the_editor_line_names_a_schema_the_cli_exports_and_the_bundled_files_pass() -> None:
    line = re.search(r"# yaml-language-server: \$schema=\.\./schema/(\w+)\.schema\.json", GUIDE)
    assert line is not None and line[1] == "role"
    schema = json.loads(rolecall("content", "schema", "--kind", "role").stdout)
    for path in sorted((BUNDLED_DIR / "roles").glob("*.yml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "mle", "colour": "blue"}, schema)
