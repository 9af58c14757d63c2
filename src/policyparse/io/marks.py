"""Marks a copy adds around a plain text's words: a line number before every line, Markdown, a table saved as CSV.

A PDF's text layer may give every line letter-spaced (``县 财 政 局``); a notice saved from a code viewer prints ``001 ``
before each line; one saved as Markdown marks its titles and parts
with ``#``, its emphasis with ``**`` and its tables as pipe rows under a ``|---|---|`` row; a task table pasted from a
spreadsheet comes as comma-separated values, a cell that holds a comma quoted. :func:`unmark` takes such marks out
before the text is read, and says what it took out. Each line keeps its length (a mark becomes blanks, a bold mark's
two stars move to the line's end as blanks, a CSV row's commas become bars and its quotes blanks), so a span after the
line is the span the file's own text gives and a block's locator still names the file's line; within a line that held
bold marks the words after them stand two columns earlier. A text without such marks is returned as it is: each form
is read only where the whole text (or a whole run of table lines) shows it, never from one line.
"""

from __future__ import annotations

import csv
import re

#: a line's number and the blank after it (001 , 12\t)
_NUMBERED = re.compile(r"^(?P<n>[0-9]{1,5})[ \t]")
#: share of a text's non-blank lines that must carry their own number, counted on from the first
NUMBERED_SHARE = 0.9
#: fewest lines a numbered text or a CSV table has
MIN_LINES = 3

_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S)")
_BOLD = re.compile(r"\*\*(?P<t>[^*\n]+)\*\*|__(?P<u>[^_\n]+)__")
#: a Markdown table's separator row: |---|:---:| …
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
#: the first cell of a table's header row (序号, 编号): a CSV block starts there
_SERIAL_LABEL = re.compile(r"^\s*(?:序号|编号|序)\s*$")


def unmark(text: str) -> tuple[str, list[str]]:
    """``text`` with a copy's line numbers, Markdown marks and CSV table rows taken out (the rows written with bars,
    ``序号|重点任务|…``), each line its length; and a warning for each kind taken out."""
    lines = text.split("\n")
    warnings: list[str] = []
    if _letter_spaced(lines):
        lines = [_unspaced(line) for line in lines]
        warnings.append("every line was letter-spaced (a blank between every two characters, as a justified PDF line "
                        "comes out): the blanks were moved to each line's end")
    if _numbered(lines):
        lines = [_NUMBERED.sub(lambda m: " " * len(m.group(0)), line, count=1) for line in lines]
        warnings.append("every line began with its number (001 …): the numbers were read as blanks")
    if _markdown(lines):
        lines = [" " * len(line) if _SEPARATOR.match(line) else _unbold(_HEADING.sub(lambda m: " " * len(m.group(0)), line))
                 for line in lines]
        warnings.append("the text was saved as Markdown: heading marks (#), bold marks (**) and tables' separator rows "
                        "were read as blanks")
    rows = _csv_rows(lines)
    if rows:
        lines = [_barred(line) if k in rows else line for k, line in enumerate(lines)]
        warnings.append(f"{len(rows)} lines of a table saved as comma-separated values were read as its rows")
    return ("\n".join(lines), warnings) if warnings else (text, [])


def _unbold(line: str) -> str:
    """``line`` without its bold marks (由**县农业农村局**牵头 → 由县农业农村局牵头), the marks' width as blanks at its end."""
    out = _BOLD.sub(lambda m: m["t"] or m["u"], line)
    return out + " " * (len(line) - len(out))


def _barred(line: str) -> str:
    """A CSV row written as a bar row of the same length: each separating comma a bar, each quote a blank."""
    out: list[str] = []
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
            out.append(" ")
        elif ch == "," and not quoted:
            out.append("|")
        else:
            out.append(ch)
    return "".join(out)


def _numbered(lines: list[str]) -> bool:
    """Whether the text's lines carry their own numbers: nearly every non-blank line opens with a number and a blank,
    the numbers going up by one from line to line (a table's serial numbers open some lines only, and restart)."""
    content = [(k, line) for k, line in enumerate(lines) if line.strip()]
    if len(content) < MIN_LINES:
        return False
    offsets = [int(m["n"]) - k for k, line in content if (m := _NUMBERED.match(line))]
    if not offsets:
        return False
    base = max(set(offsets), key=offsets.count)  # 001 on the file's first line: the number less the line's index
    return offsets.count(base) >= NUMBERED_SHARE * len(content)


#: a blank between two characters of a letter-spaced line
_GAP = re.compile(r"(?<=\S) (?=\S)")
#: share of a text's lines of three characters or more that must be letter-spaced for the text to be read so
SPACED_SHARE = 0.8


def _letter_spaced(lines: list[str]) -> bool:
    """Whether nearly every line of the text is letter-spaced: a single blank between every two of its characters
    (县 财 政 局 、 县 农 业 农 村 局); a title spaced so, or a table's cells, are single lines of a text that is not."""
    long = [t for line in lines if len(t := line.strip()) >= 5]
    if len(long) < MIN_LINES:
        return False
    misses, allowed = 0, len(long) - SPACED_SHARE * len(long)  # the lines that may be no letter-spaced ones
    for t in long:  # most texts show they are not so within their first lines: stop there
        if " " not in t or len(_GAP.findall(t)) < 0.9 * (len(t.replace(" ", "")) - 1):
            misses += 1
            if misses > allowed:
                return False
    return True


def _unspaced(line: str) -> str:
    """``line`` without the single blanks between its characters, their width as blanks at its end."""
    out = _GAP.sub("", line)
    return out + " " * (len(line) - len(out))


def _markdown(lines: list[str]) -> bool:
    """Whether the text was saved as Markdown: two heading lines (# …) or more, or a table's separator row."""
    return sum(1 for line in lines if _HEADING.match(line)) >= 2 or any(_SEPARATOR.match(line) for line in lines)


def _csv_rows(lines: list[str]) -> set[int]:
    """The lines of a table saved as CSV: a header line whose first cell is 序号 and three fields or more, and the lines
    after it with as many fields each."""
    out: set[int] = set()
    k = 0
    while k < len(lines):
        head = _fields(lines[k])
        if head is None or len(head) < 3 or not _SERIAL_LABEL.match(head[0]):
            k += 1
            continue
        j = k + 1
        while j < len(lines) and (row := _fields(lines[j])) is not None and len(row) == len(head):
            j += 1
        if j - k >= MIN_LINES:
            out.update(range(k, j))
        k = max(j, k + 1)
    return out


def _fields(line: str) -> list[str] | None:
    """A line's comma-separated fields (a quoted field may hold commas), or None for a line with no comma or a bar
    (a bar row is a table of its own)."""
    if "," not in line or "|" in line or "｜" in line:
        return None
    try:
        return next(csv.reader([line], skipinitialspace=True))
    except (csv.Error, StopIteration):
        return None
