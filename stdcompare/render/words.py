"""Requirements and states in words, shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import model as m
from ..quantities import STATE_WORDS, bound, number  # noqa: F401  (the canonical printed bound)

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def label(req: m.Requirement, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    """The property in words ("content of copper", "free of brass and bronze"), else its key."""
    return prop_label(req.prop, vocab, lang)


def prop_label(key: str, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    """A property key in words (properties.toml); a key the vocabulary lacks stays as it is."""
    prop = vocab.property(key) if vocab is not None else None
    if prop is None:
        return key
    return prop.zh if lang == "zh" else prop.en


def prop_labels(keys, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    return ", ".join(prop_label(k, vocab, lang) for k in keys)


# The body a designation starts with when that is how people name it ("ISRI", "GB/T", "EN").
_BODY = re.compile(r"^(ISRI|GB/T|GB|EN|QCVN|EU-27|EFR|JIS)\b")


def short_name(std: m.Standard, *others: m.Standard) -> str:
    """What a reader calls a standard beside others: "ISRI", "GB/T"; "GB/T 38471" beside
    another GB/T; the full designation when even that does not tell them apart (two
    editions)."""
    taken = {n for o in others if o.ref != std.ref for n in name_levels(o)}
    return next((n for n in name_levels(std) if n not in taken), std.designation)


def name_levels(std: m.Standard) -> list[str]:
    """A standard's names, shortest first: "GB/T", "GB/T 38471", "GB/T 38471-2019"."""
    found = (_body(std), _numbered(std), _without_year(std), std.designation)
    return list(dict.fromkeys(n for n in found if n))


# An act's number in a long title: "Council Regulation (EU) No 333/2011" is "EU 333/2011";
# "…商务部 工业和信息化部公告 2020年第43号" is "公告 2020年第43号".
_NUMBERED = (
    (re.compile(r"\((EU)\) No (\d+/\d{4})"), "{0} {1}"),
    (re.compile(r"(公告)\s*(\d{4}年第\d+号)"), "{0} {1}"),
)


def _numbered(std: m.Standard) -> str | None:
    for pattern, shape in _NUMBERED:
        found = pattern.search(std.designation)
        if found:
            return shape.format(*found.groups())
    return None


def _body(std: m.Standard) -> str | None:
    found = _BODY.match(std.designation)
    return found.group(1) if found else None


def _without_year(std: m.Standard) -> str:
    """ "GB/T 38471-2019" → "GB/T 38471", "EN 12861:2018" → "EN 12861"; ISRI's circular by body."""
    if std.key == "isri-circular":
        return "ISRI"
    return re.sub(r"[-:]\d{4}$", "", std.designation)


def bound_in(req: m.Requirement, say) -> str:
    """The canonical bound in the language asked (a `speech.Speech`): a requirement with no
    number in words, "nominal" in that language."""
    if say.lang == "en":
        return bound(req)
    if req.state is m.State.STATED:
        return bound(req).replace("nominal ", say.word("nominal") + " ")
    word = {
        m.State.FORBIDDEN: "forbidden",
        m.State.NONE: "explicit_none",
        m.State.AGREEMENT: "agreement",
        m.State.SILENT: "silent",
        m.State.UNKNOWN: "not_transcribed",
    }[req.state]
    return say.word(word)


def si_beside(req: m.Requirement) -> str:
    """The canonical value beside a printed one: "(= 1.2908 mm)"."""
    if req.si is None:
        return ""
    values = [v for v in (req.si.lo, req.si.hi, req.si.nominal) if v is not None]
    if not values:
        return ""
    return "(= " + " / ".join(number(v) for v in values) + f" {req.si.unit})"


def qualifiers(req: m.Requirement) -> list[str]:
    found = []
    if req.basis:
        found.append(req.basis)
    if req.qualifier:
        found.append(req.qualifier)
    if req.strength is m.Strength.SHOULD:
        found.append("should (not shall)")
    if req.consequence is not m.Consequence.REJECT:
        found.append(f"consequence: {req.consequence.value}")
    if req.negotiable:
        found.append("unless agreed")
    if req.one_of:
        found.append(f"one of the alternatives '{req.one_of}'")
    return found


def tiers_of(std: m.Standard, ids: tuple[str, ...], lang: str = "en") -> list[str]:
    from .speech import speech

    say = speech(None, lang) if lang != "en" else None
    return sorted({tier(std.sources[i], say) for i in ids if i in std.sources})


def tier(source: m.Evidence, say=None) -> str:
    """A source's tier as a reader needs it: whose words, and whose copy ("official (third-party
    copy" for an official text on another's host); in the language of `say` when given."""
    if say is not None and say.lang != "en":
        return say.word(source.tier.value) + (say("third_party_copy") if source.copy else "")
    return f"{source.tier.value} (third-party copy)" if source.copy else source.tier.value


# --- a standard's name as a reader wants it (issue 21) ------------------------------------

# The issuer before an act's kind ("Council Regulation (EU) No 333/2011"): the act is cited
# without it ("Regulation (EU) No 333/2011"); a Chinese announcement by its number alone.
_ISSUER = re.compile(r"^(?:Council|Commission|European Parliament and Council)\s+(?=\w+ \()")
_END_OF_WASTE = re.compile(r"\bceases? to be waste\b", re.IGNORECASE)


def short_designation(std: m.Standard) -> str:
    """An act without its issuers: "Regulation (EU) No 333/2011", "公告 2020年第43号"; every
    other standard's designation as it is."""
    if not std.kind.is_law:
        return std.designation
    found = _NUMBERED[1][0].search(std.designation)
    if found:
        return " ".join(found.groups())
    return _ISSUER.sub("", std.designation)


def short_title(std: m.Standard, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    """A standard's title in the language asked with the other beside it where both exist
    ("再生铜原料 (Recycling materials for copper)"); an act's long official title as what it
    covers, from its scopes ("end-of-waste criteria for iron and steel scrap, aluminium
    scrap"), its scopes' names in the language asked or else their families'."""
    from .speech import speech

    say = speech(vocab, lang)
    scopes = [g for g in std.groups if g.kind is m.GroupKind.SCOPE]
    title_en = std.title.get("en", "")
    if std.kind.is_law and scopes:
        covered = say.join(dict.fromkeys(_scope_name(std, g, vocab, lang) for g in scopes))
        if _END_OF_WASTE.search(title_en):
            return say("end_of_waste", scopes=covered)
        return covered
    first = std.title.get(lang) or title_en or next(iter(std.title.values()), "")
    other = title_en if lang != "en" else std.title.get("zh", "")
    return f"{first} ({other})" if other and other != first else first


def _scope_name(std: m.Standard, group: m.Group, vocab: Vocabulary | None, lang: str) -> str:
    """A scope's name, its first clause ("Aluminium scrap, including …" → "aluminium scrap");
    in Chinese from its families (else the act's) when it has no Chinese name."""
    name = group.names.get(lang)
    families = group.families or std.families
    if name is None and lang != "en" and vocab is not None and families:
        said = [vocab.families.get(f, {}).get(lang) for f in families]
        if any(said):
            return "、".join(dict.fromkeys(s for s in said if s))
    name = name or group.names.get("en")
    text = name.text if name is not None else group.id
    text = re.split(r"[,(（，]", text)[0].strip()
    return text[:1].lower() + text[1:]


def display_name(std: m.Standard, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    """ "Regulation (EU) No 333/2011 — end-of-waste criteria for iron and steel scrap, aluminium
    scrap"; "GB/T 38471-2019 — 再生铜原料 (Recycling materials for copper)"."""
    title, designation = short_title(std, vocab, lang), short_designation(std)
    if not title or _said_already(title, designation):
        return designation
    return f"{designation} — {title}"


def _said_already(title: str, designation: str) -> bool:
    """A title the designation already says ("EU-27 Steel Scrap Specification", "Scrap
    Specifications Circular 2022" beside "ISRI Scrap Specifications Circular 2022 …")."""
    words_of = lambda text: re.findall(r"\w+", text.lower())  # noqa: E731
    head = " ".join(words_of(title)[:3])
    return bool(head) and head in " ".join(words_of(designation))
