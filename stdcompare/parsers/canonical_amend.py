"""An amendment file merged into the file it amends (parsers/canonical.py)."""

from __future__ import annotations


def apply_amendment(base: dict, amendment: dict) -> dict:
    """The data of a full edition: the base edition with the amendment's changes applied.

    Top-level values replace the base's; sources are added; grades and groups merge by code and
    id (fields replace, requirements replace by prop); `withdraw` removes grades.
    """
    merged = {k: v for k, v in base.items() if k not in ("supersedes", "status")}
    for name, value in amendment.items():
        if name in ("grades", "groups", "sources", "requirements", "withdraw", "notes"):
            continue
        merged[name] = value
    merged["sources"] = {**base.get("sources", {}), **amendment.get("sources", {})}
    merged["notes"] = [*base.get("notes", []), *amendment.get("notes", [])]
    merged["requirements"] = _merge_requirements(
        base.get("requirements", []), amendment.get("requirements", [])
    )
    merged["groups"] = _merge_items(base.get("groups", []), amendment.get("groups", []), "id")
    withdrawn = set(amendment.get("withdraw", []))
    grades = [g for g in base.get("grades", []) if str(g.get("code")) not in withdrawn]
    merged["grades"] = _merge_items(grades, amendment.get("grades", []), "code")
    return merged


def _merge_items(base: list[dict], changes: list[dict], ident: str) -> list[dict]:
    result = [dict(item) for item in base]
    index = {str(item.get(ident)): i for i, item in enumerate(result)}
    for change in changes:
        key = str(change.get(ident))
        if key not in index:
            result.append(change)
            continue
        target = result[index[key]]
        for name, value in change.items():
            if name == "requirements":
                target[name] = _merge_requirements(target.get(name, []), value)
            else:
                target[name] = value
    return result


def _merge_requirements(base: list[dict], changes: list[dict]) -> list[dict]:
    by_prop = {r.get("prop"): r for r in base}
    for change in changes:
        by_prop[change.get("prop")] = change
    return list(by_prop.values())
