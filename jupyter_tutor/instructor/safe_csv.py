"""CSV a spreadsheet opens as data: a cell that would start a formula is prefixed."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from ..store.models import as_utc

# What spreadsheets read as the start of a formula (tab and CR start one in some, too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return as_utc(value).isoformat().replace("+00:00", "Z")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue()
