"""The schema of a goal file and the ordered steps that build it.

`user_version` holds the number of the last step applied. A new file runs
every step; an older file runs the missing ones (after a backup, see
`db.connection`). A step is a list of SQL statements run in order in one
transaction, with foreign keys checked at its end. Never edit a step that has
shipped: add a new one.
"""

# "STK1": tells our files apart from any other SQLite database.
APPLICATION_ID = 0x53544B31


def _statements(script: str) -> list[str]:
    """Steps 1 and 2 shipped as scripts of plain CREATE statements (no trigger, no ';' in a
    string): split once here. Every later step is written as its list of statements."""
    return [statement.strip() for statement in script.split(";") if statement.strip()]


STEP_1_CORE = _statements("""
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
""")

# Bookkeeping for unit files and the merge: what each entry looked like when
# a unit file was exported (the merge's common ancestor), the files merged in,
# and the conflicts a person must resolve.
STEP_2_MERGE = _statements("""
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
""")

# The organisation's own model, plan years, and the structure per plan year.
#
# Schema 2 held Region Norrbotten's model fixed in code: four named levels
# (perspectives, goals, factors, measures), two kinds, four scales, one
# structure for all time. From here the model is data: `levels` (the last one
# names the measured items), `kinds` of measured item with their scale,
# `scales` with their values' meanings to the app's rules. The structure
# belongs to a plan year: `node_years` and `measure_years` hold each node's
# and measure's name, place and settings per year, so next year's changes
# never touch what an earlier year prints; `nodes` and `measures` hold only
# identities, which entries, assessments and history hang on. A period is
# a plan year's period of a kind (T1, delår, helår). Report settings belong
# to a period. Every schema-2 file is Norrbotten-shaped: its rows move
# across as they are, its model is written in as data, and each of its
# structure rows is copied into every plan year its periods name.
STEP_3_MODEL = [
    """CREATE TABLE levels (
        depth           INTEGER PRIMARY KEY CHECK (depth >= 0),
        singular        TEXT NOT NULL,
        plural          TEXT NOT NULL,
        has_description INTEGER NOT NULL DEFAULT 0 CHECK (has_description IN (0, 1)),
        has_boards      INTEGER NOT NULL DEFAULT 0 CHECK (has_boards IN (0, 1)),
        has_assessment  INTEGER NOT NULL DEFAULT 0 CHECK (has_assessment IN (0, 1)),
        article         TEXT NOT NULL DEFAULT 'ett' CHECK (article IN ('en', 'ett')),
        definite        TEXT NOT NULL DEFAULT '',
        definite_plural TEXT NOT NULL DEFAULT ''
    )""",
    """INSERT INTO levels VALUES
        (0, 'Perspektiv', 'Perspektiv', 1, 0, 0, 'ett', 'perspektivet', 'perspektiven'),
        (1, 'Strategiskt mål', 'Strategiska mål', 0, 1, 1, 'ett', 'det strategiska målet', 'de strategiska målen'),
        (2, 'Framgångsfaktor', 'Framgångsfaktorer', 0, 1, 0, 'en', 'framgångsfaktorn', 'framgångsfaktorerna'),
        (3, 'Styrmått', 'Styrmått', 0, 0, 0, 'ett', 'styrmåttet', 'styrmåtten')""",
    """CREATE TABLE scales (
        code     TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        purpose  TEXT NOT NULL CHECK (purpose IN ('fulfilment', 'trend', 'prognosis')),
        position INTEGER NOT NULL
    )""",
    """INSERT INTO scales VALUES
        ('fulfilment', 'Måluppfyllelse, styrmått', 'fulfilment', 0),
        ('activity', 'Måluppfyllelse, aktivitet', 'fulfilment', 1),
        ('trend', 'Utveckling', 'trend', 2),
        ('prognosis', 'Prognos, strategiskt mål', 'prognosis', 3)""",
    """CREATE TABLE scale_values_v3 (
        scale    TEXT NOT NULL REFERENCES scales(code),
        code     TEXT NOT NULL,
        label    TEXT NOT NULL,
        colour   TEXT NOT NULL,
        symbol   TEXT NOT NULL,
        position INTEGER NOT NULL,
        meaning  TEXT CHECK (meaning IN ('met', 'partly', 'not_met', 'not_measured',
                                         'better', 'unchanged', 'worse', 'no_comparison')),
        PRIMARY KEY (scale, code)
    )""",
    """INSERT INTO scale_values_v3
        SELECT scale, code, label, colour, symbol, position,
               CASE scale || ':' || code
                   WHEN 'fulfilment:uppfyllt' THEN 'met' WHEN 'fulfilment:delvis' THEN 'partly'
                   WHEN 'fulfilment:ej' THEN 'not_met' WHEN 'fulfilment:ej_matt' THEN 'not_measured'
                   WHEN 'activity:genomford' THEN 'met'
                   WHEN 'trend:battre' THEN 'better' WHEN 'trend:oforandrad' THEN 'unchanged'
                   WHEN 'trend:samre' THEN 'worse' WHEN 'trend:saknas' THEN 'no_comparison'
                   WHEN 'prognosis:uppfyllt' THEN 'met' WHEN 'prognosis:delvis' THEN 'partly'
                   WHEN 'prognosis:ej' THEN 'not_met'
               END
        FROM scale_values""",
    "DROP TABLE scale_values",
    "ALTER TABLE scale_values_v3 RENAME TO scale_values",
    """CREATE TABLE kinds (
        code        TEXT PRIMARY KEY,
        singular    TEXT NOT NULL,
        plural      TEXT NOT NULL,
        scale       TEXT NOT NULL REFERENCES scales(code),
        has_target  INTEGER NOT NULL DEFAULT 1 CHECK (has_target IN (0, 1)),
        has_outcome INTEGER NOT NULL DEFAULT 1 CHECK (has_outcome IN (0, 1)),
        has_trend   INTEGER NOT NULL DEFAULT 1 CHECK (has_trend IN (0, 1)),
        name_prefix TEXT NOT NULL DEFAULT '',
        position    INTEGER NOT NULL,
        article     TEXT NOT NULL DEFAULT 'ett' CHECK (article IN ('en', 'ett'))
    )""",
    """INSERT INTO kinds VALUES
        ('styrmatt', 'Styrmått', 'Styrmått', 'fulfilment', 1, 1, 1, '', 0, 'ett'),
        ('aktivitet', 'Aktivitet', 'Aktiviteter', 'activity', 1, 1, 0, 'Aktivitet:', 1, 'en')""",
    # Periods: a plan year's period of a kind.
    "CREATE TABLE plan_years (year INTEGER PRIMARY KEY)",
    "INSERT INTO plan_years SELECT DISTINCT year FROM periods",
    """CREATE TABLE period_kinds (
        code     TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        label    TEXT NOT NULL,
        position INTEGER NOT NULL
    )""",
    # A schema-2 period "2022-delar" named "2022 delår", "per augusti" is the kind "delar".
    """INSERT OR IGNORE INTO period_kinds
        SELECT CASE WHEN code LIKE year || '-_%' THEN substr(code, length(year) + 2) ELSE code END,
               CASE WHEN name LIKE year || ' _%' THEN substr(name, length(year) + 2) ELSE name END,
               label, min(position)
        FROM periods GROUP BY label""",
    """CREATE TABLE periods_v3 (
        code       TEXT PRIMARY KEY,
        year       INTEGER NOT NULL REFERENCES plan_years(year),
        kind       TEXT NOT NULL REFERENCES period_kinds(code),
        name       TEXT NOT NULL,
        label      TEXT NOT NULL,
        position   INTEGER NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
        locked     INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
    )""",
    """INSERT INTO periods_v3
        SELECT p.code, p.year, coalesce((SELECT k.code FROM period_kinds k WHERE k.label = p.label), p.code),
               p.name, p.label, p.position, p.is_current, p.locked
        FROM periods p""",
    # A label whose kind code was taken by another label: the period is a kind of its own.
    """INSERT INTO period_kinds
        SELECT code, name, label, 1000 + position FROM periods_v3
        WHERE kind NOT IN (SELECT code FROM period_kinds)""",
    "DROP TABLE periods",
    "ALTER TABLE periods_v3 RENAME TO periods",
    """CREATE TABLE report_settings_v3 (
        period_code TEXT NOT NULL REFERENCES periods(code),
        key         TEXT NOT NULL,
        value       TEXT NOT NULL,
        PRIMARY KEY (period_code, key)
    )""",
    "INSERT INTO report_settings_v3 SELECT p.code, s.key, s.value FROM periods p CROSS JOIN report_settings s",
    "DROP TABLE report_settings",
    "ALTER TABLE report_settings_v3 RENAME TO report_settings",
    # The structure: identities, and each node's and measure's form per plan year.
    """CREATE TABLE nodes (
        id    TEXT PRIMARY KEY,
        depth INTEGER NOT NULL REFERENCES levels(depth)
    )""",
    """INSERT INTO nodes
        SELECT id, 0 FROM perspectives UNION ALL SELECT id, 1 FROM goals UNION ALL SELECT id, 2 FROM factors""",
    """CREATE TABLE node_years (
        node_id     TEXT NOT NULL REFERENCES nodes(id),
        year        INTEGER NOT NULL REFERENCES plan_years(year),
        parent_id   TEXT REFERENCES nodes(id),
        name        TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        position    INTEGER NOT NULL,
        PRIMARY KEY (node_id, year)
    )""",
    "CREATE INDEX node_years_parent ON node_years(year, parent_id)",
    """INSERT INTO node_years
        SELECT p.id, y.year, NULL, p.name, p.description, p.position FROM perspectives p CROSS JOIN plan_years y
        UNION ALL
        SELECT g.id, y.year, g.perspective_id, g.name, '', g.position FROM goals g CROSS JOIN plan_years y
        UNION ALL
        SELECT f.id, y.year, f.goal_id, f.name, '', f.position FROM factors f CROSS JOIN plan_years y""",
    """CREATE TABLE node_boards (
        node_id    TEXT NOT NULL,
        year       INTEGER NOT NULL,
        board_code TEXT NOT NULL REFERENCES boards(code),
        PRIMARY KEY (node_id, year, board_code),
        FOREIGN KEY (node_id, year) REFERENCES node_years(node_id, year)
    )""",
    """INSERT INTO node_boards
        SELECT b.goal_id, y.year, b.board_code FROM goal_boards b CROSS JOIN plan_years y
        UNION ALL
        SELECT b.factor_id, y.year, b.board_code FROM factor_boards b CROSS JOIN plan_years y""",
    """CREATE TABLE measure_years (
        measure_id   TEXT NOT NULL REFERENCES measures(id),
        year         INTEGER NOT NULL REFERENCES plan_years(year),
        node_id      TEXT NOT NULL REFERENCES nodes(id),
        name         TEXT NOT NULL,
        kind         TEXT NOT NULL REFERENCES kinds(code),
        board_code   TEXT NOT NULL REFERENCES boards(code),
        unit_id      TEXT REFERENCES units(id),
        target       TEXT NOT NULL DEFAULT '',
        gender_split INTEGER NOT NULL DEFAULT 0 CHECK (gender_split IN (0, 1)),
        direction    TEXT NOT NULL DEFAULT 'none' CHECK (direction IN ('higher', 'lower', 'none')),
        comparison   TEXT NOT NULL DEFAULT 'previous_period'
                     CHECK (comparison IN ('previous_period', 'same_period_last_year')),
        footnote     TEXT NOT NULL DEFAULT '',
        position     INTEGER NOT NULL,
        PRIMARY KEY (measure_id, year)
    )""",
    "CREATE INDEX measure_years_node ON measure_years(year, node_id)",
    """INSERT INTO measure_years
        SELECT m.id, y.year, m.factor_id, m.name, m.kind, m.board_code, m.unit_id, m.target, m.gender_split,
               m.direction, m.comparison, m.footnote, m.position
        FROM measures m CROSS JOIN plan_years y""",
    "CREATE TABLE measures_v3 (id TEXT PRIMARY KEY)",
    "INSERT INTO measures_v3 SELECT id FROM measures",
    "DROP TABLE measures",
    "ALTER TABLE measures_v3 RENAME TO measures",
    # Per period: the assessment of a node on the assessment level, and commentary sections
    # of a node that holds measures, each knowing which measures it is about.
    """CREATE TABLE assessments (
        node_id     TEXT NOT NULL REFERENCES nodes(id),
        period_code TEXT NOT NULL REFERENCES periods(code),
        prognosis   TEXT,
        text        TEXT NOT NULL DEFAULT '',
        changed_by  TEXT NOT NULL DEFAULT '',
        changed_at  TEXT NOT NULL DEFAULT '',
        revision    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (node_id, period_code)
    )""",
    "INSERT INTO assessments SELECT * FROM goal_assessments",
    """CREATE TABLE sections (
        id          TEXT PRIMARY KEY,
        node_id     TEXT NOT NULL REFERENCES nodes(id),
        period_code TEXT NOT NULL REFERENCES periods(code),
        position    INTEGER NOT NULL,
        heading     TEXT NOT NULL,
        text        TEXT NOT NULL
    )""",
    "INSERT INTO sections SELECT id, factor_id, period_code, position, heading, text FROM factor_sections",
    """CREATE TABLE section_measures (
        section_id TEXT NOT NULL REFERENCES sections(id),
        measure_id TEXT NOT NULL REFERENCES measures(id),
        PRIMARY KEY (section_id, measure_id)
    )""",
    # Schema 2 did not say which measures a section covers: all of its factor's.
    """INSERT INTO section_measures
        SELECT DISTINCT s.id, m.measure_id FROM factor_sections s JOIN measure_years m ON m.node_id = s.factor_id""",
    # What the central file knows of each unit file it exported: which unit and period it is for,
    # the seal over everything the unit may not change, the file as written (to tell a returned or
    # edited file from the untouched export), and what the officer is told (deadline, return to).
    # Schema 2 kept only seals in the meta; its unit files cannot be merged anyway.
    """CREATE TABLE exports (
        id          TEXT PRIMARY KEY,
        sequence    INTEGER NOT NULL UNIQUE,
        unit_id     TEXT NOT NULL REFERENCES units(id),
        period_code TEXT NOT NULL REFERENCES periods(code),
        seal        TEXT NOT NULL,
        file_path   TEXT NOT NULL,
        file_sha    TEXT NOT NULL,
        exported_at TEXT NOT NULL,
        exported_by TEXT NOT NULL,
        deadline    TEXT NOT NULL DEFAULT '',
        return_to   TEXT NOT NULL DEFAULT ''
    )""",
    "DELETE FROM meta WHERE key LIKE 'export:%'",
    "DROP TABLE goal_boards",
    "DROP TABLE factor_boards",
    "DROP TABLE goal_assessments",
    "DROP TABLE factor_sections",
    "DROP TABLE factors",
    "DROP TABLE goals",
    "DROP TABLE perspectives",
    # The committee report (issue 10). A commentary section may stand for one measure's own
    # commentary, so that a node's commentary prints in the order and under the headings its
    # author chose. A trend value meaning better, unchanged or worse is named by one word
    # ("Bättre"); the report adds what each measure compares with ("… än samma period
    # föregående år"), so the defaults no longer say "föregående mätning" for every measure.
    "ALTER TABLE sections ADD COLUMN commentary_of TEXT REFERENCES measures(id)",
    """UPDATE scale_values SET label = 'Bättre'
        WHERE scale = 'trend' AND code = 'battre' AND label = 'Bättre än föregående mätning'""",
    """UPDATE scale_values SET label = 'Sämre'
        WHERE scale = 'trend' AND code = 'samre' AND label = 'Sämre än föregående mätning'""",
    # Stale copies (issue 14): which merge wrote each change-log row, so the merge can tell from
    # the central file alone which export a value came from (never from a file's name).
    """CREATE TABLE merged_changes (
        change_id INTEGER PRIMARY KEY REFERENCES change_log(id),
        merge_id  INTEGER NOT NULL REFERENCES merges(id)
    )""",
]

# What each retirement took out of its plan year (every row, as JSON, and the depth of a retired
# node for its level's name), so that it can be put back in a later session too, as long as no
# one has put it back already: `db.structure.retirements`.
STEP_4_RETIREMENTS = [
    """CREATE TABLE retirements (
        id         INTEGER PRIMARY KEY,
        item_id    TEXT NOT NULL,
        is_node    INTEGER NOT NULL CHECK (is_node IN (0, 1)),
        depth      INTEGER,
        year       INTEGER NOT NULL REFERENCES plan_years(year),
        rows       TEXT NOT NULL,
        retired_at TEXT NOT NULL,
        retired_by TEXT NOT NULL
    )""",
]

STEPS = [STEP_1_CORE, STEP_2_MERGE, STEP_3_MODEL, STEP_4_RETIREMENTS]
SCHEMA_VERSION = len(STEPS)
