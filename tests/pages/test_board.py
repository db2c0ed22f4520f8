import re

from crm.extensions import db
from crm.money import Money
from crm.projects.models import Project
from crm.projects.routes import BOARD_LIMIT
from crm.projects.services import delete_project
from tests import factories
from tests.conftest import csrf_from


def column(html: str, stage: str) -> str:
    match = re.search(rf'<section class="board-col" id="col-{stage}".*?</section>', html, re.S)
    assert match, stage
    return match.group(0)


def test_board_puts_cards_in_their_columns(client, make_user, login, company, project):
    make_user("mia", "manager")
    acme = company()
    project(acme, name_en="Fresh lead", name_zh="", total_investment=Money.parse("2e8", "USD"))
    factories.contacted_project(acme, name_en="Talking", name_zh="")
    factories.move(project(acme, name_en="Parked", name_zh=""), "on_hold", note="waiting")
    login("mia")
    html = client.get("/projects/board").get_data(as_text=True)
    assert "Fresh lead" in column(html, "lead") and "Over US$100M" in column(html, "lead")
    assert "Talking" in column(html, "contacted") and "Talking" not in column(html, "lead")
    assert "Parked" in column(html, "on_hold")
    assert "Acme GmbH" in column(html, "lead")
    assert "Lost" in column(html, "lost")


def test_move_from_the_board(client, make_user, login, company, project):
    make_user("mia", "manager")
    record = project(company(), name_en="Mover", name_zh="")
    login("mia")
    page = client.get("/projects/board").get_data(as_text=True)
    response = client.post(f"/projects/{record.id}/stage", data={
        "csrf_token": csrf_from(page), "stage": "contacted", "note": "call",
        "version": str(record.version), "back": "board"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Moved to Contacted." in html and "Mover" in column(html, "contacted")
    db.session.expire_all()
    assert db.session.get(Project, record.id).stage == "contacted"


def test_board_column_links_to_more(client, make_user, login, company, project):
    """A column shows its latest BOARD_LIMIT cards; its "more" link opens its stage's list,
    which starts with the same cards in the same order."""
    make_user("mia", "manager")
    acme = company()
    for n in range(BOARD_LIMIT + 1):
        project(acme, name_en=f"P{n}", name_zh="")
    login("mia")
    html = client.get("/projects/board").get_data(as_text=True)
    lead = column(html, "lead")
    shown = re.findall(r'data-project="(\d+)"', lead)
    assert len(shown) == BOARD_LIMIT
    assert "1 more" in lead and "/projects?stage=lead" in lead
    listed = client.get("/projects?stage=lead").get_data(as_text=True)
    assert re.findall(r'href="/projects/(\d+)"', listed)[:BOARD_LIMIT] == shown


def test_each_card_links_to_its_project_and_offers_every_other_stage(
        client, make_user, login, company, project):
    """The links and the stage options are built once for the board, not once a card: each
    card still has its own project's addresses and its column's moves."""
    make_user("mia", "manager")
    first, second = project(company(), name_en="One"), project(company(), name_en="Two")
    factories.move(second, "contacted", note="call")
    login("mia")
    html = client.get("/projects/board").get_data(as_text=True)
    for record, stage in ((first, "lead"), (second, "contacted")):
        card = column(html, stage)
        assert f'href="/projects/{record.id}"' in card
        assert f'action="/projects/{record.id}/stage"' in card
        offered = re.findall(r'<option value="(\w+)">', card)
        assert stage not in offered and len(offered) == 8


def test_column_counts_are_of_what_the_reader_may_see(client, make_user, login, company,
                                                       project):
    """The counts come from the funnel's rollup: a staff member's zones, not the bin."""
    make_user("sam", "staff", zones=["jxetdz"])
    acme = company()
    for zone in ("jxetdz", "jxetdz", "jsetdz"):
        project(acme, zone=zone)
    delete_project(factories.boss(), project(acme, zone="jxetdz"))
    login("sam")
    lead = column(client.get("/projects/board").get_data(as_text=True), "lead")
    assert '<span class="count">2</span>' in lead
    assert lead.count('class="card-item"') == 2
