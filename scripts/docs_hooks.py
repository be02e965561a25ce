"""MkDocs hooks (mkdocs.yml): the reference pages written from the code itself, so they
cannot drift from it.

Takes a page's Markdown; gives it with each marker replaced:
`<!-- openapi -->` by the HTTP API from the app's OpenAPI schema (`create_app().openapi()`),
`<!-- cli -->` by every command's `--help`, and `<!-- speaker-rules -->` by the table of
speaker rules (`saidwhat.speakers.rules.RULES`, in the order resolution tries them).
"""

from __future__ import annotations

import json
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def on_page_markdown(markdown: str, **_: Any) -> str:
    if "<!-- openapi -->" in markdown:
        markdown = markdown.replace("<!-- openapi -->", openapi_markdown())
    if "<!-- cli -->" in markdown:
        markdown = markdown.replace("<!-- cli -->", cli_markdown())
    if "<!-- speaker-rules -->" in markdown:
        markdown = markdown.replace("<!-- speaker-rules -->", rules_markdown())
    return markdown


def rules_markdown() -> str:
    from saidwhat.speakers.rules import RULES

    rows = ["| # | rule | what it decides |", "|---|---|---|"]
    for number, (name, what) in enumerate(RULES.items(), 1):
        rows.append(f"| {number} | `{name}` | {_cell(what)} |")
    return "\n".join(rows)


def cli_markdown() -> str:
    import argparse

    from saidwhat.cli import _parser

    parser = _parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    parts = [f"```text\n{_wide(parser).format_help()}```"]
    for name, command in commands.choices.items():
        parts.append(f"### saidwhat {name}\n\n```text\n{_wide(command).format_help()}```")
    return "\n\n".join(parts)


def _wide(parser: Any) -> Any:
    """The parser with help laid out at a fixed width (argparse reads $COLUMNS otherwise)."""
    import argparse
    from functools import partial

    parser.formatter_class = partial(argparse.HelpFormatter, width=96, max_help_position=30)
    return parser


def openapi_markdown() -> str:
    from saidwhat.service import create_app

    schema = create_app().openapi()
    parts = [f"Version {schema['info']['version']} of the API.\n"]
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                parts.append(_operation(method, path, item[method]))
    parts.append("## Schemas\n")
    for name, body in schema.get("components", {}).get("schemas", {}).items():
        parts.append(_schema(name, body))
    return "\n".join(parts)


def _operation(method: str, path: str, op: dict[str, Any]) -> str:
    lines = [f"### `{method.upper()} {path}`\n"]
    # FastAPI's summary is the handler's name made a title: the docstring says more
    if description := op.get("description") or op.get("summary"):
        lines.append(f"{description.strip()}\n")
    if op.get("security"):
        lines.append("Needs `Authorization: Bearer $SAIDWHAT_TOKEN` when the server has one.\n")
    if params := op.get("parameters"):
        lines += [
            "| parameter | in | type | default | description |",
            "|---|---|---|---|---|",
        ]
        for p in params:
            spec = p.get("schema", {})
            default = "required" if p.get("required") else _default(spec)
            about = _cell(p.get("description") or spec.get("description", ""))
            lines.append(f"| `{p['name']}` | {p['in']} | {_type(spec)} | {default} | {about} |")
        lines.append("")
    if body := op.get("requestBody"):
        kinds = ", ".join(
            f"{media}: {_type(content.get('schema', {}))}"
            for media, content in body.get("content", {}).items()
        )
        lines.append(f"Request body ({kinds}).\n")
    lines += ["| status | response |", "|---|---|"]
    for status, response in op.get("responses", {}).items():
        content = response.get("content", {})
        shapes = ", ".join(_type(c.get("schema", {})) for c in content.values() if c)
        text = _cell(response.get("description", ""))
        lines.append(f"| {status} | {text}{f' ({shapes})' if shapes else ''} |")
    return "\n".join(lines) + "\n"


def _schema(name: str, body: dict[str, Any]) -> str:
    lines = [f"### {name}\n"]
    if description := body.get("description"):
        lines.append(f"{description.strip()}\n")
    properties = body.get("properties", {})
    if properties:
        required = set(body.get("required", []))
        lines += ["| field | type | required | description |", "|---|---|---|---|"]
        for field, spec in properties.items():
            mark = "yes" if field in required else ""
            about = _cell(spec.get("description", ""))
            lines.append(f"| `{field}` | {_type(spec)} | {mark} | {about} |")
    elif "enum" in body:
        lines.append("One of " + ", ".join(f"`{json.dumps(v)}`" for v in body["enum"]) + ".")
    return "\n".join(lines) + "\n"


def _type(spec: dict[str, Any]) -> str:
    """A schema's type in a few words: a reference by its name, arrays of it, unions."""
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    for union in ("anyOf", "oneOf"):
        if union in spec:
            kinds = [_type(s) for s in spec[union] if s.get("type") != "null"]
            optional = any(s.get("type") == "null" for s in spec[union])
            return " or ".join(kinds) + (" or null" if optional else "")
    if spec.get("type") == "array":
        return f"array of {_type(spec.get('items', {}))}"
    if "enum" in spec:
        return " / ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type", "any")
    return f"{kind} ({spec['format']})" if "format" in spec else kind


def _default(spec: dict[str, Any]) -> str:
    return f"`{json.dumps(spec['default'])}`" if "default" in spec else ""


def _cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")
