"""The start-up floor: a bare PySide6 process showing the same tree, nothing of ours.

    python floor_start.py TREE.json

TREE.json is the goal tree's shape and names ([name, [children…]] from
`run.tree_outline`). A QStandardItemModel with the same rows and eight
columns in a QTreeView, expanded; prints "ritat" at the first paint of its
viewport and quits, exactly as `main.py --avsluta-efter-ritning` does.
"""

import json
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTreeView

COLUMNS = 8


def rows(parent: QStandardItem, nodes: list) -> None:
    for name, children in nodes:
        item = QStandardItem(name)
        parent.appendRow([item] + [QStandardItem("–") for _ in range(COLUMNS - 1)])
        rows(item, children)


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = True
            QTimer.singleShot(0, lambda: (print("ritat", flush=True), QApplication.quit()))
        return False


def main() -> None:
    app = QApplication(sys.argv[:1])
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels([f"Kolumn {i}" for i in range(COLUMNS)])
    with open(sys.argv[1], encoding="utf-8") as f:
        rows(model.invisibleRootItem(), json.load(f))
    view = QTreeView()
    view.setModel(model)
    view.expandAll()
    view.resize(1400, 850)
    view.show()
    first_paint = FirstPaint(view)
    view.viewport().installEventFilter(first_paint)
    app.exec()


if __name__ == "__main__":
    main()
