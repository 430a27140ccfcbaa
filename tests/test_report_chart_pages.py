"""The fulfilment chart of a file with many strategic goals still fits the page."""

from db.model import Assessment, Node
from desktop.report.chart import fulfilment_chart
from desktop.report.document import FRAME_WIDTH


def test_many_goals_are_drawn_in_drawings_that_each_fit_a_page(goal_file):
    goals = [
        Node(f"g{i}", 1, "p", f"Strategiskt mål {i} med ett namn som är långt nog att brytas", "", [], i,
             Assessment(f"g{i}", "2022-delar"))
        for i in range(45)
    ]  # fmt: skip
    *drawings, _legend = fulfilment_chart(goals, goal_file.model(), FRAME_WIDTH)
    assert len(drawings) == 3
    assert all(d.height < 670 for d in drawings)  # the frame of an A4 page is 671 pt high
