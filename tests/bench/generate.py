"""Generated goal structures for benchmarks: the built-in example's shape and model, scaled.

`scaled_template(100, base)` gives a format-2 template with 5 top nodes, 40
nodes on the assessment level, 400 nodes that hold measures and 10,000
measures with filled entries, like a national roll-out; ×10 gives 5, 40 and
1,000. It keeps `base`'s model (levels, kinds, scales), boards, units,
period kinds and periods, and names every node and measure in the model's
own words. The structure has the base's depth: three grouping levels.
"""

import copy
import random
import uuid

SENTENCE = (
    "Under perioden har arbetet fortsatt enligt plan och resultatet följs upp månadsvis av "
    "verksamheten tillsammans med controller."
)
MEASURES_PER_NODE = 25


def scaled_template(scale: int, base: dict, *, seed: int = 1) -> dict:
    """A template with 100 × scale measures on `base`'s model, boards, units and periods."""
    rng = random.Random(seed)
    ids = uuid.UUID(int=rng.getrandbits(128))
    counter = iter(range(10**9))

    def new_id() -> str:
        return str(uuid.uuid5(ids, str(next(counter))))

    levels = base["levels"]
    if len(levels) != 4:
        raise ValueError("the generator builds the example's depth: three grouping levels and the measures")
    top, middle, lowest, item = levels
    middle_total = max(5, 40 * scale // 100)
    lowest_per_middle = max(1, 4 * scale // middle_total)
    boards = [b["code"] for b in base["boards"]]
    units = [u["code"] for u in base["units"]]
    period = current_period_code(base)
    kinds = [k["code"] for k in base["kinds"]]
    prognosis = _value_with_meaning(base, "prognosis", "partly")
    item_name = item["singular"]

    def measure(i: int) -> dict:
        target = rng.choice(["Öka", "100%", "43 000", "Minska", "80 %"])
        total = rng.randint(10, 50_000)
        split = i % 2 == 0
        return {
            "id": new_id(), "name": f"{item_name} {i}: andel patienter som fått vård inom {i % 90 + 1} dagar",
            "kind": kinds[-1] if i % 9 == 0 else kinds[0], "board": rng.choice(boards),
            "unit": rng.choice(units), "target": target, "gender_split": split,
            "direction": "lower" if target == "Minska" else "higher", "comparison": "previous_period",
            "entries": {period: {
                "outcome_total": f"{total:,}".replace(",", " "),
                "outcome_women": str(total // 2) if split else "", "outcome_men": str(total - total // 2) if split else "",
                "commentary": " ".join([SENTENCE] * rng.randint(1, 4)), "status": "klar",
            }},
        }  # fmt: skip

    def node(level: dict, name: str) -> dict:
        made = {"id": new_id(), "name": name}
        if level.get("description"):
            made["description"] = SENTENCE
        if level.get("boards"):
            made["boards"] = boards
        if level.get("assessment") and prognosis:
            made["assessments"] = {period: {"prognosis": prognosis, "text": SENTENCE}}
        return made

    tops = [node(top, n["name"]) for n in base["nodes"][:5]]
    for t in tops:
        t["children"] = []
    number = 0
    for g in range(middle_total):
        middle_node = node(middle, f"{middle['singular']} {g + 1}")
        middle_node["children"] = []
        for f in range(lowest_per_middle):
            lowest_node = node(lowest, f"{lowest['singular']} {g + 1}.{f + 1}")
            lowest_node["measures"] = []
            for _ in range(MEASURES_PER_NODE):
                number += 1
                lowest_node["measures"].append(measure(number))
            middle_node["children"].append(lowest_node)
        tops[g % len(tops)]["children"].append(middle_node)

    template = copy.deepcopy({k: v for k, v in base.items() if k != "nodes"})
    template["nodes"] = tops
    return template


def current_period_code(template: dict) -> str:
    p = next(p for p in template["periods"] if p.get("current"))
    return p.get("code") or f"{p['year']}-{p['kind']}"


def _value_with_meaning(template: dict, purpose: str, meaning: str) -> str | None:
    scale = next((s for s in template["scales"] if s["purpose"] == purpose), None)
    return next((v["code"] for v in scale["values"] if v.get("meaning") == meaning), None) if scale else None
