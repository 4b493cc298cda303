"""Find the line of a key path (``grades[3].requirements[1].prop``) in a TOML text.

`tomllib` gives no positions for values, yet an error must name its line. TOML's table headers
are regular enough to index: each ``[[array]]`` header opens the next element of that array, and
a key sits on a line of its own below its table's header.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_PATH_PART = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def _split_dotted(name: str) -> list[str]:
    return [part.strip().strip('"').strip("'") for part in name.split(".")]


class LineIndex:
    """Table headers of one TOML text, resolved to key paths with array indices."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: list[tuple[int, tuple]] = [(0, ())]  # (first line index, path)
        counters: dict[tuple, int] = {}
        for number, line in enumerate(self.lines):
            match = _HEADER.match(line)
            if not match:
                continue
            is_array = match.group(1) == "[["
            path: tuple = ()
            parts = _split_dotted(match.group(2))
            for i, part in enumerate(parts):
                path = (*path, part)
                last = i == len(parts) - 1
                if last and is_array:
                    counters[path] = counters.get(path, -1) + 1
                    path = (*path, counters[path])
                elif path in counters:  # an enclosing array: its current element
                    path = (*path, counters[path])
            self.tables.append((number, path))

    def line_of(self, key_path: str) -> int | None:
        """1-based line of the key path, or of its table's header when the key is inline."""
        wanted = _parse_path(key_path)
        best: tuple[int, tuple] | None = None
        for position, (_, path) in enumerate(self.tables):
            if wanted[: len(path)] == path and (best is None or len(path) >= len(best[1])):
                best = (position, path)
        if best is None:
            return None
        position, path = best
        start = self.tables[position][0]
        end = self.tables[position + 1][0] if position + 1 < len(self.tables) else len(self.lines)
        rest = [str(p) for p in wanted[len(path) :] if not isinstance(p, int)]
        if rest:
            found = self._find_key(start, end, rest)
            if found is not None:
                return found + 1
        return start + 1 if path else None

    def _find_key(self, start: int, end: int, rest: list[str]) -> int | None:
        # Try the dotted key as written (`names.en = `), then its first part (`names = {`).
        for depth in range(len(rest), 0, -1):
            dotted = r"\s*\.\s*".join(re.escape(p) for p in rest[:depth])
            pattern = re.compile(rf"^\s*[\"']?{dotted}[\"']?\s*=")
            for number in range(start, end):
                if pattern.match(self.lines[number]):
                    return number
        return None


def _parse_path(key_path: str) -> tuple:
    parts: list = []
    for name, index in _PATH_PART.findall(key_path):
        parts.append(name)
        if index:
            parts.append(int(index))
    return tuple(parts)


def change_lines(text: str, std, changes) -> dict[str, int]:
    """{fingerprint: line} of each change in the new edition's canonical file: the requirement
    it is about, else its grade or group, else the standard-level key (a CI annotation then
    points at the line). Changes with no place in the file (a grade gone) are left out."""
    index = LineIndex(text)
    grades = {g.code: i for i, g in enumerate(std.grades)}
    groups = {g.id: i for i, g in enumerate(std.groups)}
    found = {}
    for change in changes:
        path = _change_path(std, change, grades, groups)
        line = index.line_of(path) if path else None
        if line is not None:
            found[change.fingerprint] = line
    return found


def _change_path(std, change, grades: dict, groups: dict) -> str | None:
    code = change.grade if change.grade in grades else change.new  # renamed: the new code
    if change.grade is not None and code in grades:
        i = grades[code]
        reqs = [r.prop for r in std.grades[i].requirements]
        if change.prop in reqs:
            return f"grades[{i}].requirements[{reqs.index(change.prop)}].prop"
        return f"grades[{i}].code"
    if change.group is not None and change.group in groups:
        k = groups[change.group]
        reqs = [r.prop for r in std.groups[k].requirements]
        if change.prop in reqs:
            return f"groups[{k}].requirements[{reqs.index(change.prop)}].prop"
        return f"groups[{k}].id"
    if change.grade is None and change.group is None and change.prop:
        reqs = [r.prop for r in std.requirements]
        if change.prop in reqs:
            return f"requirements[{reqs.index(change.prop)}].prop"
        return change.prop.split(".")[0]  # a metadata key: designation, issued, title …
    return None
