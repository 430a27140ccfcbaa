"""Every word the window says in its own voice, in one list a Swedish speaker can proofread.

What the organisation names for itself — its levels, its kinds of measured
item, its scale values, units, boards and periods — comes from the file and
is passed in: nothing here names a level (the names of Norrbotten's four
levels are Norrbotten's words, not the app's). Sentences with a number or a name in them are functions.
A label with `&` marks its Alt key; within one window no two visible labels
share a key (tests/test_ui_keyboard.py checks). Never build a label from a
code name, never print a code.
"""

from datetime import date, datetime

from db.model import OrgModel, Period
from db.vocabulary import Meaning, ScalePurpose, count_phrase
from desktop import identity

# --- the window -----------------------------------------------------------------------

NO_FILE_HINT = "Ingen fil är öppen. Välj Arkiv → Öppna… eller Ny från mall…"
EMPTY_HINT = "Välj en rad i trädet för att se och fylla i den."
GOAL_FILES = "Styrkort-filer (*.styrkort *.sqlite);;Alla filer (*)"
TEMPLATES = "Strukturmallar (*.json);;Alla filer (*)"
READ_ONLY_TITLE = " (skrivskyddad)"
PERIOD_LABEL = "&Period: "
PERIOD_NAME = "Period"
PROGRESS_NAME = "Rapporteringsläge"
TREE_NAME = "Målträd"
NO_RECENT = "(inga filer ännu)"
APP_NAME = identity.APP_NAME  # a message box's title
UNEXPECTED = (
    "Ett oväntat fel inträffade. Det du redan sparat finns kvar i filen.\n\n"
    "Detaljerna finns i loggfilen {log}; skicka gärna den till den som förvaltar Styrkort."
)


def window_title(file_name: str, unit_name: str | None, readonly: bool) -> str:
    """The file, whose it is, and whether it is read-only; Qt adds the app's name once."""
    title = f"{file_name} – enhetsfil för {unit_name}" if unit_name else file_name
    return title + (READ_ONLY_TITLE if readonly else "")


def period_title(period: Period) -> str:
    """A period as the window names it everywhere: '2022 delår (per augusti)'."""
    return f"{period.name} ({period.label})" if period.label else period.name


def period_choice(period: Period) -> str:
    """A period in the period selector: '2022 delår (per augusti) (aktuell, låst)'."""
    states = [word for word, on in (("aktuell", period.is_current), ("låst", period.locked)) if on]
    return period_title(period) + (f" ({', '.join(states)})" if states else "")


def file_missing(path) -> str:
    return f"Filen {path} finns inte."


def not_a_file(path) -> str:
    return f"{path} är ingen fil."


# --- menus ----------------------------------------------------------------------------

MENU_FILE = "&Arkiv"
MENU_EDIT = "&Redigera"
MENU_VIEW = "&Visa"
MENU_HELP = "&Hjälp"
NEW_FROM_TEMPLATE = "&Ny från mall…"
OPEN = "&Öppna…"
OPEN_RECENT = "Öppna &senaste"
PRINT_REPORT = "Skriv &ut rapport…"
EXPORT_TABLE = "Exportera &tabell (CSV)…"
IMPORT_TABLE = "&Importera tabell (CSV)…"
READY_TO_SEND = "&Klar att skicka…"
EXPORT_UNIT_FILES = "&Exportera enhetsfiler…"
MERGE_UNIT_FILES = "Sa&mmanfoga inkomna filer…"
COLLECTION_STATUS = "Insamlingens &läge…"
CONFLICTS = "&Konflikter…"
QUIT = "&Avsluta"
UNDO = "&Ångra"
REDO = "&Gör om"
SEARCH = "&Sök…"
CLEAR_FILTERS = "Rensa &filtren"
GO_TO_TREE = "&Gå till trädet"
GO_TO_EDITOR = "Gå till &redigeraren"
EXPAND_ALL = "Fäll &ut alla"
COLLAPSE_ALL = "Fäll &ihop alla"
HANDBOOK = "&Handbok"
LEGEND = "&Symbolförklaring"
ABOUT = "&Om Styrkort"
CHOOSE_GOAL_FILE = "Öppna målfil"
CHOOSE_TEMPLATE = "Välj strukturmall"
NEW_FILE_TITLE = "Ny målfil"
NEW_FROM_GOAL_FILE = "Strukturen i en befintlig målfil (ett planår)"
NEW_FROM_TEMPLATE_FILE = "En strukturmall (JSON-fil)"
NEW_SOURCE_LABEL = "&Utgå från:"
NEW_CHOSEN_LABEL = "&Fil:"
NEW_CHOSEN_NAME = "Vald fil"
BROWSE = "&Bläddra…"
NEW_YEAR_LABEL = "&Planår:"
NEW_ORGANISATION_LABEL = "&Organisation:"
NEW_TARGET_LABEL = "&Spara som:"
NEW_TARGET_NAME = "Den nya målfilen"
CHOOSE_TARGET = "Väl&j…"
CREATE = "Skapa &målfil"
NEW_FILE_NOTE = ("De inbyggda mallarna och en befintlig målfils planår ger strukturen – nivåer, skalor, nämnder, "
                 "enheter och mål – men inga värden. Strukturen kan sedan ändras i trädet.")  # fmt: skip
PICK_GOAL_FILE_FIRST = "Välj först målfilen vars struktur den nya filen ska utgå från."
PICK_TEMPLATE_FIRST = "Välj först strukturmallen."
NO_TARGET = "Ange var den nya målfilen ska sparas."
SAVE_NEW_FILE_AS = "Spara den nya målfilen som"

# --- the tree -------------------------------------------------------------------------

COLUMN_HEADERS = ("", "Nämnd", "Mål", "Utfall", "Måluppfyllelse", "Utveckling", "Status", "Enhet")
NO_ENTRY_TIP = "Inget ifyllt för perioden."
OTHER_UNIT_TIP = "Tillhör en annan enhet; kan inte ändras i den här enhetsfilen."
CONFLICT_MARK = "Olöst konflikt"


def tree_header(model: OrgModel) -> str:
    """The first column's header in the file's words, from the top level to the measured items;
    a long chain keeps its ends: '<top> › … › <items>'."""
    names = [level.singular for level in model.levels]
    if not names:
        return "Namn"
    whole = " › ".join(names)
    return whole if len(whole) <= HEADER_LENGTH else f"{names[0]} › … › {names[-1]}"


HEADER_LENGTH = 40  # characters: longer would push the other columns off a laptop's screen


def tree_header_tip(model: OrgModel) -> str:
    return " › ".join(level.singular for level in model.levels)


def prognosis_tip(label: str) -> str:
    return f"Prognos: {label}"


def conflict_tip(field_labels: list[str]) -> str:
    """Which fields a merge left in conflict, by their labels."""
    return f"Olöst konflikt från sammanfogning: {', '.join(field_labels)}. Lös den i redigeraren eller under Visa → Konflikter…"


def outcome_summary(total: str, women: str, men: str, text: str, split: bool) -> str:
    """The outcome as one cell: the total with kvinnor/män where split, only kvinnor/män when
    no total is given, else the outcome in words."""
    gender = f"K {women or '–'}, M {men or '–'}" if split and (women or men) else ""
    if total:
        return f"{total} ({gender})" if gender else total
    return gender or text


# --- filters and the progress line ----------------------------------------------------

SEARCH_PLACEHOLDER = "Sök i namn och kommentarer  (Ctrl+F)"
SEARCH_NAME = "Sök"
FILTER_NAMES = {"board": "Nämnd", "unit": "Enhet", "status": "Status", "fulfilment": "Måluppfyllelse"}
FILTER_MENUS = {"board": "&Nämnd", "unit": "&Enhet", "status": "S&tatus", "fulfilment": "&Måluppfyllelse"}
FILTER_ALL = {
    "board": "Oavsett nämnd",
    "unit": "Oavsett enhet",
    "status": "Oavsett status",
    "fulfilment": "Oavsett måluppfyllelse",
}
NOT_ASSESSED = "Ej bedömd"
NO_COMMENTARY = "Saknar kommentar"
CLEAR = "Rensa"
CLEAR_TIP = "Rensa filtren och sökningen (Ctrl+Shift+R)"


def not_met_uncommented(labels: list[str]) -> str:
    """The filter for what is assessed as not met and carries no commentary, in the scale's words."""
    return f"{'/'.join(labels)} utan kommentar"


def fulfilment_choice(label: str, kinds: str) -> str:
    """A fulfilment value where several scales are offered together: 'Genomförd (aktiviteter)'."""
    return f"{label} ({kinds})" if kinds else label


def show_other_units(model: OrgModel) -> str:
    return f"Visa an&dra enheters {_plural(model)}"


def progress_line(reported: int, ready: int, total: int, model: OrgModel, filtered: bool) -> str:
    """'87 av 107 <items> ifyllda, 12 med status Klar' over the measures shown."""
    text = f"{reported} av {total} {_plural(model)} ifyllda, {ready} med status Klar"
    return text + " (i urvalet)" if filtered else text


def unit_progress_line(unit_name: str, reported: int, ready: int, total: int, model: OrgModel) -> str:
    """In a unit file: the unit's own measures only, whatever the filters show."""
    return f"{unit_name}: {reported} av {total} {_plural(model)} ifyllda, {ready} med status Klar"


def _plural(model: OrgModel) -> str:
    return model.item_level.plural.lower() if model.levels else "mått"


# --- the editors ----------------------------------------------------------------------

EDITOR_LABELS = {  # the Alt keys avoid the menus' A, R, V, H and the period's P
    "target": "Må&l:",
    "outcome_total": "Utfall &totalt:",
    "outcome_women": "&Kvinnor:",
    "outcome_men": "Mä&n:",
    "outcome_text": "Utfall i te&xt:",
    "fulfilment": "&Måluppfyllelse:",
    "trend": "&Utveckling:",
    "commentary": "K&ommentar:",
    "status": "&Status:",
    "description": "&Beskrivning:",
    "prognosis": "Pro&gnos:",
    "evidence": "Underlag:",
    "assessment": "B&edömning:",
}
TARGET_NAME = "Mål"


def plain(label: str) -> str:
    """A label's words without its Alt-key mark and colon: a field's accessible name."""
    return label.replace("&", "").rstrip(": ")


TARGET_CENTRAL_ONLY = "Målet ändras i centralfilen."
OUTCOME_TEXT_PLACEHOLDER = "Utfall i ord, t.ex. ”15 filialer och 20 servicepunkter”"
NO_VALUE = "– ej bedömd –"
NO_PROGNOSIS = "– ingen prognos –"
USE_FULFILMENT_SUGGESTION = "Använd &förslaget"
USE_TREND_SUGGESTION = "Använd försla&get"
SUGGESTION_TIP = "Räknat från utfall och mål; ditt val avgör."
COMMENTARY_HINT = "Stycken skiljs med en tom rad. Rader som börjar med ”- ” blir punktlistor i rapporten."
KLAR_RULE = "Med den här bedömningen behövs en kommentar innan det kan markeras klart."
NOT_CHANGED_YET = "Inte ändrad ännu"
KEEP_FIELD_VALUE = "Behåll värdet i fältet"
NO_UNIT = "ingen"


def suggestion(label: str) -> str:
    return f"Förslag: {label}"


def suggestion_description(label: str, key: str) -> str:
    """What a screen reader adds to a choice that has a suggestion."""
    return f"Förslag: {label}. Använd förslaget med Alt+{key}."


def not_a_number(text: str) -> str:
    shown = text.strip()
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    return f"”{shown}” är inget tal. Skriv bara talet här, t.ex. 4 eller 83,6 %; ord hör hemma i Utfall i text."


def refused(reason: str) -> str:
    return f"Kan inte ändras: {reason}"


def read_only(reason: str) -> str:
    return f"Skrivskyddat. {reason}".strip()


def changed_line(by: str, at: str, from_template: bool) -> str:
    if not (by and at):
        return NOT_CHANGED_YET
    when = local_time(at)
    return f"Inläst från strukturmallen den {when}" if from_template else f"Senast ändrad av {by} den {when}"


def measure_facts(board: str, unit: str, direction: str | None, comparison: str | None, footnote: str,
                  compared: Period | None = None) -> list[str]:  # fmt: skip
    facts = [f"Nämnd: {board}", f"Enhet: {unit or NO_UNIT}"]
    if direction and comparison:
        period = compared.name if compared else "ingen sådan period finns"
        facts.append(f"{direction}, jämförs med {comparison} ({period})")
    if footnote:
        facts.append(f"Fotnot: {footnote}")
    return facts


def node_facts(model: OrgModel, depth: int, boards: list[str], children: int, measures: int, filled: int,
               period: Period) -> list[str]:  # fmt: skip
    level = model.level(depth)
    facts = [f"Nämnd: {', '.join(boards)}"] if level.has_boards else []
    if children:
        below = model.level(depth + 1)
        facts.append(count_phrase(children, below.singular.lower(), below.plural.lower()))
    items = model.item_level
    facts.append(f"{count_phrase(measures, items.singular.lower(), items.plural.lower())}, "
                 f"{filled} ifyllda för {period_title(period)}")  # fmt: skip
    if level.has_assessment:
        facts.append(f"Prognos för året vid {period_title(period)}")
    return facts


def evidence_line(count: int, kind_singular: str, kind_plural: str, parts: list[str]) -> str:
    return f"{count_phrase(count, kind_singular.lower(), kind_plural.lower())}: " + ", ".join(parts)


def not_assessed_count(n: int) -> str:
    return f"{n} ej bedömda" if n != 1 else "1 ej bedömd"


def no_items(model: OrgModel) -> str:
    return f"Inga {_plural(model)}."


def conflict_note(incoming: str, central: str, source_file: str) -> str:
    return (f"Konflikt: {source_file} har ”{_short(incoming)}”, centralen hade "
            f"”{_short(central)}”. Fältet visar centralens värde.")  # fmt: skip


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + " …"


TAKE_UNIT_VALUE = "Ta enhetens värde"


def local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


# --- the unit file --------------------------------------------------------------------

NO_DEADLINE = "ingen angiven"
SENDER_UNKNOWN = "den som skickade filen"
SHOW_IN_FOLDER = "Visa filen i &mappen"
WRITE_MAIL = "Skriv &e-post"
READY_BUTTON = "Klar att sk&icka…"
SEND_TITLE = "Klar att skicka"


def unit_heading(unit_name: str, period: Period) -> str:
    return f"Enhetsfil för {unit_name} – {period_title(period)}"


def unit_details(deadline: str, return_to: str, exported_by: str) -> str:
    """Sista dag and whom to send the file back to, as the controller set them at export."""
    return f"Sista dag: {deadline_text(deadline) or NO_DEADLINE} · Skickas tillbaka till: {return_to or exported_by or SENDER_UNKNOWN}"


def unit_ready(ready: int, total: int, model: OrgModel) -> str:
    if total and ready == total:
        return f"Alla {total} {_plural(model)} har status Klar – filen kan skickas."
    return f"{ready} av {total} {_plural(model)} har status Klar."


def deadline_text(deadline: str) -> str:
    """An ISO date as '15 september 2022'; anything else as written (the file is not trusted)."""
    try:
        day = date.fromisoformat(deadline)
    except ValueError:
        return deadline.strip()[:60]
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")  # fmt: skip


def send_summary(ready: int, total: int, model: OrgModel) -> str:
    items = _plural(model)
    if total and ready == total:
        return f"Alla {total} {items} har status Klar. Allt du skrivit är sparat i filen."
    return f"{ready} av {total} {items} har status Klar. De här är inte klara än:"


def send_instructions(path, deadline: str, return_to: str, exported_by: str) -> str:
    to = return_to or exported_by or SENDER_UNKNOWN
    by = f" senast {deadline_text(deadline)}" if deadline else ""
    return f"Skicka filen till {to}{by}. Filen:\n{path}"


def not_ready_line(name: str, status: str) -> str:
    return f"{name} ({status})"


def mail_subject(unit_name: str, period: Period) -> str:
    return f"Enhetsfil {unit_name}, {period_title(period)}"


def mail_body(unit_name: str, period: Period, ready: int, total: int, model: OrgModel, path) -> str:
    return (f"Hej!\n\nHär kommer enhetsfilen för {unit_name}, {period_title(period)}: {ready} av {total} "
            f"{_plural(model)} har status Klar.\n\nBifoga filen till det här brevet: {path}\n")  # fmt: skip


def no_mail_client(path, to: str) -> str:
    return f"Inget e-postprogram kunde öppnas. Skicka filen {path} till {to} på det sätt ni brukar."


def no_file_browser(folder) -> str:
    return f"Mappen kunde inte öppnas. Filen ligger i {folder}."


# --- export and merge -----------------------------------------------------------------

EXPORT_TITLE = "Exportera enhetsfiler"
EXPORT_PERIOD = "&Period:"
EXPORT_UNITS = "E&nheter som får en egen fil:"
SELECT_ALL = "Markera &alla"
SELECT_NONE = "Markera &inga"
EXPORT_DEADLINE = "Sista &dag:"
EXPORT_RETURN_TO = "Skicka &tillbaka till:"
RETURN_TO_PLACEHOLDER = "t.ex. fornamn.efternamn@region.se"
EXPORT_FOLDER = "&Mapp:"
CHOOSE_FOLDER = "&Välj mapp…"
EXPORT_START = "&Exportera"
CANCEL = "Avbryt"
CHOOSE_EXPORT_FOLDER = "Välj mapp för enhetsfilerna"
CHOOSE_UNIT_FILES = "Välj inkomna enhetsfiler"
UNIT_FILES = "Enhetsfiler (*.styrkort *.sqlite);;Alla filer (*)"
CHOOSE_A_UNIT = "Välj minst en enhet att exportera."
CHOOSE_A_FOLDER = "Välj en mapp för enhetsfilerna."
NO_OPEN_PERIOD = "Alla perioder är låsta; enhetsfiler exporteras för en öppen period."
OVERWRITE = "Skriv över"
KEEP_FILE = "Behåll filen"
NOTHING_EXPORTED = "Inga enhetsfiler skrevs; filerna i mappen är orörda."
EXPORT_FOLDER_NAME = "Enhetsfiler"


def export_intro(period: Period) -> str:
    return f"Enhetsfilerna gäller {period_title(period)}. Enheterna fyller i den perioden och skickar tillbaka filen."


def overwrite_question(risk: str) -> str:
    return f"{risk} Vill du skriva över den?"


def exported(count: int, folder, kept: list[str]) -> str:
    text = f"Skapade {count_phrase(count, 'enhetsfil', 'enhetsfiler')} i {folder}."
    if kept:
        text += f" Lämnades orörda: {', '.join(kept)}."
    return text


def export_failed(message: str) -> str:
    return f"Enhetsfilerna kunde inte skapas. {message}"


MERGE_TITLE = "Sammanfoga inkomna filer"
ADD_FILES = "&Lägg till filer…"
REMOVE_FILES = "&Ta bort"
MERGE_START = "&Sammanfoga"
MERGE_RESULTS = "Resultat:"
MERGE_RESULTS_NAME = "Resultat av sammanfogningen"
MERGE_FILES_NAME = "Filer att sammanfoga"


def merge_intro(file_name: str) -> str:
    return f"Inkomna enhetsfiler att sammanfoga med {file_name}:"


def merge_backup(name: str) -> str:
    return f"Säkerhetskopia före sammanfogningen: {name}"


def merge_failed(message: str) -> str:
    return f"Inget sammanfogades. {message}"


# --- conflicts and the collection -----------------------------------------------------

CONFLICTS_TITLE = "Konflikter att lösa"
NO_CONFLICTS = "Inga olösta konflikter."
CONFLICT_COLUMNS = ("Fält", "Vid exporten", "Centralens värde", "Inkommande värde", "Fil", "Enhet")
KEEP_CENTRAL = "Behåll &centralens värde"
TAKE_INCOMING = "Ta &inkommande värde"
NEW_VALUE_PLACEHOLDER = "Skriv ett nytt värde…"
NEW_VALUE_NAME = "Nytt värde"
CONFLICT_TABLE_NAME = "Olösta konflikter"
WRITE_NEW = "Spara &nytt värde"
NO_ASSESSMENT = "(ingen bedömning)"


def conflict_details(name: str, field: str, base: str, central: str, incoming: str, source_file: str) -> str:
    """The selected conflict in full, under the table (a cell shows only the start of a long value)."""
    return (f"{name} – {field}\nVid exporten: {base}\nCentralens värde: {central}\n"
            f"Inkommande värde ({source_file}): {incoming}")  # fmt: skip


COLLECTION_COLUMNS = ("Enhet", "Klar", "Utkast", "Ej påbörjad", "Inkomna filer", "Senast inkommen", "Olösta konflikter")
COLLECTION_TABLE_NAME = "Insamlingens läge per enhet"
NOTHING_RETURNED = "ingen ännu"
REFRESH = "&Uppdatera"


def collection_title(period: Period) -> str:
    return f"Insamlingens läge – {period_title(period)}"


def collection_summary(ready: int, total: int, returned: int, units: int, model: OrgModel) -> str:
    return (f"{ready} av {total} {_plural(model)} med status Klar; filer har kommit tillbaka från "
            f"{returned} av {count_phrase(units, 'enhet', 'enheter')}.")  # fmt: skip


# --- the table (CSV) ------------------------------------------------------------------

TABLE_FILES = "Tabeller (*.csv);;Alla filer (*)"
SAVE_TABLE_AS = "Spara tabellen som"
CHOOSE_TABLE = "Välj tabell att importera"
IMPORT = "Importera"


def table_written(rows: int, model: OrgModel, path) -> str:
    items = model.item_level
    return f"Skrev {count_phrase(rows, items.singular.lower(), items.plural.lower())} till {path}."


def import_question(name: str, period: Period) -> str:
    return (f"Läsa in värdena i {name} till {period_title(period)}? Allt eller inget: finns ett fel på någon rad "
            "ändras ingenting. Ångra-historiken töms efter inläsningen.")  # fmt: skip


def table_imported(name: str, fields: int, rows: int, unchanged: int, conflicts: int, model: OrgModel) -> str:
    items = model.item_level
    text = (f"Läste in {name}: {count_phrase(fields, 'värde', 'värden')} ändrades i "
            f"{count_phrase(rows, items.singular.lower(), items.plural.lower())}; {unchanged} oförändrade.")  # fmt: skip
    if conflicts:
        text += (f" {count_phrase(conflicts, 'värde var', 'värden var')} ändrat både i tabellen och i filen sedan "
                 f"tabellen skrevs och blev {'en konflikt' if conflicts == 1 else 'konflikter'}; filens värde "
                 f"behålls tills du löser {'den' if conflicts == 1 else 'dem'} (Visa → Konflikter…).")  # fmt: skip
    return text


def table_file_name(stem: str, period: Period) -> str:
    return f"{stem} {period.name}.csv"


# --- help -----------------------------------------------------------------------------

HANDBOOK_TITLE = "Handbok"
LEGEND_TITLE = "Symbolförklaring"
LEGEND_TREE = "Tecken i trädet"
LEGEND_CONFLICT = "Olöst konflikt från en sammanfogning (lös den i redigeraren)"
LEGEND_OTHER_UNIT = "Grå text: tillhör en annan enhet (i en enhetsfil)"
LEGEND_NO_FILE = "Öppna en målfil för att se dess skalor."
ABOUT_TITLE = "Om Styrkort"
HANDBOOK_MISSING = "Handboken saknas i installationen."


def about(name_and_version: str) -> str:
    return (f"{name_and_version}\n\nUppföljning av mål och måluppfyllelse i balanserad styrning.\n\n"
            "Enheterna fyller i utfall och bedömningar i sina egna filer utan uppkoppling; "
            "controllern sammanfogar dem och skriver ut nämndernas rapport.")  # fmt: skip


def handbook_words(model: OrgModel | None) -> dict[str, str]:
    """The handbook's placeholders in the open file's words (neutral words when none is open)."""
    if model is None or not model.levels:
        return {"items": "mått", "levels": "från målområden till mått", "not_met": "ej uppfyllt"}
    not_met = next((v.label.lower() for scale in model.scales.of_purpose(ScalePurpose.FULFILMENT)
                    if (v := scale.with_meaning(Meaning.NOT_MET))), "ej uppfyllt")  # fmt: skip
    return {
        "items": model.item_level.plural.lower(),
        "levels": " → ".join(level.singular.lower() for level in model.levels),
        "not_met": not_met,
    }
