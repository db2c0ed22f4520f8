"""One page of a list (crm/pagination.py): what the page lists and the API's lists share."""

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from crm.extensions import db
from crm.pagination import KEYS_FIRST, Page, paginate
from crm.zones.models import Park, Zone
from crm.zones.services import create_park


@pytest.mark.parametrize(("page", "total", "pages", "first", "last", "prev", "next_"), [
    (1, 0, 0, 1, 0, False, False),
    (1, 9, 3, 1, 4, False, True),
    (2, 9, 3, 5, 8, True, True),
    (3, 9, 3, 9, 9, True, False),
    (2, 8, 2, 5, 8, True, False),
])
def test_a_page_knows_where_it_stands(page, total, pages, first, last, prev, next_):
    one = Page(items=[], page=page, per_page=4, total=total)
    assert (one.pages, one.first, one.last, one.has_prev, one.has_next) == (
        pages, first, last, prev, next_)


def test_map_converts_the_items_and_keeps_the_place():
    one = Page(items=[1, 2], page=2, per_page=2, total=5).map(str)
    assert one == Page(items=["1", "2"], page=2, per_page=2, total=5)


@pytest.fixture
def statements(app):
    """The SQL the database is sent while the fixture is in use."""
    sent = []

    def record(conn, cursor, statement, *args):
        sent.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    yield sent
    sa.event.remove(db.engine, "before_cursor_execute", record)


def test_one_select_and_one_count_even_when_a_collection_is_joined(app, statements):
    for name in ("Park A", "Park B"):  # the first zone's rows repeat once per park in the join
        create_park({"zone": "jxetdz", "name_en": name, "category": "other"})
    db.session.expire_all()
    zones = sa.select(Zone).options(joinedload(Zone.parks)).order_by(Zone.position)
    statements.clear()

    page = paginate(zones, page=1, per_page=4)

    assert len(statements) == 2
    assert sum("count(" in s.lower() for s in statements) == 1
    codes = db.session.scalars(sa.select(Zone.code).order_by(Zone.position)).all()
    assert [z.code for z in page.items] == codes[:4]
    assert (page.page, page.per_page, page.total, page.pages) == (1, 4, len(codes), 3)
    assert [p.name_en for p in page.items[0].parks][-2:] == ["Park A", "Park B"]


def test_a_first_page_marked_keys_first_is_read_by_its_keys(app, statements):
    """A statement whose rows compute columns (a project list's) reads its first page's keys
    (a LIMIT over the key alone), then its rows by key: the columns are computed for the
    page alone."""
    zones = (sa.select(Zone).options(joinedload(Zone.parks)).order_by(Zone.position)
             .execution_options(**{KEYS_FIRST: True}))
    codes = db.session.scalars(sa.select(Zone.code).order_by(Zone.position)).all()
    statements.clear()

    page = paginate(zones, page=1, per_page=4)

    walk, read, count = statements
    assert walk.startswith("SELECT zone.code \nFROM zone") and "LIMIT" in walk
    assert "JOIN park" in read and "IN (" in read and "LIMIT" not in read
    assert "count(" in count.lower()
    assert [z.code for z in page.items] == codes[:4] and page.total == len(codes)


def test_a_deep_page_is_found_by_its_keys_before_its_rows_are_read(app, statements):
    """Past the first page the OFFSET walks the keys alone (an index), then the page's rows
    and their relations are read by key; the last page needs no COUNT."""
    codes = db.session.scalars(sa.select(Zone.code).order_by(Zone.position)).all()
    zones = sa.select(Zone).options(joinedload(Zone.parks)).order_by(Zone.position)
    db.session.expire_all()
    statements.clear()

    middle = paginate(zones, page=2, per_page=3)

    walk, read, count = statements
    assert walk.startswith("SELECT zone.code \nFROM zone") and "OFFSET" in walk
    assert "JOIN park" in read and "IN (" in read and "OFFSET" not in read
    assert "count(" in count.lower()
    assert [z.code for z in middle.items] == codes[3:6]
    assert middle.total == len(codes)
    statements.clear()

    last = paginate(zones, page=3, per_page=4)

    assert len(statements) == 2 and not any("count(" in s.lower() for s in statements)
    assert [z.code for z in last.items] == codes[8:]
    assert (last.total, last.has_next) == (len(codes), False)


def test_plain_rows_and_a_page_past_the_end(app):
    rows = sa.select(Park.zone_code, Park.name_en).order_by(Park.id)
    first = paginate(rows, page=1, per_page=50, rows=True)
    assert first.total == len(first.items) >= 1
    assert tuple(first.items[0]) == ("jxetdz", "Zhejiang Sino-German Industrial Park")
    past = paginate(rows, page=3, per_page=50, rows=True)
    assert (past.items, past.total, past.has_next) == ([], first.total, False)


@pytest.mark.parametrize("asked", ["0", "-3", "two", "99999999999999999999"])
def test_a_page_number_out_of_reach_is_no_error(client, make_user, login, asked):
    make_user("mia", "manager")
    login("mia")
    for url in ("/projects", "/companies", "/talents", "/meetings", "/follow-ups"):
        assert client.get(url, query_string={"page": asked}).status_code == 200, url


def test_a_count_up_to_a_bound_marks_a_longer_list(app, statements):
    """A list nothing keeps a total of is counted only so far: the page says there is more."""
    zones = sa.select(Zone).order_by(Zone.position)
    codes = db.session.scalars(sa.select(Zone.code).order_by(Zone.position)).all()
    assert len(codes) == 9
    statements.clear()

    first = paginate(zones, page=1, per_page=1, count_up_to=5)  # bound: max(5, 0 + 10) = 10

    assert (first.total, first.more, first.pages, first.has_next) == (9, False, 9, True)
    assert "LIMIT" in statements[-1] and "count(" in statements[-1].lower()

    bounded = paginate(zones, page=2, per_page=1, count_up_to=3)  # max(3, 1 + 10) = 11 > 9
    assert (bounded.total, bounded.more) == (9, False)

    short = paginate(zones, page=1, per_page=2, count_up_to=1)  # max(1, 0 + 20): all 9
    assert (short.total, short.more) == (9, False)


def test_a_bound_below_the_list_gives_more(app):
    """Zones joined to themselves (81 rows) counted up to 33 rows: ten pages past page 2."""
    other = sa.orm.aliased(Zone)
    pairs = sa.select(Zone.code, other.code).join(other, sa.true()).order_by(Zone.code, other.code)
    page = paginate(pairs, page=2, per_page=3, rows=True, count_up_to=20)  # max(20, 3 + 30) = 33

    assert (page.total, page.more, page.has_next, page.pages) == (33, True, True, 11)
    assert [tuple(r) for r in page.items] == [tuple(r) for r in db.session.execute(pairs).all()[3:6]]
    last_counted = paginate(pairs, page=11, per_page=3, rows=True, count_up_to=20)
    assert (last_counted.total, last_counted.more, last_counted.has_next) == (60, True, True)


def _walks(statements) -> list[str]:
    """The ORDER BY of each statement that walked a list's keys."""
    return [s.split("ORDER BY", 1)[1] for s in statements if "OFFSET" in s]


def test_a_page_past_the_middle_is_walked_from_the_end(app, statements):
    """Past the middle, the keys are read in the reverse order from the list's end and turned
    round: every page is the same as walked from the start, the last one skips nothing."""
    codes = db.session.scalars(sa.select(Zone.code).order_by(Zone.position, Zone.code)).all()
    zones = sa.select(Zone).order_by(Zone.position, Zone.code)
    assert len(codes) == 9

    for number in range(1, 7):
        statements.clear()
        page = paginate(zones, page=number, per_page=2)
        assert [z.code for z in page.items] == codes[(number - 1) * 2:number * 2], number
        assert page.total == 9
        walks = _walks(statements)
        if number >= 3:  # offset 4 and on: fewer to skip from the end (past it: nothing read)
            assert all("DESC" in w for w in walks) and len(walks) == (number < 6), number
        else:
            assert not any("DESC" in w for w in walks), number

    statements.clear()
    last = paginate(zones, page=5, per_page=2)
    assert [z.code for z in last.items] == codes[8:] and not last.has_next
    (walk,) = _walks(statements)
    assert "zone.position DESC, zone.code DESC" in walk and "OFFSET" in walk


def test_an_order_not_ending_with_the_key_is_walked_from_the_start(app, statements):
    """Its reverse need not be the list turned round (ties): the page walks forward."""
    codes = db.session.scalars(sa.select(Zone.code).order_by(Zone.position)).all()
    page = paginate(sa.select(Zone).order_by(Zone.position), page=5, per_page=2)
    assert [z.code for z in page.items] == codes[8:]
    assert not any("DESC" in w for w in _walks(statements))


def test_nulls_keep_their_place_walked_from_either_end(app, company, project, statements):
    """The projects' order by investment (largest first, those without one last): a page
    from the end holds what the page from the start holds, NULLs included."""
    from crm.money import Money
    from crm.projects.models import Project
    from crm.projects.services import sort_order

    acme = company("Acme", country="DE")
    for n in range(7):
        lead = project(acme, zone="jxetdz", name_en=f"Plant {n}")
        if n % 2:
            lead.total_investment = Money.parse(f"{n}000000", "USD")
    db.session.commit()
    ordered = sa.select(Project).where(Project.deleted_at.is_(None)).order_by(
        *sort_order("investment"))
    every = [p.id for p in db.session.scalars(ordered)]
    assert len(every) == 7

    for number in (1, 2, 3, 4):
        statements.clear()
        page = paginate(ordered, page=number, per_page=2)
        assert [p.id for p in page.items] == every[(number - 1) * 2:number * 2], number
    assert any("ASC NULLS FIRST" in w for w in _walks(statements))


def _numbers_as_the_template_walked_them(page: int, pages: int, more: bool) -> list:
    """Every number from 1 to ``pages``: the first, the last unless there is more, and two
    each side of ``page`` shown; one gap for each run of the others (the earlier template)."""
    shown, gap = [], False
    for n in range(1, pages + 1):
        if n == 1 or (n == pages and not more) or abs(n - page) <= 2:
            shown.append(n)
            gap = False
        elif not gap:
            shown.append(None)
            gap = True
    return shown


@pytest.mark.parametrize("more", [False, True])
def test_the_page_numbers_a_page_links_to(more):
    for pages in range(0, 12):
        for page in range(1, pages + 4):
            one = Page(items=[], page=page, per_page=10, total=pages * 10, more=more)
            assert one.numbers == _numbers_as_the_template_walked_them(page, pages, more), (
                page, pages, more)
    deep = Page(items=[], page=10_000, per_page=50, total=1_000_000)
    assert deep.numbers == [1, None, 9998, 9999, 10000, 10001, 10002, None, 20000]
