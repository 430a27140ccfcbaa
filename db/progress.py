"""The one progress signature of long work (export, merge, report): `progress(done, total, what)`.

`what` is a short Swedish phrase for a progress dialog ("Sammanfogar enhet-HR.styrkort"), or "".
"""

from collections.abc import Callable

Progress = Callable[[int, int, str], None]


def quiet(done: int, total: int, what: str) -> None:
    """Progress nobody watches."""
