"""The schema of a goal file and the ordered steps that build it.

`user_version` holds the number of the last step applied. A new file runs
every step; an older file runs the missing ones (after a backup, see
`db.connection`). Never edit a step that has shipped: add a new one.
"""

# "STK1": tells our files apart from any other SQLite database.
APPLICATION_ID = 0x53544B31


STEP_1_CORE = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE boards (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE units (
    id   TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE periods (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    label      TEXT NOT NULL,
    year       INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    locked     INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
);
CREATE TABLE perspectives (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL
);
CREATE TABLE goals (
    id             TEXT PRIMARY KEY,
    perspective_id TEXT NOT NULL REFERENCES perspectives(id),
    name           TEXT NOT NULL,
    position       INTEGER NOT NULL
);
CREATE TABLE goal_boards (
    goal_id    TEXT NOT NULL REFERENCES goals(id),
    board_code TEXT NOT NULL REFERENCES boards(code),
    PRIMARY KEY (goal_id, board_code)
);
CREATE TABLE factors (
    id       TEXT PRIMARY KEY,
    goal_id  TEXT NOT NULL REFERENCES goals(id),
    name     TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE factor_boards (
    factor_id  TEXT NOT NULL REFERENCES factors(id),
    board_code TEXT NOT NULL REFERENCES boards(code),
    PRIMARY KEY (factor_id, board_code)
);
CREATE TABLE measures (
    id           TEXT PRIMARY KEY,
    factor_id    TEXT NOT NULL REFERENCES factors(id),
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('styrmatt', 'aktivitet')),
    board_code   TEXT NOT NULL REFERENCES boards(code),
    unit_id      TEXT REFERENCES units(id),
    target       TEXT NOT NULL DEFAULT '',
    gender_split INTEGER NOT NULL DEFAULT 0 CHECK (gender_split IN (0, 1)),
    direction    TEXT NOT NULL DEFAULT 'none'
                 CHECK (direction IN ('higher', 'lower', 'none')),
    comparison   TEXT NOT NULL DEFAULT 'previous_period'
                 CHECK (comparison IN ('previous_period', 'same_period_last_year')),
    footnote     TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL
);
CREATE INDEX measures_factor ON measures(factor_id);
CREATE TABLE entries (
    measure_id    TEXT NOT NULL REFERENCES measures(id),
    period_code   TEXT NOT NULL REFERENCES periods(code),
    outcome_total TEXT NOT NULL DEFAULT '',
    outcome_women TEXT NOT NULL DEFAULT '',
    outcome_men   TEXT NOT NULL DEFAULT '',
    outcome_text  TEXT NOT NULL DEFAULT '',
    fulfilment    TEXT,
    trend         TEXT,
    commentary    TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'ej_paborjad'
                  CHECK (status IN ('ej_paborjad', 'utkast', 'klar')),
    changed_by    TEXT NOT NULL DEFAULT '',
    changed_at    TEXT NOT NULL DEFAULT '',
    revision      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (measure_id, period_code)
);
CREATE TABLE goal_assessments (
    goal_id     TEXT NOT NULL REFERENCES goals(id),
    period_code TEXT NOT NULL REFERENCES periods(code),
    prognosis   TEXT,
    text        TEXT NOT NULL DEFAULT '',
    changed_by  TEXT NOT NULL DEFAULT '',
    changed_at  TEXT NOT NULL DEFAULT '',
    revision    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (goal_id, period_code)
);
CREATE TABLE factor_sections (
    id          TEXT PRIMARY KEY,
    factor_id   TEXT NOT NULL REFERENCES factors(id),
    period_code TEXT NOT NULL REFERENCES periods(code),
    position    INTEGER NOT NULL,
    heading     TEXT NOT NULL,
    text        TEXT NOT NULL
);
CREATE TABLE scale_values (
    scale    TEXT NOT NULL,
    code     TEXT NOT NULL,
    label    TEXT NOT NULL,
    colour   TEXT NOT NULL,
    symbol   TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (scale, code)
);
CREATE TABLE report_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE change_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    by          TEXT NOT NULL,
    subject     TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    period_code TEXT,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    origin      TEXT NOT NULL
);
CREATE INDEX change_log_node ON change_log(node_id);
"""

# Bookkeeping for unit files and the merge: what each entry looked like when
# a unit file was exported (the merge's common ancestor), the files merged in,
# and the conflicts a person must resolve.
STEP_2_MERGE = """
CREATE TABLE export_base (
    measure_id    TEXT NOT NULL,
    period_code   TEXT NOT NULL,
    outcome_total TEXT NOT NULL,
    outcome_women TEXT NOT NULL,
    outcome_men   TEXT NOT NULL,
    outcome_text  TEXT NOT NULL,
    fulfilment    TEXT,
    trend         TEXT,
    commentary    TEXT NOT NULL,
    status        TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    PRIMARY KEY (measure_id, period_code)
);
CREATE TABLE merges (
    id          INTEGER PRIMARY KEY,
    export_id   TEXT NOT NULL,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    source_file TEXT NOT NULL,
    content_sha TEXT NOT NULL,
    merged_at   TEXT NOT NULL,
    merged_by   TEXT NOT NULL,
    applied     INTEGER NOT NULL,
    conflicts   INTEGER NOT NULL,
    rejected    INTEGER NOT NULL
);
CREATE TABLE conflicts (
    id           INTEGER PRIMARY KEY,
    measure_id   TEXT NOT NULL REFERENCES measures(id),
    period_code  TEXT NOT NULL REFERENCES periods(code),
    field        TEXT NOT NULL,
    base_value   TEXT,
    central_value TEXT,
    incoming_value TEXT,
    source_file  TEXT NOT NULL,
    unit_id      TEXT NOT NULL REFERENCES units(id),
    created_at   TEXT NOT NULL,
    resolved_at  TEXT,
    resolved_by  TEXT,
    resolution   TEXT
);
CREATE INDEX conflicts_open ON conflicts(measure_id) WHERE resolved_at IS NULL;
"""

STEPS = [STEP_1_CORE, STEP_2_MERGE]
SCHEMA_VERSION = len(STEPS)

# Columns of an entry that a unit may edit; everything else is structure.
ENTRY_FIELDS = (
    "outcome_total",
    "outcome_women",
    "outcome_men",
    "outcome_text",
    "fulfilment",
    "trend",
    "commentary",
    "status",
)
