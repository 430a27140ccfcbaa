"""Random edits on central and on several unit files, merged in random orders, twice.

The model the merge must follow, per field: the unit's value wins where only
the unit changed it, central's where only central changed it, and where both
changed it differently a conflict is recorded and central keeps its value.
"""

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_support import make_central, measures_of, snapshot

from db.goalfile import GoalFile
from db.merge import merge_files
from db.unitfile import export_unit_file

UNITS = ("A", "B", "C")
FIELDS = ("outcome_total", "commentary", "status")
VALUES = {"outcome_total": ("1", "2", "3"), "commentary": ("x", "y & <z>"), "status": ("utkast", "klar")}

edit = st.tuples(
    st.sampled_from(("central",) + UNITS),  # who edits
    st.sampled_from(UNITS),  # whose measure
    st.integers(0, 1),  # which of that unit's measures
    st.sampled_from(FIELDS),
).flatmap(lambda e: st.tuples(*map(st.just, e), st.sampled_from(VALUES[e[3]])))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(edit, max_size=12),
    order=st.permutations(UNITS),
    second_order=st.permutations(UNITS),
)
def test_merge_follows_the_three_way_rules_in_any_order(edits, order, second_order):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        central_path = make_central(folder / "central.sqlite")
        with GoalFile.open(central_path, user="controller") as central:
            files = {u: export_unit_file(central, central.find_unit(u), folder / f"enhet-{u}.sqlite") for u in UNITS}
            ids = {u: [m.id for m in measures_of(central, u)] for u in UNITS}
            base = {(m, f): getattr(central.entry(m, "P2"), f) for u in UNITS for m in ids[u] for f in FIELDS}

        final = {"central": dict(base), **{u: dict(base) for u in UNITS}}
        for who, owner, index, field, value in edits:
            if who != "central" and who != owner:
                continue  # a unit can only edit its own measures (db.incoming refuses anything else)
            path = central_path if who == "central" else files[who]
            with GoalFile.open(path, user=who) as goal_file:
                goal_file.update_entry(ids[owner][index], "P2", {field: value})
            final[who][(ids[owner][index], field)] = value

        expected, conflicts = {}, set()
        for u in UNITS:
            for m in ids[u]:
                for f in FIELDS:
                    b, c, i = base[(m, f)], final["central"][(m, f)], final[u][(m, f)]
                    expected[(m, f)] = i if c == b else c
                    if b not in (c, i) and c != i:
                        conflicts.add((m, f, c, i))

        other_path = folder / "other.sqlite"
        shutil.copyfile(central_path, other_path)
        with GoalFile.open(central_path, user="controller") as central:
            merge_files(central, [files[u] for u in order])
            after_first = snapshot(central_path)
            second = merge_files(central, [files[u] for u in second_order])
            assert all(f.already_merged for f in second.files)
            assert snapshot(central_path) == after_first

            for (m, f), value in expected.items():
                assert getattr(central.entry(m, "P2"), f) == value
            found = {(c.measure_id, c.field, c.central_value, c.incoming_value) for c in central.open_conflicts()}
            assert found == conflicts
            for u in UNITS:
                logged = {(c.node_id, c.field, c.new_value) for c in central.change_log() if c.origin == files[u].name}
                for m in ids[u]:
                    for f in FIELDS:
                        if (
                            final[u][(m, f)] != base[(m, f)]
                            and expected[(m, f)] == final[u][(m, f)] != final["central"][(m, f)]
                        ):
                            assert (m, f, final[u][(m, f)]) in logged

        with GoalFile.open(other_path, user="controller") as other:
            merge_files(other, [files[u] for u in reversed(order)])
        assert snapshot(other_path) == after_first
