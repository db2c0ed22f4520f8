"""A company's contacts through the API (API.md): CRUD with versions, the same rules as the
contact pages, the audit trail, and never a word of them to a partner."""

from .conftest import error_of, ok


def test_create_read_list_patch_delete(admin, company, api):
    bosch = company(name_en="Bosch GmbH")
    url = f"/api/v1/companies/{bosch['id']}/contacts"
    body = {"name_en": "Hans Müller", "name_zh": "汉斯", "title": "CFO",
            "email": "hans@bosch.example", "phone": "+49 711 400", "language": "de"}
    created = ok(admin.post(url, json=body), 201)
    assert created["company_id"] == bosch["id"] and created["version"] == 1
    assert created["name"] == "Hans Müller"  # the reader's language (English here)
    assert {k: created[k] for k in body} == body
    assert ok(admin.get(f"/api/v1/contacts/{created['id']}")) == created
    chinese = admin.get(f"/api/v1/contacts/{created['id']}", headers={"Accept-Language": "zh"})
    assert chinese.get_json()["name"] == "汉斯"
    listed = ok(admin.get(url))
    assert listed == {"items": [created], "page": 1, "per_page": 50, "total": 1}

    staff = api("sam", "staff")  # staff edit every company, and so its contacts
    changed = ok(staff.patch(f"/api/v1/contacts/{created['id']}",
                             json={"version": 1, "title": "CEO"}))
    assert changed["title"] == "CEO" and changed["version"] == 2
    stale = admin.patch(f"/api/v1/contacts/{created['id']}", json={"version": 1, "title": "x"})
    assert error_of(stale, 409)["code"] == "conflict"
    assert ok(admin.get(f"/api/v1/contacts/{created['id']}"))["title"] == "CEO"

    assert admin.delete(f"/api/v1/contacts/{created['id']}").status_code == 204
    assert error_of(admin.get(f"/api/v1/contacts/{created['id']}"), 404)["code"] == "not_found"
    assert ok(admin.get(url))["total"] == 0


def test_the_contact_rules_of_the_pages_hold(admin, company):
    bosch = company()
    url = f"/api/v1/companies/{bosch['id']}/contacts"
    for body, field in (({"title": "CFO"}, "name_zh"),
                        ({"name_en": "Hans", "email": "not an address"}, "email"),
                        ({"name_en": "Hans", "language": "German!"}, "language"),
                        ({"name_en": "x" * 201}, "name_en"),
                        ({"name_en": "Hans", "nickname": "H"}, "nickname")):
        assert field in error_of(admin.post(url, json=body), 422)["fields"], body
    hans = ok(admin.post(url, json={"name_en": "Hans"}), 201)
    emptied = admin.patch(f"/api/v1/contacts/{hans['id']}", json={"version": 1, "name_en": None})
    assert "name_zh" in error_of(emptied, 422)["fields"]
    assert ok(admin.get(url))["total"] == 1
    assert error_of(admin.post("/api/v1/companies/999999/contacts",
                               json={"name_en": "Hans"}), 404)["code"] == "not_found"


def test_a_deleted_companys_contacts_are_gone(admin, company):
    bosch = company()
    hans = ok(admin.post(f"/api/v1/companies/{bosch['id']}/contacts",
                         json={"name_en": "Hans"}), 201)
    assert admin.delete(f"/api/v1/companies/{bosch['id']}").status_code == 204
    assert admin.get(f"/api/v1/contacts/{hans['id']}").status_code == 404
    assert admin.get(f"/api/v1/companies/{bosch['id']}/contacts").status_code == 404
    refused = admin.patch(f"/api/v1/contacts/{hans['id']}", json={"version": 1, "title": "x"})
    assert refused.status_code == 404


def test_a_partner_learns_nothing_of_contacts(admin, company, api, make_user):
    ours = company(name_en="Partner's own company")
    hans = ok(admin.post(f"/api/v1/companies/{ours['id']}/contacts",
                         json={"name_en": "Hans"}), 201)
    make_user("pat", "partner", company_ids=[ours["id"]])
    partner = api("pat", None)
    assert ok(partner.get(f"/api/v1/companies/{ours['id']}"))["id"] == ours["id"]
    # the same answer for the own company's contact, another id and one that does not exist
    for contact_id in (hans["id"], hans["id"] + 1, 999999):
        assert error_of(partner.get(f"/api/v1/contacts/{contact_id}"), 403)
        assert partner.patch(f"/api/v1/contacts/{contact_id}",
                             json={"version": 1, "title": "x"}).status_code == 403
        assert partner.delete(f"/api/v1/contacts/{contact_id}").status_code == 403
    for company_id in (ours["id"], 999999):
        url = f"/api/v1/companies/{company_id}/contacts"
        assert partner.get(url).status_code == 403
        assert partner.post(url, json={"name_en": "Mole"}).status_code == 403
    assert ok(admin.get(f"/api/v1/companies/{ours['id']}/contacts"))["total"] == 1


def test_contacts_are_in_the_audit_trail(admin, company):
    bosch = company()
    hans = ok(admin.post(f"/api/v1/companies/{bosch['id']}/contacts",
                         json={"name_en": "Hans", "title": "CFO"}), 201)
    ok(admin.patch(f"/api/v1/contacts/{hans['id']}", json={"version": 1, "title": "CEO"}))
    assert admin.delete(f"/api/v1/contacts/{hans['id']}").status_code == 204
    entries = ok(admin.get(f"/api/v1/audit?kind=contacts&id={hans['id']}"))["items"]
    assert [e["action"] for e in entries] == ["delete", "update", "create"]
    assert entries[1]["changes"] == {"title": ["CFO", "CEO"]}
    assert entries[2]["changes"]["name_en"] == [None, "Hans"]
    assert all(e["user"] == "admin" and e["kind"] == "contacts" for e in entries)


def test_openapi_describes_the_contact_operations(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert set(paths["/api/v1/companies/{company_id}/contacts"]) == {"get", "post"}
    assert set(paths["/api/v1/contacts/{contact_id}"]) == {"get", "patch", "delete"}
