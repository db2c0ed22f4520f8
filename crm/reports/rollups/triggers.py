"""The triggers that keep the rollups in the same transaction as every write: the services,
the bulk loader, restores, imports and hand-written SQL alike. Each applies a rule of
``crm.reports.rollups.sql`` to the rows a write touches: it takes off what the old row
counted and adds what the new one counts. Row triggers on both databases (SQLite's
``CREATE TRIGGER … BEGIN … END``, PostgreSQL's plpgsql functions), made from one list.

An INSERT's rule that can read a set of rows (``Trigger.inserted``) is, on PostgreSQL, one
statement trigger over the statement's new rows (its transition table, ``inserted``): an
import's chunk is one multi-row INSERT, so each rollup row is updated once a chunk instead of
once a record (a row trigger's upsert of the project rollup costs about 2.5 ms there: an
import of 500 projects spent 1.3 s in it; as one statement, 4 ms). SQLite has row triggers
only, and they cost little there.

A project's or meeting's hard delete takes its contributions off in a BEFORE DELETE trigger,
while its history and links are still there; the cascaded deletes of those then find no live
parent and change nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

import sqlalchemy as sa

from .sql import (
    Sql,
    day_row,
    due_rows,
    flag,
    keyed_industry,
    link_zones,
    linked_rows,
    links_to_zone,
    live,
    meeting_rows,
    mega,
    paid_rows,
    project_upsert,
    reaches_signed,
    signed_again,
    stay_upsert,
    union,
    unverified,
)

PREFIX = "rollup_"


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    event: str  # INSERT, UPDATE or DELETE
    body: tuple[str, ...]
    when: str | None = None
    before: bool = False
    # an INSERT's body over a set of rows, ``inserted(alias, tables)``: PostgreSQL's statement
    # trigger reads the statement's new rows with it (``inserted`` there)
    inserted: Callable[[str, str], tuple[str, ...]] | None = None

    def create(self, sql: Sql) -> list[str]:
        timing = "BEFORE" if self.before else "AFTER"
        name = PREFIX + self.name
        if not sql.sqlite and self.inserted is not None:
            body = "".join(f"{statement};\n" for statement in self.inserted("n", "inserted n"))
            return [f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                    f"{body}RETURN NULL;\nEND\n$$",
                    f"CREATE TRIGGER {name} AFTER INSERT ON {self.table} REFERENCING NEW TABLE "
                    f"AS inserted FOR EACH STATEMENT EXECUTE FUNCTION {name}()"]
        if sql.sqlite:
            when = f" WHEN {self.when}" if self.when else ""
            body = "".join(f"{statement};\n" for statement in self.body)
            return [f"CREATE TRIGGER {name} {timing} {self.event} ON {self.table} "
                    f"FOR EACH ROW{when} BEGIN\n{body}END"]
        back = "OLD" if self.before else "NULL"
        body = "".join(f"{statement};\n" for statement in self.body)
        when = f" WHEN ({self.when})" if self.when else ""
        return [f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                f"{body}RETURN {back};\nEND\n$$",
                f"CREATE TRIGGER {name} {timing} {self.event} ON {self.table} FOR EACH ROW"
                f"{when} EXECUTE FUNCTION {name}()"]

    def drop(self, sql: Sql) -> list[str]:
        name = PREFIX + self.name
        if sql.sqlite:
            return [f"DROP TRIGGER IF EXISTS {name}"]
        return [f"DROP TRIGGER IF EXISTS {name} ON {self.table}",
                f"DROP FUNCTION IF EXISTS {name}()"]


def _any_changed(sql: Sql, *columns: str) -> str:
    return " OR ".join(f"({sql.changed(c)})" for c in columns)


def _flag_changed(column: str) -> str:
    return f"(OLD.{column} IS NULL) <> (NEW.{column} IS NULL)"


def _shift(column: str) -> str:
    """+1 when NEW has a value in ``column``, -1 when it lost it."""
    return f"CASE WHEN NEW.{column} IS NULL THEN -1 ELSE 1 END"


# the columns each project rule reads
PROJECT_COLUMNS = ("zone_code", "kind", "created_at", "stage", "reached_order", "verified_at",
                   "total_investment_usd_cents", "company_id", "land_mu",
                   "annual_output_usd_cents", "annual_tax_usd_cents", "deleted_at")


def _stay_triggers(sql: Sql) -> list[Trigger]:
    """The funnel's stays: a change's ``stay_days`` and the histogram, both recomputed for the
    whole project on any change of its history (a few rows), its creation time or its bin."""

    def refresh(project: str) -> str:
        return (f"UPDATE stage_change SET stay_days = {sql.kept_stay('stage_change')} "
                f"WHERE project_id = {project}")

    def history(project: str, sign: int, where: str = "true", fresh: bool = False) -> str:
        return sql.stay_rows("p", "c", sign, "project p, stage_change c",
                             f"p.id = {project} AND ({where})",
                             days=sql.stay_of("c") if fresh else None)

    def row(change: str) -> str:
        return sql.stay_rows("p", change, -1, "project p")

    return [
        Trigger("stay_change_insert", "stage_change", "INSERT", (
            stay_upsert(union(history("NEW.project_id", -1),
                              history("NEW.project_id", 1, fresh=True))),
            refresh("NEW.project_id"))),
        Trigger("stay_change_update", "stage_change", "UPDATE", (
            stay_upsert(union(history("NEW.project_id", -1, "c.id <> NEW.id"), row("OLD"),
                              history("NEW.project_id", 1, fresh=True))),
            refresh("NEW.project_id")),
            when=_any_changed(sql, "at", "from_stage")),
        Trigger("stay_change_delete", "stage_change", "DELETE", (
            stay_upsert(union(history("OLD.project_id", -1), row("OLD"),
                              history("OLD.project_id", 1, fresh=True))),
            refresh("OLD.project_id"))),
        Trigger("stay_project_update", "project", "UPDATE", (
            stay_upsert(union(sql.stay_rows("OLD", "c", -1, "stage_change c"),
                              sql.stay_rows("NEW", "c", 1, "stage_change c",
                                            days=sql.stay_of("c")))),
            refresh("NEW.id")),
            when=_any_changed(sql, "zone_code", "kind", "created_at", "deleted_at")),
        Trigger("stay_project_delete", "project", "DELETE", (
            stay_upsert(sql.stay_rows("OLD", "c", -1, "stage_change c")),), before=True),
    ]


def _project_triggers(sql: Sql) -> list[Trigger]:
    candidates = f"""SELECT p.zone_code AS zone_code, p.kind AS kind,
        {sql.city_year("p.created_at")} AS year, p.stage AS stage,
        coalesce(p.reached_order, 0) AS reached_order, {flag(unverified("p"))} AS unverified,
        {keyed_industry("OLD.industry")} AS industry, 0 AS projects, 0 AS usd_cents,
        0 AS mega, {_shift("fortune500_entry_id")} AS candidates, 0 AS land_micro_mu,
        0 AS output_usd_cents, 0 AS tax_usd_cents
        FROM project p WHERE p.company_id = NEW.id AND {live("p")} AND NOT ({mega("p")})"""
    return [
        Trigger("project_insert", "project", "INSERT", (
            project_upsert(sql.project_rows("NEW", 1)),),
            inserted=lambda p, tables: (project_upsert(sql.project_rows(p, 1, tables)),)),
        Trigger("project_update", "project", "UPDATE", (
            project_upsert(union(sql.project_rows("OLD", -1), sql.project_rows("NEW", 1))),),
            when=_any_changed(sql, *PROJECT_COLUMNS)),
        Trigger("project_delete", "project", "DELETE", (
            project_upsert(sql.project_rows("OLD", -1)),)),
        # a company that joins or leaves the Fortune 500 makes its projects candidates or not
        # (counted under its industry before the UPDATE: the trigger below moves its projects
        # as they count after it, should both change at once)
        Trigger("project_company_fortune500", "company", "UPDATE", (
            project_upsert(candidates),), when=_flag_changed("fortune500_entry_id")),
        # a company that changes its industry moves its projects to the new one
        Trigger("project_company_industry", "company", "UPDATE", (
            project_upsert(union(
                sql.project_rows("p", -1, "project p", "p.company_id = NEW.id",
                                 industry=keyed_industry("OLD.industry")),
                sql.project_rows("p", 1, "project p", "p.company_id = NEW.id",
                                 industry=keyed_industry("NEW.industry")))),),
            when=_any_changed(sql, "industry")),
    ]


def _signed_triggers(sql: Sql) -> list[Trigger]:
    def again(project: str) -> tuple[str, str]:
        return (f"DELETE FROM rollup_signed_again WHERE project_id = {project}",
                "INSERT INTO rollup_signed_again (change_id, project_id, at, previous_at) "
                + signed_again(f"c.project_id = {project}"))

    def moved(change: str, sign: int) -> str:
        return sql.signed_rows("p", change, sign, "project p")

    def of_project(p: str, sign: int) -> str:
        return sql.signed_rows(p, "c", sign, "stage_change c")

    fortune500 = f"""SELECT 'signed' AS metric, p.zone_code AS zone_code,
        {sql.city_day("c.at")} AS day, 0 AS n, 0 AS usd_cents, 0 AS mega,
        {_shift("fortune500_entry_id")} AS fortune500 FROM project p, stage_change c
        WHERE p.company_id = NEW.id AND c.project_id = p.id AND {live("p")}
        AND {reaches_signed("c")}"""
    return [
        Trigger("signed_change_insert", "stage_change", "INSERT", (
            sql.day_upsert(moved("NEW", 1)), *again("NEW.project_id")),
            when=reaches_signed("NEW")),
        Trigger("signed_change_update", "stage_change", "UPDATE", (
            sql.day_upsert(union(moved("OLD", -1), moved("NEW", 1))), *again("NEW.project_id")),
            when=_any_changed(sql, "at", "from_stage", "to_stage")),
        Trigger("signed_change_delete", "stage_change", "DELETE", (
            sql.day_upsert(moved("OLD", -1)), *again("OLD.project_id")),
            when=reaches_signed("OLD")),
        Trigger("signed_project_update", "project", "UPDATE", (
            sql.day_upsert(union(of_project("OLD", -1), of_project("NEW", 1))),),
            when=_any_changed(sql, "zone_code", "deleted_at", "total_investment_usd_cents",
                              "company_id")),
        Trigger("signed_project_delete", "project", "DELETE", (
            sql.day_upsert(of_project("OLD", -1)),), before=True),
        Trigger("signed_company_fortune500", "company", "UPDATE", (
            sql.day_upsert(fortune500),), when=_flag_changed("fortune500_entry_id")),
    ]


def _linked_triggers(sql: Sql) -> list[Trigger]:
    """A meeting counts once for each zone it links to a live project or talent of: a link, a
    record's zone or bin, or the meeting's day or bin changes that."""

    def link(link_table: str, record: str, row: str, sign: int, links_after: int) -> Trigger:
        event = "INSERT" if row == "NEW" else "DELETE"
        rows = day_row("linked", "r.zone_code", "i.occurred_on", sign,
                       f"{record} r, interaction i",
                       f"r.id = {row}.{record}_id AND i.id = {row}.interaction_id "
                       f"AND {live('r')} AND {live('i')} "
                       f"AND {links_to_zone('i.id', 'r.zone_code')} = {links_after}")
        return Trigger(f"linked_{link_table}_{event.lower()}", link_table, event,
                       (sql.day_upsert(rows),))

    def record_moved(record: str, link_table: str) -> list[Trigger]:
        def rows(r: str, sign: int, links_after: int) -> str:
            return day_row("linked", f"{r}.zone_code", "i.occurred_on", sign,
                           f"{link_table} x, interaction i",
                           f"x.{record}_id = {r}.id AND i.id = x.interaction_id "
                           f"AND {live(r)} AND {live('i')} "
                           f"AND {links_to_zone('i.id', f'{r}.zone_code')} = {links_after}")

        return [
            # after the change: OLD's zone lost the meeting if nothing else links it there,
            # NEW's zone gained it if this record is all that does
            Trigger(f"linked_{record}_update", record, "UPDATE", (
                sql.day_upsert(union(rows("OLD", -1, 0), rows("NEW", 1, 1))),),
                when=_any_changed(sql, "zone_code", "deleted_at")),
            Trigger(f"linked_{record}_delete", record, "DELETE", (
                sql.day_upsert(rows("OLD", -1, 1)),), before=True),
        ]

    def zones(i: str) -> str:
        return link_zones(f"ip.interaction_id = {i}.id", f"it.interaction_id = {i}.id")

    return [
        link("interaction_project", "project", "NEW", 1, 1),
        link("interaction_project", "project", "OLD", -1, 0),
        link("interaction_talent", "talent", "NEW", 1, 1),
        link("interaction_talent", "talent", "OLD", -1, 0),
        *record_moved("project", "interaction_project"),
        *record_moved("talent", "interaction_talent"),
        Trigger("linked_interaction_update", "interaction", "UPDATE", (
            sql.day_upsert(union(linked_rows("OLD", zones("OLD"), -1, ""),
                             linked_rows("NEW", zones("NEW"), 1, ""))),),
            when=_any_changed(sql, "occurred_on", "deleted_at")),
        Trigger("linked_interaction_delete", "interaction", "DELETE", (
            sql.day_upsert(linked_rows("OLD", zones("OLD"), -1, "")),), before=True),
    ]


def _row_triggers(sql: Sql, name: str, table: str, rows, columns: tuple[str, ...],
                  before_delete: bool = False, over_set: bool = False) -> list[Trigger]:
    """A rule ``rows(alias, sign)`` on one table's own rows: added on insert, moved on an
    update of ``columns``, taken off on delete; ``over_set``: the rule also reads a set of
    rows, ``rows(alias, sign, tables)`` (an INSERT's statement trigger on PostgreSQL)."""
    return [
        Trigger(f"{name}_insert", table, "INSERT", (sql.day_upsert(rows("NEW", 1)),),
                inserted=(lambda alias, tables: (sql.day_upsert(rows(alias, 1, tables)),))
                if over_set else None),
        Trigger(f"{name}_update", table, "UPDATE", (
            sql.day_upsert(union(rows("OLD", -1), rows("NEW", 1))),),
            when=_any_changed(sql, *columns)),
        Trigger(f"{name}_delete", table, "DELETE", (sql.day_upsert(rows("OLD", -1)),),
                before=before_delete),
    ]


def _day_triggers(sql: Sql) -> list[Trigger]:
    def moves(change: str, sign: int) -> str:
        return sql.moves_rows("p", change, sign, "project p")

    def project_moves(p: str, sign: int) -> str:
        return sql.moves_rows(p, "c", sign, "stage_change c")

    def due(follow_up: str, sign: int) -> str:
        return due_rows("i", follow_up, sign, "interaction i")

    def meeting_due(i: str, sign: int) -> str:
        return due_rows(i, "f", sign, "follow_up f")

    return [
        *_row_triggers(sql, "created", "project", sql.created_rows,
                       ("zone_code", "created_at", "deleted_at"), over_set=True),
        *_row_triggers(sql, "meetings", "interaction", meeting_rows,
                       ("zone_code", "occurred_on", "deleted_at"), over_set=True),
        *_row_triggers(sql, "moves_change", "stage_change", moves, ("at",)),
        Trigger("moves_project_update", "project", "UPDATE", (
            sql.day_upsert(union(project_moves("OLD", -1), project_moves("NEW", 1))),),
            when=_any_changed(sql, "zone_code", "deleted_at")),
        Trigger("moves_project_delete", "project", "DELETE", (
            sql.day_upsert(project_moves("OLD", -1)),), before=True),
        *_row_triggers(sql, "due_follow_up", "follow_up", due,
                       ("done", "due_on", "interaction_id")),
        Trigger("due_interaction_update", "interaction", "UPDATE", (
            sql.day_upsert(union(meeting_due("OLD", -1), meeting_due("NEW", 1))),),
            when=_any_changed(sql, "zone_code", "deleted_at")),
        Trigger("due_interaction_delete", "interaction", "DELETE", (
            sql.day_upsert(meeting_due("OLD", -1)),), before=True),
    ]


def _paid_triggers(sql: Sql) -> list[Trigger]:
    """The paid-in: a payment added, changed or taken off; its project moving zone, deleted,
    or coming to or out of awaiting verification (its payments move with it)."""

    def payment(pay: str, sign: int) -> str:
        return paid_rows("p", pay, sign, "project p")

    def of_project(p: str, sign: int) -> str:
        return paid_rows(p, "x", sign, "project_payment x")

    return [
        *_row_triggers(sql, "paid_payment", "project_payment", payment,
                       ("project_id", "received_on", "amount_usd_cents")),
        Trigger("paid_project_update", "project", "UPDATE", (
            sql.day_upsert(union(of_project("OLD", -1), of_project("NEW", 1))),),
            when=_any_changed(sql, "zone_code", "deleted_at", "reached_order", "verified_at")),
        Trigger("paid_project_delete", "project", "DELETE", (
            sql.day_upsert(of_project("OLD", -1)),), before=True),
    ]


def triggers(sql: Sql) -> list[Trigger]:
    return [*_project_triggers(sql), *_stay_triggers(sql), *_signed_triggers(sql),
            *_linked_triggers(sql), *_day_triggers(sql), *_paid_triggers(sql)]


def install(connection: sa.Connection, sql: Sql, *, statement_triggers: bool = True) -> None:
    for trigger in triggers(sql):
        if not statement_triggers:
            trigger = replace(trigger, inserted=None)
        for statement in trigger.drop(sql) + trigger.create(sql):
            connection.exec_driver_sql(statement)


def uninstall(connection: sa.Connection, sql: Sql) -> None:
    for trigger in triggers(sql):
        for statement in trigger.drop(sql):
            connection.exec_driver_sql(statement)

