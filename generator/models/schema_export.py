"""Export the JSON Schemas of the content models; a test keeps the committed copies current."""

from __future__ import annotations

import json
from pathlib import Path

from generator.models.answers import AnswersSnapshot
from generator.models.items import COLLECTIONS
from generator.models.opendata import DataIndex, ItemsFile
from generator.models.site import SiteConfig

SCHEMA_BASE = "https://qinqing.example/schemas/"
ITEMS_SCHEMA = "opendata-items.schema.json"  # one file of records (data/{collection}/{year}.json)
INDEX_SCHEMA = "opendata-index.schema.json"  # data/index.json


def schemas() -> dict[str, dict]:
    """File name -> JSON Schema (draft 2020-12) for site.yaml, each collection's front matter,
    the 答复选登 snapshot (content/answers.json) and the published open data (its index and
    item files)."""
    out = {"site.schema.json": SiteConfig.model_json_schema()}
    out["answers.schema.json"] = AnswersSnapshot.model_json_schema()
    for name, model in COLLECTIONS.items():
        out[f"{name}.schema.json"] = model.model_json_schema()
    out[ITEMS_SCHEMA] = ItemsFile.model_json_schema()
    out[INDEX_SCHEMA] = DataIndex.model_json_schema()
    for file_name, schema in out.items():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = SCHEMA_BASE + file_name
    return out


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, schema in schemas().items():
        path = out_dir / file_name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
