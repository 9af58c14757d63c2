"""JSON, JSONL, CSV and JSON Schema output; the model itself knows nothing of files."""

from .json import dumps, json_schema, schema_text, to_dict, to_json, write_schema

__all__ = ["dumps", "json_schema", "schema_text", "to_dict", "to_json", "write_schema"]
