"""A record kind's fields are declared once (crm/records.py): the form, the API's bodies, its
answers and openapi.json, and the partner's view all follow the declaration, so a field added
there appears everywhere at once."""

import pytest

from crm.companies.fields import COMPANY, CONTACT
from crm.interactions.fields import INTERACTION
from crm.projects.fields import PROJECT
from crm.records import MONEY, NOTE, ROWS, TEXT
from crm.talents.fields import TALENT

from .conftest import user

# declaration, its edit form, its API item path, whether partners read a public view of it
KINDS = [
    (PROJECT, "crm.projects.forms:ProjectForm", "/api/v1/projects/{project_id}", True),
    (TALENT, "crm.talents.forms:TalentForm", "/api/v1/talents/{talent_id}", False),
    (COMPANY, "crm.companies.forms:CompanyForm", "/api/v1/companies/{company_id}", True),
    (CONTACT, "crm.companies.forms:ContactForm", "/api/v1/contacts/{contact_id}", False),
    (INTERACTION, "crm.interactions.forms:MeetingForm", "/api/v1/interactions/{interaction_id}",
     False),
]


def _form_names(declaration) -> set[str]:
    names = set()
    for f in declaration.writable():
        names |= {f"{f.name}_amount", f"{f.name}_currency"} if f.kind == MONEY else {f.name}
    return names


def _form_class(path: str):
    from importlib import import_module

    module, name = path.split(":")
    return getattr(import_module(module), name)


@pytest.mark.parametrize(("declaration", "form", "path", "public"), KINDS,
                         ids=lambda value: getattr(value, "name", None))
def test_the_form_has_a_field_for_each_declared_one(app, declaration, form, path, public):
    with app.test_request_context():
        form = _form_class(form)(formdata=None)
        assert _form_names(declaration) <= set(form._fields)
        for f in declaration.writable():
            if f.kind == ROWS:
                continue  # rows of their own (a meeting's follow-ups)
            shown = form[f"{f.name}_amount"] if f.kind == MONEY else form[f.name]
            assert str(shown.label.text) == str(f.label)
            if f.kind in (TEXT, NOTE):
                assert any(getattr(v, "max", None) == f.max_length for v in shown.validators)


@pytest.mark.parametrize(("declaration", "form", "path", "public"), KINDS,
                         ids=lambda value: getattr(value, "name", None))
def test_the_api_reads_and_writes_each_declared_field(client, declaration, form, path, public):
    document = client.get("/api/v1/openapi.json").get_json()
    operations = document["paths"][path]
    patch = operations["patch"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(declaration.names()) <= set(_resolve(document, patch)["properties"])
    answer = _resolve(document, operations["get"]["responses"]["200"]["content"][
        "application/json"]["schema"])
    views = [_resolve(document, s) for s in answer.get("anyOf", [answer])]
    assert set(views[0]["properties"]) == {f.name for f in declaration.fields}
    if public:
        assert set(views[1]["properties"]) == {f.name for f in declaration.fields if f.public}


def test_the_edit_page_has_an_input_for_each_declared_field(client, login, company, project):
    record = project(company(), name_en="Plant")  # made by the admin "boss"
    assert user("boss").role == "admin"
    login("boss")
    page = client.get(f"/projects/{record.id}/edit").get_data(as_text=True)
    for name in _form_names(PROJECT):
        assert f'name="{name}"' in page, name


def _resolve(document, schema):
    while "$ref" in schema:
        path = schema["$ref"].lstrip("#/").split("/")
        schema = document
        for part in path:
            schema = schema[part]
    return schema


def test_a_patch_keeps_the_order_of_places_and_the_limit_of_rows(api):
    """Places are an ordered list (a reordering is a change); a PATCH's follow-up rows have
    the same limit as a create's."""
    admin = api("admin")
    company = admin.post("/api/v1/companies?allow_duplicate=1",
                         json={"name_en": "Acme", "country": "DE"}).get_json()
    project = admin.post("/api/v1/projects", json={
        "company_id": company["id"], "zone": "jxetdz", "name_en": "P",
        "competing_locations": ["Suzhou", "Shanghai"]}).get_json()
    moved = admin.patch(f"/api/v1/projects/{project['id']}", json={
        "version": project["version"], "competing_locations": ["Shanghai", "Suzhou"]})
    assert moved.get_json()["competing_locations"] == ["Shanghai", "Suzhou"]
    assert moved.get_json()["version"] == project["version"] + 1
    meeting = admin.post("/api/v1/interactions", json={
        "occurred_on": "2024-05-01", "subject": "Visit", "zone": "jxetdz"}).get_json()
    rows = [{"title": f"Call back {i}", "due_on": "2030-01-01"} for i in range(101)]
    refused = admin.patch(f"/api/v1/interactions/{meeting['id']}",
                          json={"version": meeting["version"], "follow_ups": rows})
    assert refused.status_code == 422 and "follow_ups" in refused.get_json()["error"]["fields"]
