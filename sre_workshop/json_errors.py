"""Strict JSON reading and plain-words messages, shared by framework files and bundles.

Both kinds of file come from outside (a coach's own framework, a colleague's bundle), so both
refuse the same ambiguities (a name twice in one object, NaN and Infinity) and explain problems
the same way: where in the file (``areas[3].questions[0].key``) and what is wrong, in words a
coach can act on, never echoing a whole (possibly huge) value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, NoReturn

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


class DuplicateName(ValueError):
    """An object names the same key twice."""


class BadConstant(ValueError):
    """NaN, Infinity or -Infinity, which JSON does not allow."""


def reject_constant(name: str) -> NoReturn:
    raise BadConstant(name)


def unique_names(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` that refuses a name twice in one object.

    Which of the two values wins differs between tools, so the file is refused rather than
    silently resolved.
    """
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise DuplicateName(name)
        result[name] = value
    return result


def line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset, for messages."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def place(path: Iterable[str | int]) -> str:
    """A JSON path in the form coaches read: ``areas[3].questions[0].key``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def short(value: object, limit: int = 60) -> str:
    """A value for a message: quoted, cut short, with unprintable characters escaped."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    if isinstance(value, int | float):
        return f"a number ({short(value)})"
    if isinstance(value, str):
        return f"text ({short(value)})"
    if isinstance(value, list):
        return "a list (JSON array)"
    return "an object (JSON {...})"


TYPE_WORDS: Final = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (JSON array)",
    "object": "an object (JSON {...})",
    "null": "null",
}


def type_words(expected: object) -> str:
    if isinstance(expected, list):
        return " or ".join(TYPE_WORDS.get(str(item), str(item)) for item in expected)
    return TYPE_WORDS.get(str(expected), str(expected))


def describe(
    error: ValidationError,
    *,
    field_word: str = "key",
    pattern_hint: Callable[[ValidationError], str | None] | None = None,
) -> str:
    """A sentence for one schema violation.

    ``field_word`` names an object member ("key" in bundles, "field" in framework files);
    ``pattern_hint`` may explain a pattern in words (else the schema's ``title`` is used).
    """
    kind = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if kind == "required":
        missing = [name for name in expected if name not in instance]
        if len(missing) == 1:
            return f"the required {field_word} {missing[0]!r} is missing"
        names = ", ".join(repr(name) for name in missing)
        return f"the required {field_word}s {names} are missing"
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        unknown = [name for name in instance if name not in allowed]
        return (
            f"unknown {field_word} {short(unknown[0]) if unknown else '?'}; "
            f"the allowed {field_word}s are {', '.join(allowed)}"
        )
    if kind == "type":
        return f"expected {type_words(expected)}, found {json_kind(instance)}"
    if kind == "pattern":
        return _pattern_sentence(error, instance, expected, schema, pattern_hint)
    if kind == "minLength":
        return "must not be empty" if expected == 1 else f"must be at least {expected} characters"
    if kind == "maxLength":
        return f"is {len(instance):,} characters long; the limit is {expected:,}"
    if kind in ("minItems", "maxItems"):
        low, high, count = schema.get("minItems"), schema.get("maxItems"), len(instance)
        if low is not None and low == high:
            return f"needs exactly {low} items, found {count}"
        if kind == "minItems":
            return f"needs at least {expected} item{'s' if expected != 1 else ''}, found {count}"
        return f"allows at most {expected} items, found {count}"
    if kind == "uniqueItems":
        return "lists the same value twice"
    if kind == "enum":
        choices = ", ".join("null" if choice is None else repr(choice) for choice in expected)
        return f"{short(instance)} is not one of {choices}"
    if kind == "const":
        return f"{short(instance)} should be {short(expected)}"
    if kind == "minimum":
        return f"{short(instance)} is below the minimum of {expected}"
    if kind == "maximum":
        return f"{short(instance)} is above the maximum of {expected}"
    message = error.message
    return message if len(message) <= 300 else message[:299] + "…"


def _pattern_sentence(
    error: ValidationError,
    instance: Any,
    expected: Any,
    schema: Mapping[str, Any],
    pattern_hint: Callable[[ValidationError], str | None] | None,
) -> str:
    if expected == r"\S":
        return "must not be blank"
    if pattern_hint is not None:
        hint = pattern_hint(error)
        tail = f" ({hint})" if hint else ""
        return f"{short(instance)} does not match '{expected}'{tail}"
    title = schema.get("title")
    if title:
        return f"{short(instance)} is not a valid {title}"
    return f"{short(instance)} does not match '{expected}'"
