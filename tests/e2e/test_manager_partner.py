"""A manager's dashboard filtered by zone, and a partner who reads English and only their own
company's project, in the browser."""

import pytest

from tests import factories

pytestmark = pytest.mark.e2e


def reached(tab, stage: str) -> int:
    return int(tab.page.inner_text(f"#funnel tr[data-stage='{stage}'] [data-col='reached']"))


def test_manager_filters_the_dashboard_by_zone(app, tabs):
    factories.user("zhou", "manager", locale="zh")
    for zone in ("jxetdz", "jxetdz", "jsetdz"):
        factories.lead_project(zone=zone)

    tab = tabs.open("zh-CN")
    tab.sign_in("zhou", factories.PASSWORD)
    tab.page.locator("nav.main-nav a[href='/reports']").click()
    tab.page.wait_for_url("**/reports")
    assert reached(tab, "lead") == 3
    tab.page.select_option("#f-zone", "jsetdz")
    tab.submit("form.filters")
    assert "zone=jsetdz" in tab.page.url
    assert tab.page.locator("#f-zone").input_value() == "jsetdz"
    assert reached(tab, "lead") == 1
    tab.page.select_option("#f-zone", "jxetdz")
    tab.submit("form.filters")
    assert reached(tab, "lead") == 2


def test_partner_reads_english_and_only_their_project(app, tabs):
    siemens = factories.company("Siemens AG")
    ours = factories.lead_project(siemens, name_zh="西门子工厂", name_en="Siemens plant")
    theirs = factories.lead_project(name_zh="别家工厂", name_en="Another plant")
    factories.user("anna", "partner", company_ids=[siemens.id], locale="en")

    tab = tabs.open("zh-CN")  # a Chinese browser: the account's own language wins
    tab.sign_in("anna", factories.PASSWORD)
    page = tab.page
    assert page.url.endswith("/partner")
    assert page.get_attribute("html", "lang") == "en"
    main = page.inner_text("main")
    assert "Siemens plant" in main
    assert "Another plant" not in main and "别家工厂" not in main
    tab.check_axe()

    tab.goto(f"/partner/projects/{ours.id}")
    assert "Siemens plant" in page.inner_text("h1")
    tab.goto(f"/partner/projects/{theirs.id}", status=404)
    assert "Another plant" not in page.inner_text("body")
    tab.check_axe()
    for path in (f"/projects/{theirs.id}", f"/projects/{ours.id}", "/projects/board", "/reports"):
        tab.goto(path, status=403)
        assert "plant" not in page.inner_text("main")
