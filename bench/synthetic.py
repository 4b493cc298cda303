"""A synthetic corpus for benchmarks: N grades per side with realistic names, families and
limits. The two sides describe the same market in different words (typos, rank styles,
Chinese terms), so the matcher has real work to do. Deterministic for a given seed."""

from __future__ import annotations

import random
from decimal import Decimal

from stdcompare import model as m

FAMILIES = {
    "copper": ("Cu", ["copper", "铜"], ["wire", "tubing", "nodules", "solids", "turnings"]),
    "brass": ("Cu", ["brass", "黄铜"], ["solids", "turnings", "castings", "rod_ends"]),
    "aluminium_cast": ("Al", ["cast aluminium", "铸造铝"], ["castings", "turnings"]),
    "aluminium_wrought": ("Al", ["aluminium alloy", "铝合金"], ["clippings", "sheet", "wire"]),
    "zinc": ("Zn", ["zinc", "锌"], ["castings", "clippings"]),
    "lead": ("Pb", ["lead", "铅"], ["solids"]),
    "steel": ("TFe", ["steel", "钢铁"], ["solids", "turnings", "shredded"]),
    "stainless": ("Ni", ["stainless steel", "不锈钢"], ["solids", "turnings"]),
    "nickel": ("Ni", ["nickel", "镍"], ["solids", "turnings"]),
    "mixed_nonferrous": ("Al", ["mixed non-ferrous", "混合有色金属"], ["shredded"]),
}
QUALIFIERS = [
    "clean",
    "bare bright",
    "heavy",
    "light",
    "mixed",
    "new",
    "old",
    "painted",
    "insulated",
    "shredded",
    "sorted",
    "segregated",
    "low copper",
    "high grade",
]
RANK_STYLES = ["No. {n}", "#{n}", "{n}号", "Nr. {n}"]


def grade(rng: random.Random, index: int, side: str) -> m.Grade:
    family = rng.choice(list(FAMILIES))
    element, metal_words, forms = FAMILIES[family]
    rank = rng.randint(1, 4)
    form = rng.choice(forms)
    metal = metal_words[1] if side == "b" and rng.random() < 0.2 else metal_words[0]
    words = [
        rng.choice(RANK_STYLES).format(n=rank),
        rng.choice(QUALIFIERS),
        metal,
        form.replace("_", " "),
    ]
    if side == "b" and rng.random() < 0.3:  # a typo
        k = rng.randrange(len(words[2]))
        words[2] = words[2][:k] + words[2][k + 1 :]
    low = Decimal(rng.randint(40, 99)) + Decimal(rng.randint(0, 9)) / 10
    reqs = [
        m.Requirement(f"content.{element}", lo=low, unit="%", evidence=("bench",)),
        m.Requirement(
            "metal_recovery", lo=Decimal(rng.randint(80, 99)), unit="%", evidence=("bench",)
        ),
    ]
    if rng.random() < 0.5:
        reqs.append(
            m.Requirement(
                "inclusions", hi=Decimal(rng.randint(1, 30)) / 10, unit="%", evidence=("bench",)
            )
        )
    return m.Grade(
        code=f"{side.upper()}-{index:05d}",
        names={"en": m.Name(" ".join(words))},
        families=(family,),
        forms=(form,),
        text=m.TextCompleteness.FULL,
        requirements=tuple(reqs),
    )


def standard(n: int, side: str, seed: int = 7) -> m.Standard:
    rng = random.Random(f"{seed}-{side}")
    grades = tuple(grade(rng, i, side) for i in range(n))
    return m.Standard(
        key=f"bench-{side}",
        edition="1",
        designation=f"BENCH {side.upper()}",
        kind=m.Kind.TRADE_SPECIFICATION,
        grade_list=m.GradeList.COMPLETE,
        grades=grades,
        sources={"bench": m.Evidence("bench", "https://example.invalid/bench", m.Tier.SECONDARY)},
    )
