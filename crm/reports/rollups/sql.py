"""What each rollup counts, said once as SQL over a row alias: the triggers apply a rule to the
row a write touches (``NEW``, ``OLD``), ``rebuild`` and ``check`` apply the same text to every
row of the table (``crm.reports.rollups.upkeep``).

A rule is a SELECT of contributions (the key columns and the signed values one row adds); an
upsert adds such a SELECT into its table (``cube`` first spreads a contribution over the
``ALL`` keys of the cube tables). Both databases take the same statements but for the few
expressions ``Sql`` words for each (the city's day and year, a month, days between two times).
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from ...codes import Stage
from ...projects.models import MEGA_USD_CENTS, VERIFIED_FROM
from .models import ALL, ALL_YEARS, NO_INDUSTRY

PIPELINE = [s.value for s in Stage.pipeline()]
BEFORE_SIGNED = [s.value for s in Stage.pipeline() if s.order < Stage.SIGNED.order]
SIGNED_OR_LATER = [s.value for s in Stage.pipeline() if s.order >= Stage.SIGNED.order]

# the stays' histogram: whole days one by one up to 64, then 8 at a time up to 512, then 64
# at a time (a few hundred buckets however long the stays; each a short index range of
# StageChange.stay_days for the median's exact value)
FINE, MIDDLE, WIDE = 64, 512, (8, 64)


def bucket_days(bucket: int) -> tuple[int, int]:
    """The whole days a bucket of ``Sql.bucket`` holds: [first, stop)."""
    if bucket < FINE:
        return bucket, bucket + 1
    middle = FINE + (MIDDLE - FINE) // WIDE[0]
    if bucket < middle:
        first = FINE + (bucket - FINE) * WIDE[0]
        return first, first + WIDE[0]
    first = MIDDLE + (bucket - middle) * WIDE[1]
    return first, first + WIDE[1]


PROJECT_KEYS = ("zone_code", "kind", "year", "stage", "reached_order", "unverified",
                "industry")
PROJECT_VALUES = ("projects", "usd_cents", "mega", "candidates", "land_micro_mu",
                  "output_usd_cents", "tax_usd_cents")
STAY_KEYS = ("zone_code", "kind", "year", "stage", "bucket")
STAY_VALUES = ("stays",)
DAY_KEYS = ("metric", "grain", "day", "zone_code")
DAY_VALUES = ("n", "usd_cents", "mega", "fortune500")


def codes(values: list[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


class Sql:
    """The expressions that differ between SQLite and PostgreSQL. Days and years are the
    city's (``crm.clock``): PostgreSQL converts with the zone's name, SQLite with its offset,
    which must then be the same all year (Asia/Shanghai's is)."""

    def __init__(self, dialect: str, city_zone: str):
        self.dialect, self.zone = dialect, city_zone
        if dialect == "sqlite":
            tz = ZoneInfo(city_zone)
            year = datetime.now(UTC).year
            offsets = {datetime(year, month, 1, tzinfo=tz).utcoffset() for month in (1, 7)}
            if len(offsets) != 1:
                raise ValueError(f"{city_zone} changes its UTC offset: SQLite cannot keep "
                                 "the city's days in triggers")
            self.shift = f"'{int(offsets.pop().total_seconds() // 60):+d} minutes'"

    @property
    def sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def city_day(self, time: str) -> str:
        if self.sqlite:
            return f"date({time}, {self.shift})"
        return f"CAST(({time} AT TIME ZONE '{self.zone}') AS DATE)"

    def city_year(self, time: str) -> str:
        if self.sqlite:
            return f"CAST(strftime('%Y', {time}, {self.shift}) AS INTEGER)"
        return f"CAST(EXTRACT(YEAR FROM ({time} AT TIME ZONE '{self.zone}')) AS INTEGER)"

    def utc_day(self, time: str) -> str:
        """The UTC day (the activity report groups stage changes so, by ``date(at)``)."""
        if self.sqlite:
            return f"date({time})"
        return f"CAST(({time} AT TIME ZONE 'UTC') AS DATE)"

    def days(self, start: str, end: str) -> str:
        """Days from ``start`` to ``end``, as ``crm.reports.common.days_between`` counts."""
        if self.sqlite:
            return f"(julianday({end}) - julianday({start}))"
        return f"CAST(EXTRACT(EPOCH FROM ({end}) - ({start})) / 86400.0 AS DOUBLE PRECISION)"

    def floor(self, number: str) -> str:
        if self.sqlite:
            whole = f"CAST({number} AS INTEGER)"
            return f"({whole} - ({number} < {whole}))"
        return f"CAST(floor({number}) AS INTEGER)"

    def bucket(self, days: str) -> str:
        """The histogram's bucket of a stay of ``days`` (``bucket_days`` says its days)."""
        whole = self.floor(days)
        middle = FINE + (MIDDLE - FINE) // WIDE[0]
        return (f"CASE WHEN {whole} < {FINE} THEN {whole} "
                f"WHEN {whole} < {MIDDLE} THEN {FINE} + ({whole} - {FINE}) / {WIDE[0]} "
                f"ELSE {middle} + ({whole} - {MIDDLE}) / {WIDE[1]} END")

    def month(self, day: str) -> str:
        if self.sqlite:
            return f"date({day}, 'start of month')"
        return f"CAST(date_trunc('month', {day}) AS DATE)"

    def by_day_and_month(self, rows: str) -> str:
        """Day rows (``day_row``s) summed by day and, again, by month (``grain`` 'm', the day
        its first): a period's whole months read a row a month."""
        month = self.month("r.day")
        columns = ", ".join(f"sum(r.{v}) AS {v}" for v in DAY_VALUES)
        return f"""SELECT r.metric AS metric, g.grain AS grain,
            CASE WHEN g.grain = 'm' THEN {month} ELSE r.day END AS day,
            r.zone_code AS zone_code, {columns}
            FROM ({summed(("metric", "day", "zone_code"), DAY_VALUES, rows)}) r
            CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm') g
            WHERE true GROUP BY 1, 2, 3, 4 HAVING {_some(DAY_VALUES)}"""

    def day_upsert(self, rows: str) -> str:
        return upsert("rollup_day", DAY_KEYS, DAY_VALUES, self.by_day_and_month(rows))

    def changed(self, column: str) -> str:
        """For a trigger's WHEN: the UPDATE changed ``column``."""
        if self.sqlite:
            return f"OLD.{column} IS NOT NEW.{column}"
        return f"OLD.{column} IS DISTINCT FROM NEW.{column}"

    # -- the rules, over a row alias -----------------------------------------------------------

    def project_rows(self, p: str, sign: int, tables: str = "", where: str = "true",
                     industry: str | None = None) -> str:
        """Project ``p`` as rollup_project counts it (when live); ``industry``: the industry
        to count it under, when not its company's now (a company changing its industry)."""
        s = sign
        land = f"{p}.land_mu > 0"
        return f"""SELECT {p}.zone_code AS zone_code, {p}.kind AS kind,
            {self.city_year(f"{p}.created_at")} AS year, {p}.stage AS stage,
            coalesce({p}.reached_order, 0) AS reached_order,
            {flag(unverified(p))} AS unverified,
            {industry or industry_of(f"{p}.company_id")} AS industry, {s} AS projects,
            {s} * coalesce({p}.total_investment_usd_cents, 0) AS usd_cents,
            {s} * {flag(mega(p))} AS mega,
            {s} * {flag(f"{mega(p)} OR {fortune500(f'{p}.company_id')}")} AS candidates,
            {s} * CASE WHEN {land} THEN CAST(round({p}.land_mu * 1000000) AS BIGINT)
                  ELSE 0 END AS land_micro_mu,
            {s} * CASE WHEN {land} THEN coalesce({p}.annual_output_usd_cents, 0)
                  ELSE 0 END AS output_usd_cents,
            {s} * CASE WHEN {land} THEN coalesce({p}.annual_tax_usd_cents, 0)
                  ELSE 0 END AS tax_usd_cents
            {from_(tables)} WHERE {live(p)} AND ({where})"""

    def stay_of(self, c: str) -> str:
        """The days of the stay that change ``c`` ends: from the project's change before it (by
        time, then id), or from the project's creation for the first."""
        previous = f"""(SELECT b.at FROM stage_change b WHERE b.project_id = {c}.project_id
            AND (b.at < {c}.at OR (b.at = {c}.at AND b.id < {c}.id))
            ORDER BY b.at DESC, b.id DESC LIMIT 1)"""
        created = f"(SELECT pc.created_at FROM project pc WHERE pc.id = {c}.project_id)"
        return self.days(f"coalesce({previous}, {created})", f"{c}.at")

    def kept_stay(self, c: str) -> str:
        """``StageChange.stay_days``: the stay, while the project is live (NULL in the bin, so
        that the stays of every live project are an index range of their own)."""
        live_project = f"EXISTS (SELECT 1 FROM project pl WHERE pl.id = {c}.project_id " \
                       f"AND {live('pl')})"
        return f"CASE WHEN {live_project} THEN {self.stay_of(c)} END"

    def kept_stays_all(self) -> str:
        """``kept_stay`` of every change at once: each one's previous change by a window over
        the project's changes (one sort, no index needed), and only the changes whose kept
        stay differs written (a row written again costs its indexes a new entry: on
        PostgreSQL 4 of the 5 seconds a rebuild of 220,000 changes took)."""
        previous = ("lag(c.at) OVER (PARTITION BY c.project_id ORDER BY c.at, c.id)")
        counted = f"""SELECT c.id AS id, CASE WHEN {live('p')} THEN
            {self.days(f"coalesce({previous}, p.created_at)", "c.at")} END AS days
            FROM stage_change c JOIN project p ON p.id = c.project_id"""
        differs = "IS NOT" if self.sqlite else "IS DISTINCT FROM"
        return f"""UPDATE stage_change SET stay_days = n.days FROM ({counted}) n
            WHERE n.id = stage_change.id AND stage_change.stay_days {differs} n.days"""

    def stay_rows(self, p: str, c: str, sign: int, tables: str, where: str = "true",
                  days: str | None = None) -> str:
        """The stays that ``p``'s changes ``c`` end, as rollup_stay counts them (``days``: the
        stay's length, the one kept on the change unless given)."""
        days = days or f"{c}.stay_days"
        return f"""SELECT {p}.zone_code AS zone_code, {p}.kind AS kind,
            {self.city_year(f"{p}.created_at")} AS year, {c}.from_stage AS stage,
            {self.bucket(days)} AS bucket, {sign} AS stays
            FROM {tables} WHERE {c}.project_id = {p}.id AND {live(p)}
            AND {c}.from_stage IN ({codes(PIPELINE)}) AND {days} IS NOT NULL AND ({where})"""

    def created_rows(self, p: str, sign: int, tables: str = "") -> str:
        return day_row("created", f"{p}.zone_code", self.city_day(f"{p}.created_at"), sign,
                       tables, live(p))

    def signed_rows(self, p: str, c: str, sign: int, tables: str, where: str = "true") -> str:
        """Each move ``c`` of project ``p`` to signed or later from a stage before it."""
        return f"""SELECT 'signed' AS metric, {p}.zone_code AS zone_code,
            {self.city_day(f"{c}.at")} AS day, {sign} AS n,
            {sign} * coalesce({p}.total_investment_usd_cents, 0) AS usd_cents,
            {sign} * {flag(mega(p))} AS mega,
            {sign} * {flag(fortune500(f"{p}.company_id"))} AS fortune500
            FROM {tables} WHERE {c}.project_id = {p}.id AND {live(p)} AND {reaches_signed(c)}
            AND ({where})"""

    def moves_rows(self, p: str, c: str, sign: int, tables: str, where: str = "true") -> str:
        return day_row("moves", f"{p}.zone_code", self.utc_day(f"{c}.at"), sign, tables,
                       f"{c}.project_id = {p}.id AND {live(p)} AND ({where})")


def from_(tables: str) -> str:
    return f"FROM {tables}" if tables else ""


def live(alias: str) -> str:
    return f"{alias}.deleted_at IS NULL"


def flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def mega(p: str) -> str:
    """超亿美元, as ``Project.mega`` says it."""
    return f"coalesce({p}.total_investment_usd_cents, 0) >= {MEGA_USD_CENTS}"


def unverified(p: str) -> str:
    """待核实, as ``Project.unverified`` says it: reached registered, not verified."""
    return (f"coalesce({p}.reached_order, 0) >= {VERIFIED_FROM.order} "
            f"AND {p}.verified_at IS NULL")


def fortune500(company_id: str) -> str:
    """世界500强 origin, as ``Company.fortune500`` says it."""
    return (f"EXISTS (SELECT 1 FROM company fc WHERE fc.id = {company_id} "
            "AND fc.fortune500_entry_id IS NOT NULL)")


def keyed_industry(industry: str) -> str:
    """An industry (``Company.industry``, SQL) as rollup_project keys it: NO_INDUSTRY for
    none."""
    return f"coalesce({industry}, '{NO_INDUSTRY}')"


def industry_of(company_id: str) -> str:
    """The industry of the company ``company_id`` as rollup_project keys it."""
    return keyed_industry(f"(SELECT ic.industry FROM company ic WHERE ic.id = {company_id})")


def reaches_signed(c: str) -> str:
    """A move to signed or later from a stage before it (``common.reached_between``)."""
    return (f"{c}.from_stage IN ({codes(BEFORE_SIGNED)}) "
            f"AND {c}.to_stage IN ({codes(SIGNED_OR_LATER)})")


def day_row(metric: str, zone: str, day: str, sign: int, tables: str, where: str) -> str:
    return f"""SELECT '{metric}' AS metric, {zone} AS zone_code, {day} AS day, {sign} AS n,
        0 AS usd_cents, 0 AS mega, 0 AS fortune500 {from_(tables)} WHERE {where}"""


def meeting_rows(i: str, sign: int, tables: str = "") -> str:
    """A live meeting by its own zone ('' for a city-level one): the activity report."""
    return day_row("meetings", f"coalesce({i}.zone_code, '{ALL}')", f"{i}.occurred_on", sign,
                   tables, live(i))


def due_rows(i: str, f: str, sign: int, tables: str, where: str = "true") -> str:
    """An open follow-up ``f`` of a live meeting ``i`` with a zone, on the day it is due."""
    return day_row("due", f"{i}.zone_code", f"{f}.due_on", sign, tables,
                   f"{f}.interaction_id = {i}.id AND {live(i)} AND NOT {f}.done "
                   f"AND {i}.zone_code IS NOT NULL AND ({where})")


# the paid-in report's two metrics: a payment counts in the figures, or beside them while its
# project awaits verification (核实)
PAID, PAID_PENDING = "paid_in", "paid_pending"


def paid_rows(p: str, pay: str, sign: int, tables: str, where: str = "true") -> str:
    """A payment ``pay`` of live project ``p`` (实际到资): its US dollars on the day received,
    under the project's zone, as PAID, or as PAID_PENDING while the project awaits
    verification (``Project.unverified``)."""
    return f"""SELECT CASE WHEN {unverified(p)} THEN '{PAID_PENDING}' ELSE '{PAID}' END
        AS metric, {p}.zone_code AS zone_code, {pay}.received_on AS day, {sign} AS n,
        {sign} * coalesce({pay}.amount_usd_cents, 0) AS usd_cents, 0 AS mega, 0 AS fortune500
        FROM {tables} WHERE {pay}.project_id = {p}.id AND {live(p)} AND ({where})"""


def link_zones(projects: str = "true", talents: str = "true") -> str:
    """(interaction_id, zone_code) for each meeting and each zone it counts for: a zone of a
    live project or talent it links to (the league's ``meetings``), each pair once."""
    return f"""SELECT ip.interaction_id AS interaction_id, lp.zone_code AS zone_code
        FROM interaction_project ip JOIN project lp ON lp.id = ip.project_id
        WHERE {live("lp")} AND ({projects})
        UNION SELECT it.interaction_id, lt.zone_code
        FROM interaction_talent it JOIN talent lt ON lt.id = it.talent_id
        WHERE {live("lt")} AND ({talents})"""


def links_to_zone(i: str, zone: str) -> str:
    """How many live projects and talents of ``zone`` meeting ``i`` links to."""
    return f"""((SELECT count(*) FROM interaction_project ip JOIN project lp
                 ON lp.id = ip.project_id WHERE ip.interaction_id = {i}
                 AND lp.zone_code = {zone} AND {live("lp")})
              + (SELECT count(*) FROM interaction_talent it JOIN talent lt
                 ON lt.id = it.talent_id WHERE it.interaction_id = {i}
                 AND lt.zone_code = {zone} AND {live("lt")}))"""


def linked_rows(i: str, zones: str, sign: int, tables: str, where: str = "true") -> str:
    """Meeting ``i`` (live) once for each zone of ``zones`` (a ``link_zones`` subquery)."""
    return day_row("linked", "lz.zone_code", f"{i}.occurred_on", sign,
                   f"{tables}, ({zones}) lz" if tables else f"({zones}) lz",
                   f"lz.interaction_id = {i}.id AND {live(i)} AND ({where})")


def signed_again(where: str = "true") -> str:
    """Rows of rollup_signed_again: each move to signed or later after an earlier one of the
    same project (by time, then id), with that earlier one's time."""
    previous = f"""(SELECT b.at FROM stage_change b WHERE b.project_id = c.project_id
        AND {reaches_signed("b")} AND (b.at < c.at OR (b.at = c.at AND b.id < c.id))
        ORDER BY b.at DESC, b.id DESC LIMIT 1)"""
    return f"""SELECT x.change_id, x.project_id, x.at, x.previous_at FROM (
        SELECT c.id AS change_id, c.project_id AS project_id, c.at AS at,
        {previous} AS previous_at FROM stage_change c
        WHERE {reaches_signed("c")} AND ({where})) x WHERE x.previous_at IS NOT NULL"""


# -- adding contributions into a table ---------------------------------------------------------

# the eight corners of a cube: each of zone, kind and year as itself or ALL
_CORNERS = " UNION ALL ".join(
    f"SELECT {z} AS z, {k} AS k, {y} AS y" for z in (0, 1) for k in (0, 1) for y in (0, 1))


def cube(keys: tuple, values: tuple, rows: str) -> str:
    """``rows`` (contributions with ``keys`` and ``values``) summed into every corner of the
    cube: zone, kind and year each as itself and as ALL (summed by their keys first: a
    recount spreads a row per key, not per record)."""
    spread = {"zone_code": f"CASE WHEN a.z = 1 THEN '{ALL}' ELSE r.zone_code END",
              "kind": f"CASE WHEN a.k = 1 THEN '{ALL}' ELSE r.kind END",
              "year": f"CASE WHEN a.y = 1 THEN {ALL_YEARS} ELSE r.year END"}
    columns = [f"{spread.get(k, f'r.{k}')} AS {k}" for k in keys]
    columns += [f"sum(r.{v}) AS {v}" for v in values]
    positions = ", ".join(str(i + 1) for i in range(len(keys)))
    return f"""SELECT {', '.join(columns)} FROM ({summed(keys, values, rows)}) r
        CROSS JOIN ({_CORNERS}) a WHERE true GROUP BY {positions} HAVING {_some(values)}"""


def summed(keys: tuple, values: tuple, rows: str) -> str:
    """``rows`` summed by their keys (a table that is no cube)."""
    columns = [f"r.{k} AS {k}" for k in keys] + [f"sum(r.{v}) AS {v}" for v in values]
    positions = ", ".join(str(i + 1) for i in range(len(keys)))
    return (f"SELECT {', '.join(columns)} FROM ({rows}) r WHERE true GROUP BY {positions} "
            f"HAVING {_some(values)}")


def _some(values: tuple) -> str:
    """Not every sum zero: a write that changes nothing in a row leaves it alone."""
    return " OR ".join(f"sum(r.{v}) <> 0" for v in values)


def upsert(table: str, keys: tuple, values: tuple, select: str) -> str:
    """Add ``select``'s rows (its keys first, in order: one lock order for every writer) into
    ``table``."""
    positions = ", ".join(str(i + 1) for i in range(len(keys)))
    adds = ", ".join(f"{v} = {table}.{v} + excluded.{v}" for v in values)
    return f"""INSERT INTO {table} ({', '.join(keys + values)}) {select} ORDER BY {positions}
        ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {adds}"""


def union(*parts: str) -> str:
    return " UNION ALL ".join(f"SELECT * FROM ({part}) u{i}" for i, part in enumerate(parts))


def project_upsert(rows: str) -> str:
    return upsert("rollup_project", PROJECT_KEYS, PROJECT_VALUES,
                  cube(PROJECT_KEYS, PROJECT_VALUES, rows))


def stay_upsert(rows: str) -> str:
    return upsert("rollup_stay", STAY_KEYS, STAY_VALUES, cube(STAY_KEYS, STAY_VALUES, rows))


