"""Generated goal structures for benchmarks: the built-in example's shape, scaled.

`scaled_template(100)` gives 5 perspectives, 40 strategic goals, 400 success
factors and 10,000 measures with filled entries, like a national roll-out.
"""

import copy
import random
import uuid

PERSPECTIVES = ["Samhälle", "Medborgare", "Verksamhet", "Medarbetare", "Ekonomi"]
SENTENCE = (
    "Under perioden har arbetet fortsatt enligt plan och resultatet följs upp månadsvis av "
    "verksamheten tillsammans med controller."
)


def scaled_template(scale: int, base: dict, *, seed: int = 1) -> dict:
    """A template with 100 × scale measures, built on `base`'s boards, units and periods."""
    rng = random.Random(seed)
    ids = uuid.UUID(int=rng.getrandbits(128))
    counter = iter(range(10**9))

    def node_id() -> str:
        return str(uuid.uuid5(ids, str(next(counter))))

    goals_total = max(5, 40 * scale // 100)
    factors_per_goal = max(1, 4 * scale // goals_total)
    measures_per_factor = 25
    boards = [b["code"] for b in base["boards"]]
    units = [u["code"] for u in base["units"]]
    period = next(p["code"] for p in base["periods"] if p.get("current"))

    def measure(i: int) -> dict:
        target = rng.choice(["Öka", "100%", "43 000", "Minska", "80 %"])
        total = rng.randint(10, 50_000)
        split = i % 2 == 0
        return {
            "id": node_id(), "name": f"Styrmått {i}: andel patienter som fått vård inom {i % 90 + 1} dagar",
            "kind": "aktivitet" if i % 9 == 0 else "styrmatt", "board": rng.choice(boards),
            "unit": rng.choice(units), "target": target, "gender_split": split,
            "direction": "lower" if target == "Minska" else "higher", "comparison": "previous_period",
            "entries": {period: {
                "outcome_total": f"{total:,}".replace(",", " "),
                "outcome_women": str(total // 2) if split else "", "outcome_men": str(total - total // 2) if split else "",
                "commentary": " ".join([SENTENCE] * rng.randint(1, 4)), "status": "klar",
            }},
        }  # fmt: skip

    perspectives = [{"id": node_id(), "name": name, "description": SENTENCE, "goals": []} for name in PERSPECTIVES]
    number = 0
    for g in range(goals_total):
        factors = []
        for f in range(factors_per_goal):
            measures = []
            for _ in range(measures_per_factor):
                number += 1
                measures.append(measure(number))
            factors.append({"id": node_id(), "name": f"Framgångsfaktor {g + 1}.{f + 1}", "boards": boards,
                            "measures": measures})  # fmt: skip
        goal = {"id": node_id(), "name": f"Strategiskt mål {g + 1}", "boards": boards, "factors": factors,
                "assessments": {period: {"prognosis": "delvis", "text": SENTENCE}}}  # fmt: skip
        perspectives[g % len(perspectives)]["goals"].append(goal)

    template = copy.deepcopy({k: v for k, v in base.items() if k != "perspectives"})
    template["perspectives"] = perspectives
    return template
