"""``q`` through the search index (crm/search.py): the lists, their totals and the pickers
answer exactly what ``LIKE '%q%'`` over ``search_text`` answers (as typed or without spaces),
whatever writes the records; the list's SELECT and its COUNT read the index, not every row."""

import re
import unicodedata

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from crm import clock, search
from crm.companies.models import Company
from crm.extensions import db
from crm.projects.models import Project
from crm.talents.models import Talent
from crm.text import search_text
from tests import factories

KINDS = {"projects": Project, "companies": Company, "talents": Talent}

# (name_zh, name_en) of companies, each with a project named after it; talents (name, name_zh)
COMPANIES = [
    ("西门子股份公司", "Siemens AG"), ("西门子（中国）有限公司", "Siemens Ltd., China"),
    ("博世", "Bosch GmbH"), ("巴斯夫", "BASF SE"), ("", "100% Pure_Water Co"),
    ("", "Back\\slash Trading"), ("", 'The "Quoted" Firm'), ("", "ＦＵＬＬ Width Ltd"),
    ("", "A B Tools"), ("门子", "Menz OR Near Ltd"),
]
TALENTS = [("Maria Rossi", "玛丽亚·罗西"), ("Ben Early", ""), ("Anna_Schmidt%", ""),
           ("", "西门子明")]
QUERIES = [
    "西门子", "siemens", "SIEMENS", "ＳＩＥＭＥＮＳ", "ximenzi", "xmz", "xi men zi", "men z",
    "ltd., china", "gmbh", "100%", "0%", "e_w", "pure_", "k\\s", '"quoted"', 'e "quo', "or n",
    "siemens or bosch", "sie*", "a b", "(中国)", "（中国）", "zzzz", "玛丽亚", "mlylx",
    # one and two characters: no trigram; the plain LIKE answers them
    "西", "门子", "xm", "s", "%", "_", "\\", '"', "博世",
]


def like_answer(model, q: str) -> list[int]:
    """The ids whose ``search_text`` holds ``q`` or ``q`` without spaces (LIKE '%q%'), read
    here without any index, newest first."""
    keys = {unicodedata.normalize("NFKC", v).lower().strip() for v in (q, q.replace(" ", ""))}
    rows = db.session.execute(sa.select(model.id, model.search_text)
                              .where(model.deleted_at.is_(None))).all()
    return sorted((i for i, text in rows if any(k in text for k in keys)), reverse=True)


def index_is_whole() -> None:
    """SQLite: each FTS5 index holds exactly its table's rows (an integrity check against the
    content, which fails on any row a trigger missed). PostgreSQL keeps its own index."""
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        for table in search.searched_tables():
            fts = search.fts_name(table)
            connection.exec_driver_sql(
                f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")


@pytest.fixture
def mixed(app):
    """Companies, projects and talents with Chinese, English, pinyin, spaces, quotes and
    LIKE's special characters in their names."""
    for index, (zh, en) in enumerate(COMPANIES):
        company = factories.company(en, name_zh=zh)
        factories.lead_project(company, zone=("jxetdz", "jsetdz")[index % 2],
                               name_zh=(zh or "项目") + "扩产", name_en=f"{en} expansion")
    for name, name_zh in TALENTS:
        factories.talent(name=name, name_zh=name_zh)


def ids_found(api, kind: str, q: str) -> tuple[list[int], int]:
    answer = api.get(f"/api/v1/{kind}", query_string={"q": q, "per_page": 200})
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    return [item["id"] for item in body["items"]], body["total"]


def test_the_lists_answer_as_like_does(mixed, api):
    admin = api()
    for q in QUERIES:
        for kind, model in KINDS.items():
            expected = like_answer(model, q)
            found, total = ids_found(admin, kind, q)
            assert sorted(found, reverse=True) == expected, (kind, q)
            assert total == len(expected), (kind, q)
    # the answers are not all empty: the data set has something for most queries
    assert len(like_answer(Project, "西门子")) == 2 and len(like_answer(Company, "100%")) == 1
    assert ids_found(admin, "companies", "s%") == ([], 0)  # % and _ are no wildcards
    assert ids_found(admin, "companies", "s_") == ([], 0) != like_answer(Company, "s")


def test_the_pickers_answer_as_like_does(mixed, client, login):
    login(factories.BOSS)
    for q in QUERIES:
        for kind, model in KINDS.items():
            answer = client.get(f"/pick/{kind}", query_string={"q": q})
            assert answer.status_code == 200
            found = [int(item["value"]) for item in answer.get_json()]
            assert found == like_answer(model, q)[:20], (kind, q)


def test_short_queries_are_paged(mixed, api):
    admin = api()
    for q in ("门", "xm"):
        answer = admin.get("/api/v1/projects", query_string={"q": q, "per_page": 1}).get_json()
        assert len(answer["items"]) == 1 and answer["total"] == len(like_answer(Project, q)) > 1


def test_edits_deletes_and_restores_keep_the_index(mixed, api):
    admin = api()
    project = db.session.scalar(sa.select(Project).where(Project.name_en.startswith("Bosch")))
    talent = db.session.scalar(sa.select(Talent).where(Talent.name == "Ben Early"))
    company = db.session.scalar(sa.select(Company).where(Company.name_en == "BASF SE"))
    pid, tid, cid = project.id, talent.id, company.id
    changed = admin.patch(f"/api/v1/projects/{pid}",
                          json={"version": project.version, "name_zh": "大众汽车工厂",
                                "name_en": "Volkswagen plant"})
    assert changed.status_code == 200, changed.get_json()
    assert admin.patch(f"/api/v1/talents/{tid}", json={
        "version": talent.version, "name": "Carl Late"}).status_code == 200
    assert admin.patch(f"/api/v1/companies/{cid}", json={
        "version": company.version, "name_en": "Bayer AG"}).status_code == 200
    assert ids_found(admin, "projects", "gmbh exp")[0] == []
    assert ids_found(admin, "projects", "dazhong")[0] == [pid]  # the new name's pinyin
    assert ids_found(admin, "projects", "volkswagen")[0] == [pid]
    assert ids_found(admin, "talents", "ben early")[0] == []
    assert ids_found(admin, "talents", "carl late")[0] == [tid]
    assert ids_found(admin, "companies", "bayer")[0] == [cid]
    assert ids_found(admin, "companies", "basf")[0] == []

    assert admin.delete(f"/api/v1/projects/{pid}").status_code == 204
    assert ids_found(admin, "projects", "volkswagen") == ([], 0)
    assert admin.post(f"/api/v1/bin/projects/{pid}/restore").status_code == 200
    assert ids_found(admin, "projects", "volkswagen") == ([pid], 1)

    # plain SQL, as a restore from a dump or a script would write: the index follows too
    db.session.execute(sa.update(Talent).where(Talent.id == tid)
                       .values(search_text="written by hand"))
    lone = factories.company("Lonely Holdings")
    db.session.execute(sa.delete(Company).where(Company.id == lone.id))
    db.session.commit()
    assert ids_found(admin, "talents", "by hand")[0] == [tid]
    assert ids_found(admin, "companies", "lonely") == ([], 0)
    index_is_whole()
    for q in QUERIES:
        for kind, model in KINDS.items():
            assert sorted(ids_found(admin, kind, q)[0], reverse=True) == like_answer(model, q)


def test_the_bulk_generator_fills_the_index(app, api):
    result = app.test_cli_runner().invoke(args=["crm", "bench-data", "--projects", "30",
                                                "--meetings-per-project", "0", "--seed", "3"])
    assert result.exit_code == 0, result.output
    index_is_whole()
    admin = api()
    project = db.session.scalar(sa.select(Project).order_by(Project.id).limit(1))
    pinyin, initials = project.search_text.split("\n")[1:3]
    for q in (project.name_zh[:3], pinyin[2:8], initials, "siemens", "西门子"):
        assert sorted(ids_found(admin, "projects", q)[0], reverse=True) == \
            like_answer(Project, q), q


def test_the_migration_fills_the_index_from_the_rows_there(mixed, api):
    """Down below this index, records written without it, up again: found by the index."""
    admin = api()
    db.session.remove()
    downgrade(revision="0006s-1")
    try:
        assert not any(_index_parts())
        # in plain SQL: the later migrations' columns are not there at this revision
        with db.engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO company (name_zh, name_en, country, industry, website, phone, "
                "notes, name_key_zh, name_key_en, website_domain, phone_key, search_text, "
                "version, created_at, updated_at) VALUES ('齐柏林', 'Zeppelin Werke', 'DE', '', "
                "'', '', '', '齐柏林', 'zeppelinwerke', '', '', :text, 1, :now, :now)"),
                {"text": search_text("齐柏林", "Zeppelin Werke"), "now": clock.now()})
    finally:
        db.session.remove()
        upgrade()
    assert all(_index_parts())
    index_is_whole()
    assert ids_found(admin, "companies", "qibolin")[0] == like_answer(Company, "qibolin") != []
    assert ids_found(admin, "projects", "西门子")[1] == 2


def _index_parts() -> list[bool]:
    """Whether each searched table's index (and, on SQLite, each trigger) is there."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            names = set(connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").scalars())
            wanted = [f"{search.fts_name(t)}{part}" for t in search.searched_tables()
                      for part in ("", "_insert", "_update", "_delete")]
        else:
            names = set(connection.execute(sa.text(
                "SELECT indexname FROM pg_indexes WHERE indexdef LIKE :gin"),
                {"gin": "%USING gin (search_text gin_trgm_ops)"}).scalars())
            wanted = [search.trgm_name(t) for t in search.searched_tables()]
    return [name in names for name in wanted]


# -- the index is what answers -----------------------------------------------------------------


def statements_of(request) -> list[tuple[str, object]]:
    """The SQL statements (and parameters) a request ran that search ``search_text``."""
    seen = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        if "search_text LIKE" in statement:
            seen.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert request().status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    return seen


def plan(statement: str, parameters) -> str:
    """The query plan of a statement on big tables: each searched table's rows copied to some
    thousands (whose names match nothing searched here) and analysed, in a transaction rolled
    back after. PostgreSQL's plan with sequential scans priced out of reach besides, so a usable
    index shows wherever there is one."""
    with db.engine.connect() as connection:
        transaction = connection.begin()
        try:
            for table in search.searched_tables():
                _grow(connection, db.metadata.tables[table], to=8000)
            connection.exec_driver_sql("ANALYZE")
            if connection.dialect.name == "sqlite":
                rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                                  parameters)
                return "\n".join(row[-1] for row in rows)
            for table in search.searched_tables():  # the new rows into the GIN proper
                connection.exec_driver_sql(
                    f"SELECT gin_clean_pending_list('{search.trgm_name(table)}')")
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters)
            return "\n".join(row[0] for row in rows)
        finally:
            transaction.rollback()


def _grow(connection, table: sa.Table, to: int) -> None:
    """Copies of the rows of ``table``, to about ``to`` rows, with a ``search_text`` of
    their own."""
    times = -(-to // connection.scalar(sa.select(sa.func.count()).select_from(table)))
    n = sa.select(sa.literal(1).label("i")).cte("n", recursive=True)
    n = n.union_all(sa.select(n.c.i + 1).where(n.c.i < times))
    columns = [c for c in table.c if c.name != "id"]
    copies = sa.select(*(sa.literal("filler") if c.name == "search_text" else c
                         for c in columns)).select_from(table).join(n, sa.true())
    connection.execute(sa.insert(table).from_select([c.name for c in columns], copies))


@pytest.mark.parametrize("url, table", [
    ("/api/v1/projects?q=siemens", "project"), ("/api/v1/projects?q=西门子", "project"),
    ("/api/v1/companies?q=ximenzi", "company"), ("/api/v1/talents?q=xi men zi", "talent"),
])
def test_the_list_and_its_count_read_the_index(mixed, api, url, table):
    admin = api()
    if table == "talent":  # a second match for the talents' query
        factories.talent(name="Xi Men Zi")
    answers = []

    def first_of_several():  # a page shorter than the list: it is counted (a last page is not)
        answers.append(admin.get(url + "&per_page=1"))
        return answers[-1]

    statements = statements_of(first_of_several)
    assert answers[0].get_json()["total"] > 1
    # the page and the COUNT of the whole list; a page of projects is read by its keys first,
    # then its rows and their computed columns by those keys (crm.pagination.KEYS_FIRST)
    assert len(statements) == (3 if table == "project" else 2)
    assert "count(*)" in statements[-1][0]
    keyed = 0
    for statement, parameters in statements:
        steps = plan(statement, parameters)
        if re.search(rf"{table}\.id IN \((\?|%\()", statement):  # the page's rows, by key
            assert f"pk_{table}" in steps or "INTEGER PRIMARY KEY" in steps, steps
            assert f"Seq Scan on {table}" not in steps, steps
            keyed += 1
            continue
        if db.engine.dialect.name == "sqlite":
            assert f"SCAN {search.fts_name(table)} VIRTUAL TABLE INDEX" in steps, steps
            # no row read but the matches: no SCAN of the table itself, in any order
            assert not any(line == f"SCAN {table}" or line.startswith(f"SCAN {table} ")
                           for line in steps.splitlines()), steps
        else:
            assert f"Bitmap Index Scan on {search.trgm_name(table)}" in steps, steps
    assert keyed == (1 if table == "project" else 0)


def test_the_pickers_read_the_index(mixed, client, login):
    login(factories.BOSS)
    (statement, parameters), = statements_of(lambda: client.get("/pick/companies?q=siemens"))
    steps = plan(statement, parameters)
    assert search.fts_name("company") in steps or search.trgm_name("company") in steps, steps


def test_a_short_query_reads_the_rows(mixed, api):
    """Fewer than three characters: no trigram to look up; SQLite's LIKE reads the rows (the
    PostgreSQL planner decides for itself, and may read the whole GIN index instead)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the PostgreSQL planner chooses")
    admin = api()
    for statement, parameters in statements_of(lambda: admin.get("/api/v1/projects?q=xm")):
        steps = plan(statement, parameters)
        assert "project_search" not in steps and "search_trgm" not in steps, steps


def test_pinyin_initials_are_each_syllables_first_letter_as_pypinyin_gives_them():
    """``pinyin_keys`` converts a name once and takes each syllable's first letter: the same
    as pypinyin's FIRST_LETTER style, polyphones and mixed text included."""
    from pypinyin import Style, lazy_pinyin

    from crm.text import pinyin_keys

    for name in ("重庆长安汽车", "银行行长", "厦门航空", "长沙银行", "单县曾经了不起", "乐山乐器",
                 "你好world123", "西门子（中国）有限公司", "〇一二嗯", "会计还有"):
        initials = "".join(s for s in lazy_pinyin(name, style=Style.FIRST_LETTER,
                                                  errors="ignore") if s.strip()).lower()
        assert pinyin_keys.__wrapped__(name)[1] == initials, name


def test_pinyin_a_run_of_chinese_at_a_time_is_the_whole_names_pinyin():
    """``pinyin_keys`` converts each run of Chinese characters once (cached): the same as
    converting the whole name, phrases, polyphones, punctuation and Latin between included."""
    from pypinyin import lazy_pinyin

    from crm.text import pinyin_keys

    for name in ("重庆长安汽车股份有限公司", "银行行长 长沙银行", "西门子（中国）有限公司",
                 "导入项目1", "导入项目2", "你好world123你好", "乐山·乐器", "〇一二嗯", "会计,会议",
                 "单县 曾经", "ABC 中国 def 人民"):
        whole = [s for s in lazy_pinyin(name, errors="ignore") if s.strip()]
        assert pinyin_keys.__wrapped__(name) == ("".join(whole).lower(),
                                                 "".join(s[0] for s in whole).lower()), name
