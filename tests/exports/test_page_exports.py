"""The list pages' "Export XLSX" / "Export CSV" links: the page's filters and order kept,
every page of the list in the file, headers in the user's language."""

import html
import re
from urllib.parse import parse_qs, urlsplit

from tests import factories

from .conftest import column, read_csv, read_xlsx


def export_links(page_html: str, path: str) -> dict[str, str]:
    """{format: url} of the page's export links to ``path``."""
    links = {}
    for href in re.findall(r'href="([^"]+)"', page_html):
        url = html.unescape(href)
        if urlsplit(url).path == path:
            links[parse_qs(urlsplit(url).query)["format"][0]] = url
    return links


def listed_ids(page_html: str) -> list[int]:
    body = page_html[page_html.index("<tbody>"):page_html.index("</tbody>")]
    return [int(i) for i in re.findall(r'href="/projects/(\d+)"', body)]


def test_the_project_list_links_to_its_export_with_its_filters(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz", "jsetdz"])
    acme = factories.company("Acme GmbH")
    for number in range(70):  # more than a page of them in jxetdz
        factories.lead_project(acme, zone="jxetdz" if number % 5 else "jsetdz",
                               name_en=f"Plant {number:02d}")
    factories.contacted_project(acme, zone="jxetdz", name_en="Contacted plant")
    login("sam")
    page = client.get("/projects?zone=jxetdz&stage=lead&sort=name&page=2")
    links = export_links(page.get_data(as_text=True), "/projects/export")
    assert set(links) == {"csv", "xlsx"}
    for fmt, url in links.items():
        query = parse_qs(urlsplit(url).query)
        assert query == {"zone": ["jxetdz"], "stage": ["lead"], "sort": ["name"],
                         "format": [fmt]}  # every page, not page 2
    shown = listed_ids(client.get("/projects?zone=jxetdz&stage=lead&sort=name")
                       .get_data(as_text=True))
    shown += listed_ids(client.get("/projects?zone=jxetdz&stage=lead&sort=name&page=2")
                        .get_data(as_text=True))
    header, rows = read_csv(client.get(links["csv"]))
    assert [int(i) for i in column(header, rows, "ID")] == shown and len(shown) == 56
    header, rows = read_xlsx(client.get(links["xlsx"]))
    assert column(header, rows, "ID") == shown
    assert set(column(header, rows, "Stage")) == {"lead"}


def test_page_exports_follow_the_users_language_and_zones(client, make_user, login):
    make_user("li", "staff", zones=["jxetdz"], locale="zh")
    mine = factories.lead_project(zone="jxetdz")
    factories.lead_project(zone="jsetdz")
    login("li")
    header, rows = read_csv(client.get("/projects/export?format=csv"))
    assert header[:3] == ["编号", "中文名称", "英文名称"]
    assert [int(row[0]) for row in rows] == [mine.id]
    # a format the page does not know is read as CSV, as pages drop unknown filter values
    assert read_csv(client.get("/projects/export?format=pdf&zone=jxetdz"))[1] == rows


def test_the_other_lists_link_to_their_exports(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    plant = factories.lead_project(factories.company("Bosch GmbH", country="DE"),
                                   zone="jxetdz")
    factories.company("Toyota Motor", country="JP")
    factories.talent("jxetdz", name="Ben Early", talent_type="rnd")
    factories.talent("jxetdz", name="Cara Late", talent_type="managerial")
    factories.meeting(subject="Visit", project_ids=[plant.id])
    factories.meeting(subject="Call", kind="call", project_ids=[plant.id])
    login("sam")
    for page, path, name, value in (
            ("/companies?country=DE", "/companies/export", "Name in English", ["Bosch GmbH"]),
            ("/talents?talent_type=rnd", "/talents/export", "Name in Latin letters",
             ["Ben Early"]),
            ("/meetings?kind=call", "/meetings/export", "Subject", ["Call"])):
        links = export_links(client.get(page).get_data(as_text=True), path)
        assert set(links) == {"csv", "xlsx"}, page
        header, rows = read_csv(client.get(links["csv"]))
        assert column(header, rows, name) == value, page
        header, rows = read_xlsx(client.get(links["xlsx"]))
        assert column(header, rows, name) == value, page


def test_a_partner_page_exports_their_projects_public_fields(client, make_user, login):
    own = factories.company("Own GmbH")
    factories.lead_project(own, name_en="B plant", notes="internal note")
    factories.lead_project(own, name_en="A plant")
    factories.lead_project(factories.company("Other AG"), name_en="Hidden plant")
    make_user("pat", "partner", company_ids=[own.id])
    login("pat")
    page = client.get("/partner").get_data(as_text=True)
    links = export_links(page, "/partner/export")
    assert set(links) == {"csv", "xlsx"}
    header, rows = read_csv(client.get(links["csv"]))
    assert "Notes" not in header and "Owner" not in header
    shown = [int(i) for i in re.findall(r'href="/partner/projects/(\d+)"', page)]
    assert [int(i) for i in column(header, rows, "ID")] == shown and len(shown) == 2
    raw = client.get(links["xlsx"]).get_data()
    assert b"internal note" not in raw and b"Hidden plant" not in raw
    # the officers' export is not theirs
    assert client.get("/projects/export").status_code == 403
