"""The plan's targets: derived and typed actuals, the admin forms, key countries and
industries."""

import re

import pytest
import sqlalchemy as sa

from crm.companies.models import Company
from crm.extensions import db
from crm.reference.key_lists import key_countries
from crm.reference.targets import save_target
from crm.reports.models import KeyCountry, KeyIndustry
from crm.reports.targets import targets
from crm.zones.models import Park
from crm.zones.services import create_park
from tests import factories

from ..conftest import csrf_from
from .conftest import at


@pytest.fixture
def setup(build, boss, api):
    db.session.add_all([KeyCountry(code="DE"), KeyIndustry(name_zh="汽车零部件",
                                                           name_en="Automotive parts")])
    db.session.commit()
    park = create_park({"zone": "jsetdz", "name_zh": "中日园", "name_en": "Sino-Japanese Park",
                        "category": "international"})
    create_park({"zone": "jsetdz", "name_zh": "新经济园", "name_en": "New-Economy Park",
                 "category": "new_economy"})
    german = build.company("German Maker GmbH", country="DE")
    japanese_parts = build.company("Parts KK", country="JP",
                                   industry="automotive", industry_detail="Automotive parts 汽车零部件")
    japanese_food = build.company("Food KK", country="JP", industry="C", industry_detail="Food")
    for company in (german, japanese_parts, japanese_food):
        build.project(company, zone="jsetdz", park_id=park.id, path=["signed", "registered"],
                      created=at(2025, 1, 10), moves=at(2025, 3, 1), verified=True)
    # registered the year before: not this year's entry
    build.project(german, zone="jsetdz", park_id=park.id, path=["signed", "registered"],
                  created=at(2024, 1, 10), moves=at(2024, 3, 1))
    admin = api("admin", "admin")
    admin.post("/api/v1/reference/shuangbai?year=2024", json=[{"name_en": "A"}])
    admin.post("/api/v1/reference/shuangbai?year=2025",
               json=[{"name_en": "A"}, {"name_en": "B"}, {"name_en": "C"}])
    for zone, metric, value, actual in (
        (None, "intl_park_entries", 2, None), ("jsetdz", "intl_park_entries", 2, None),
        ("jsetdz", "new_economy_parks", 1, None), (None, "floor_space_m2", 300_000, 120_000),
        (None, "land_reclaimed_mu", 6000, None), (None, "shuangbai_increase", 2, None),
    ):
        save_target(boss, {"year": 2025, "zone": zone, "metric": metric,
                                    "target_value": value, "actual_value": actual})


def test_actuals(setup, boss):
    rows = {(t["zone"], t["metric"]): t for t in targets(boss, 2025)["targets"]}
    assert rows[(None, "intl_park_entries")]["actual"] == 2  # the German and the parts maker
    assert rows[("jsetdz", "intl_park_entries")]["actual"] == 2
    assert rows[("jsetdz", "intl_park_entries")]["progress"] == 1.0
    assert rows[("jsetdz", "new_economy_parks")]["actual"] == 1
    assert rows[(None, "floor_space_m2")]["actual"] == 120_000
    assert rows[(None, "floor_space_m2")]["progress"] == 0.4
    assert rows[(None, "land_reclaimed_mu")]["actual"] is None
    assert rows[(None, "shuangbai_increase")]["actual"] == 2
    assert rows[("jsetdz", "intl_park_entries")]["unverified"] == 0


def test_an_entry_counts_once_verified(setup, build, boss, client, login):
    """A registration awaiting verification (核实) is given beside the actual, not in it."""
    german = db.session.scalar(sa.select(Company).where(Company.name_en == "German Maker GmbH"))
    park = db.session.scalar(sa.select(Park).where(Park.category == "international",
                                                   Park.zone_code == "jsetdz"))
    entry = build.project(german, zone="jsetdz", park_id=park.id, path=["signed", "registered"],
                          created=at(2025, 2, 10), moves=at(2025, 4, 1))
    rows = {(t["zone"], t["metric"]): t for t in targets(boss, 2025)["targets"]}
    assert (rows[("jsetdz", "intl_park_entries")]["actual"],
            rows[("jsetdz", "intl_park_entries")]["unverified"]) == (2, 1)
    assert (rows[(None, "intl_park_entries")]["actual"],
            rows[(None, "intl_park_entries")]["unverified"]) == (2, 1)
    login("boss")
    html = client.get("/reports/targets?year=2025&lang=zh").get_data(as_text=True)
    assert re.search(r'data-metric="intl_park_entries" data-zone="jsetdz">.*?'
                     r'data-col="actual">2<span class="unverified">另有1个待核实</span>',
                     html, re.S)
    factories.verify(entry)
    rows = {(t["zone"], t["metric"]): t for t in targets(boss, 2025)["targets"]}
    assert (rows[("jsetdz", "intl_park_entries")]["actual"],
            rows[("jsetdz", "intl_park_entries")]["unverified"]) == (3, 0)


def test_staff_read_their_zones_targets_only(setup, make_user):
    staff = make_user("js.officer", "staff", zones=["jsetdz"])
    rows = targets(staff, 2025)["targets"]
    assert {t["zone"] for t in rows} == {"jsetdz"}


def test_admin_forms(setup, client, make_user, login):
    login("admin")
    page = client.get("/reports/targets?year=2025&lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Set a target" in html and "<svg" in html
    response = client.post("/reports/targets", data={
        "csrf_token": csrf_from(html), "year": 2025, "zone": "", "metric": "land_reclaimed_mu",
        "target_value": "6000", "actual_value": "1500"})
    assert response.status_code == 302
    html = client.get("/reports/targets?year=2025").get_data(as_text=True)
    assert re.search(r'data-metric="land_reclaimed_mu" data-zone="">.*?data-col="actual">1,500',
                     html, re.S)
    bad = client.post("/reports/targets", data={
        "csrf_token": csrf_from(html), "year": 2025, "zone": "jsetdz",
        "metric": "shuangbai_increase", "target_value": "2"})
    assert bad.status_code == 422 and "This target is citywide." in bad.get_data(as_text=True)

    html = client.get("/reports/key-lists").get_data(as_text=True)
    assert client.post("/reports/key-countries", data={
        "csrf_token": csrf_from(html), "code": "jp"}).status_code == 302
    assert client.post("/reports/key-countries", data={
        "csrf_token": csrf_from(html), "code": "XX"}).status_code == 422
    assert client.post("/reports/key-industries", data={
        "csrf_token": csrf_from(html), "name_en": "Food"}).status_code == 302
    assert key_countries() == ["DE", "JP"]
    rows = {(t["zone"], t["metric"]): t for t in targets(_admin(), 2025)["targets"]}
    assert rows[("jsetdz", "intl_park_entries")]["actual"] == 3  # now the food maker too


def _admin():
    from crm.auth.models import User

    return db.session.scalar(db.select(User).where(User.username == "admin"))


def test_only_admins_edit(setup, client, make_user, login):
    make_user("manager", "manager")
    login("manager")
    assert client.get("/reports/targets").status_code == 200
    assert client.get("/reports/key-lists").status_code == 403
    html = client.get("/reports/targets").get_data(as_text=True)
    assert "Set a target" not in html
    assert client.post("/reports/targets", data={
        "csrf_token": csrf_from(html), "year": 2025, "metric": "floor_space_m2",
        "target_value": "1"}).status_code == 403


def test_a_target_reads_with_its_unit_in_the_readers_language(setup, client, login):
    """One park, not "1 parks"; the number as the page writes numbers; Chinese with its
    measure word and no space."""
    login("boss")

    def target_cell(lang: str, metric: str, zone: str = "") -> str:
        html = client.get(f"/reports/targets?year=2025&lang={lang}").get_data(as_text=True)
        row = re.search(rf'data-metric="{metric}" data-zone="{zone}">(.*?)</tr>', html, re.S)
        return re.findall(r'<td class="num">([^<]*)</td>', row.group(1))[0]

    assert target_cell("en", "new_economy_parks", "jsetdz") == "1 park"
    assert target_cell("en", "intl_park_entries", "jsetdz") == "2 enterprises"
    assert target_cell("en", "floor_space_m2") == "300,000 m²"
    assert target_cell("en", "land_reclaimed_mu") == "6,000 mu"
    assert target_cell("zh", "new_economy_parks", "jsetdz") == "1个"
    assert target_cell("zh", "floor_space_m2") == "300,000平方米"
    assert target_cell("zh", "land_reclaimed_mu") == "6,000亩"
