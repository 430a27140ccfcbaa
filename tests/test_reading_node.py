"""One node read alone (what the window reads when a node is selected or edited) is exactly that
node as the whole tree has it: its subtree, entries, comparison entries, assessments and sections."""

import pytest

from db.errors import GoalFileError
from db.model import walk


def test_every_node_read_alone_equals_the_node_in_the_tree(goal_file):
    measures = [m for root in goal_file.tree() for m in root.all_measures()]
    for measure in measures[::10]:  # T1 values: what delår's trends compare with
        goal_file.update_entry(measure.id, "2022-T1", {"outcome_total": "12"})
    assert any(m.previous for root in goal_file.tree() for m in root.all_measures())
    for period in goal_file.periods():
        tree = goal_file.tree(period.code)
        for node in walk(tree):
            assert goal_file.node(node.id, period.code) == node


def test_every_node_of_a_years_structure_read_alone_equals_the_structure(goal_file):
    for node in walk(goal_file.structure(2022)):
        assert goal_file.structure_node(node.id, 2022) == node


def test_a_node_not_in_the_year_is_a_swedish_error(goal_file):
    measure = next(m for root in goal_file.tree() for m in root.all_measures())
    with pytest.raises(GoalFileError, match="finns inte i 2022 års struktur"):
        goal_file.node(measure.id)
    with pytest.raises(GoalFileError, match="finns inte i 1999 års struktur"):
        goal_file.structure_node(goal_file.tree()[0].id, 1999)
