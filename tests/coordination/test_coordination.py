"""Coordination items: seen with their project, overdue first, hidden from partners, to the
bin when deleted."""

from datetime import timedelta

from crm import clock
from tests import factories
from tests.conftest import csrf_from


def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    return response.get_json()


def test_items_are_seen_with_their_project_and_never_by_partners(app, api, make_user, login,
                                                                  client):
    admin = api()
    acme = factories.company("Acme GmbH")
    plant = factories.lead_project(acme, zone="jxetdz", name_en="Acme plant")
    other = factories.lead_project(factories.company("Beta AG"), zone="jsetdz",
                                   name_en="Beta plant")
    today = clock.today()
    item = ok(admin.post("/api/v1/coordination", json={
        "project_id": plant.id, "category": "land", "description": "用地指标不足",
        "department": "市自然资源和规划局", "raised_on": (today - timedelta(days=30)).isoformat(),
        "due_on": (today - timedelta(days=3)).isoformat()}), 201)
    assert item["status"] == "open"
    assert item["overdue"] is True and item["zone"] == "jxetdz" and item["level"] == "zone"
    hidden = ok(admin.post("/api/v1/coordination", json={
        "project_id": other.id, "category": "energy", "description": "能评"}), 201)
    assert hidden["raised_on"] == today.isoformat()  # today unless given
    # staff of jxetdz: their zone's item, not the other
    staff = api("zhang", "staff")
    assert [i["id"] for i in ok(staff.get("/api/v1/coordination"))["items"]] == [item["id"]]
    assert staff.get(f"/api/v1/coordination/{hidden['id']}").status_code == 404
    refused = staff.post("/api/v1/coordination", json={
        "project_id": other.id, "category": "land", "description": "x"})
    assert refused.status_code == 422  # a project they cannot see
    # partners never: 403 on every operation, whatever the id
    make_user("pat", "partner", company_ids=[acme.id])
    partner = api("pat", None)
    assert partner.get("/api/v1/coordination").status_code == 403
    assert partner.get(f"/api/v1/coordination/{item['id']}").status_code == 403
    assert partner.post("/api/v1/coordination", json={}).status_code == 403
    # the project's page shows it; the partner's view of the project does not
    login("admin")
    page = client.get(f"/projects/{plant.id}").get_data(as_text=True)
    assert "用地指标不足" in page and "市自然资源和规划局" in page
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/me/tokens").get_data(
        as_text=True))})
    login("pat")
    assert "用地指标不足" not in client.get(f"/partner/projects/{plant.id}").get_data(
        as_text=True)
    assert client.get("/coordination").status_code == 403
    assert client.get(f"/coordination/{item['id']}").status_code == 403


def test_the_list_puts_overdue_items_first_and_filters(app, api):
    admin = api()
    plant = factories.lead_project(factories.company("Acme GmbH"), zone="jxetdz")
    today = clock.today()

    def make(days, status="open", category="approval"):
        body = ok(admin.post("/api/v1/coordination", json={
            "project_id": plant.id, "category": category, "description": f"due {days}",
            "raised_on": (today - timedelta(days=60)).isoformat(),
            "due_on": (today + timedelta(days=days)).isoformat()}), 201)
        if status != "open":
            body = ok(admin.patch(f"/api/v1/coordination/{body['id']}",
                                  json={"version": body["version"], "status": status}))
        return body["id"]

    later = make(20)
    overdue = make(-5)
    resolved = make(-10, status="resolved")
    soon = make(2, category="labour")
    listed = [i["id"] for i in ok(admin.get("/api/v1/coordination"))["items"]]
    assert listed == [overdue, soon, later, resolved]
    assert [i["id"] for i in ok(admin.get("/api/v1/coordination?overdue=true"))["items"]] == \
        [overdue]
    assert [i["id"] for i in ok(admin.get("/api/v1/coordination?category=labour"))["items"]] == \
        [soon]
    assert ok(admin.get("/api/v1/coordination?zone=jsetdz"))["total"] == 0
    assert ok(admin.get("/api/v1/coordination?status=resolved"))["total"] == 1
    escalated = ok(admin.patch(f"/api/v1/coordination/{later}", json={
        "version": 1, "level": "city", "department": "市发改委"}))
    assert escalated["level"] == "city"


def test_the_dashboard_counts_open_and_overdue_items(app, api, login, client):
    admin = api()
    plant = factories.lead_project(factories.company("Acme GmbH"), zone="jxetdz")
    today = clock.today()
    for days in (-1, -2, 5):
        ok(admin.post("/api/v1/coordination", json={
            "project_id": plant.id, "category": "utilities", "description": "电力增容",
            "raised_on": (today - timedelta(days=9)).isoformat(), "due_on": (today + timedelta(days=days)).isoformat()}), 201)
    import sqlalchemy as sa

    from crm.auth.models import User
    from crm.coordination.services import counts
    from crm.extensions import db

    user = db.session.scalar(sa.select(User).where(User.username == "admin"))
    assert counts(user) == {"open": 3, "overdue": 2}
    login("admin")
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Open coordination items" in page and "Overdue coordination items" in page


def test_a_deleted_item_goes_to_the_bin_and_back(app, api):
    admin = api()
    plant = factories.lead_project(factories.company("Acme GmbH"), zone="jxetdz")
    item = ok(admin.post("/api/v1/coordination", json={
        "project_id": plant.id, "category": "financing", "description": "贷款未落实"}), 201)
    assert admin.delete(f"/api/v1/coordination/{item['id']}").status_code == 204
    assert admin.get(f"/api/v1/coordination/{item['id']}").status_code == 404
    binned = ok(admin.get("/api/v1/bin?kind=coordination"))["items"]
    assert [(b["id"], b["name"]) for b in binned] == [(item["id"], "贷款未落实")]
    restored = ok(admin.post(f"/api/v1/bin/coordination/{item['id']}/restore"))
    assert restored["id"] == item["id"]
    entries = ok(admin.get(f"/api/v1/audit?kind=coordination&id={item['id']}"))["items"]
    assert [e["action"] for e in entries] == ["restore", "delete", "create"]


def test_staff_record_and_edit_an_obstacle_from_the_project_page(app, make_user, login, client):
    make_user("zhang", "staff", zones=["jxetdz"])
    plant = factories.lead_project(factories.company("Acme GmbH"), zone="jxetdz")
    other = factories.lead_project(factories.company("Beta AG"), zone="jsetdz")
    login("zhang")
    page = client.get(f"/projects/{plant.id}?lang=en").get_data(as_text=True)
    assert f"/coordination/new?project_id={plant.id}" in page
    form = client.get(f"/coordination/new?project_id={plant.id}").get_data(as_text=True)
    saved = client.post(f"/coordination/new?project_id={plant.id}", data={
        "csrf_token": csrf_from(form), "project_id": plant.id, "category": "environment",
        "description": "环评批复未下达", "department": "市生态环境局", "raised_on": "2026-11-01",
        "due_on": "", "status": "open", "level": "zone", "resolution": ""})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    import sqlalchemy as sa

    from crm.coordination.models import CoordinationItem
    from crm.extensions import db

    item = db.session.scalar(sa.select(CoordinationItem))
    assert (item.project_id, item.category, item.created_at is not None) == (
        plant.id, "environment", True)
    assert client.get(f"/coordination/new?project_id={other.id}").status_code == 404
    edit = client.get(f"/coordination/{item.id}/edit").get_data(as_text=True)
    escalated = client.post(f"/coordination/{item.id}/edit", data={
        "csrf_token": csrf_from(edit), "version": item.version, "project_id": plant.id,
        "category": "environment", "description": "环评批复未下达", "department": "市生态环境局",
        "raised_on": "2026-11-01", "due_on": "", "status": "in_progress", "level": "city",
        "resolution": ""})
    assert escalated.status_code == 302
    db.session.refresh(item)
    assert (item.status, item.level) == ("in_progress", "city")
    listed = client.get("/coordination?lang=en").get_data(as_text=True)
    assert "环评批复未下达" in listed and "Escalated to the city" in listed
