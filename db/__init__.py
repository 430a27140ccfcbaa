"""Storage: the goal file, its schema, templates, unit files and the merge.

Never imports Qt: the command line, the report and the tests use it alone.
"""

from .errors import GoalFileError
from .goalfile import GoalFile

__all__ = ["GoalFile", "GoalFileError"]
