"""The committee report (bilaga "Mål och måluppfyllelse") as a PDF (reportlab) or Word file (python-docx).

`build_report(goal_file, out_path, board=…, perspective=…, period=…, file_format=…)`
is the one entry point, for the command line and the GUI alike; `readiness`
says before printing what in a selection is not ready. Never imports Qt.
"""

from .build import DOCX, FORMATS, PDF, ReportResult, build_report
from .chart import chart_data
from .content import content_hash, select
from .naming import default_report_name
from .readiness import NotReadyError, Readiness, check, selection_readiness

__all__ = [
    "DOCX", "FORMATS", "PDF", "NotReadyError", "Readiness", "ReportResult", "build_report", "chart_data", "check",
    "content_hash", "default_report_name", "select", "selection_readiness",
]  # fmt: skip
