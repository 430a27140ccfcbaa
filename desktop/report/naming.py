"""The name a report is offered under: its title, period and board, e.g.
"Mål och måluppfyllelse 2022 delår RS.pdf", so that two boards' reports never
share a name. Only a name: choosing the folder and asking before replacing a
file is the caller's job.
"""

import re

# Characters Windows refuses in a file name, and control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def default_report_name(title: str, period: str, board: str | None = None, perspective: str | None = None,
                        file_format: str = "pdf") -> str:  # fmt: skip
    parts = [title.strip() or "Mål och måluppfyllelse", period, board or "", perspective or ""]
    stem = " ".join(_UNSAFE.sub("-", part).strip() for part in parts if part and part.strip())
    return f"{stem.strip(' .')[:150]}.{file_format}"
