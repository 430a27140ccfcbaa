"""The committee report (bilaga "Mål och måluppfyllelse") as a PDF, with reportlab.

`build_report(goal_file, out_path, board=…, perspective=…, period=…)` is the
one entry point, for the command line and the GUI alike. Never imports Qt.
"""

from .build import ReportResult, build_report
from .chart import chart_data
from .content import content_hash, select

__all__ = ["ReportResult", "build_report", "chart_data", "content_hash", "select"]
