"""The newcomer's first page: the demo's accounts read what to try first, in their language;
other accounts do not. The icon every page names is there (a 404 would fail the browser tests).
The board offers its cards for dragging (crm/static/board.js) beside the keyboard's Move form."""

from tests import factories


def test_the_demo_admin_reads_what_to_try_first(app, client, login):
    factories.user("admin", "admin", locale="zh")
    login("admin")
    page = client.get("/").get_data(as_text=True)
    assert "data-first-steps" in page
    assert "从这里开始" in page
    assert 'href="/projects/board"' in page and 'href="/reports"' in page
    client.get("/?lang=en")
    assert "Where to start" in client.get("/").get_data(as_text=True)


def test_other_accounts_do_not(app, client, login):
    factories.user("sam", "admin")
    login("sam")
    page = client.get("/").get_data(as_text=True)
    assert page.count("<h1>") == 1 and "data-first-steps" not in page


def test_the_icon(app, client):
    for path in ("/favicon.ico", "/static/favicon.svg"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert response.get_data().startswith(b"<svg")
        response.close()
    assert 'rel="icon"' in client.get("/login").get_data(as_text=True)


def test_the_board_offers_its_cards_for_dragging(app, client, login):
    factories.user("sam", "staff", zones=["jxetdz"])
    plant = factories.lead_project(zone="jxetdz")
    login("sam")
    page = client.get("/projects/board").get_data(as_text=True)
    assert "/static/board.js" in page
    assert '<section class="board-col" id="col-contacted" data-stage="contacted"' in page
    assert f'data-project="{plant.id}" data-stage="lead"' in page
    # the drop fills in this form: the same endpoint as the keyboard's way
    assert f'action="/projects/{plant.id}/stage"' in page
