"""A record kind's fields are declared once (crm/records.py): the form, the API's bodies, its
answers and openapi.json, and the partner's view all follow the declaration, so a field added
there appears everywhere at once."""

import pytest

from crm.projects.fields import PROJECT
from crm.records import MONEY

from .conftest import user

DECLARATIONS = [PROJECT]


def _form_names(declaration) -> set[str]:
    names = set()
    for f in declaration.writable():
        names |= {f"{f.name}_amount", f"{f.name}_currency"} if f.kind == MONEY else {f.name}
    return names


@pytest.mark.parametrize("declaration", DECLARATIONS, ids=lambda d: d.name)
def test_the_form_has_a_field_for_each_declared_one(app, declaration):
    from crm.projects.forms import ProjectForm

    with app.test_request_context():
        form = ProjectForm(formdata=None)
        assert _form_names(declaration) <= set(form._fields)
        for f in declaration.writable():
            shown = form[f"{f.name}_amount"] if f.kind == MONEY else form[f.name]
            assert str(shown.label.text) == str(f.label)
            if f.max_length:
                assert any(getattr(v, "max", None) == f.max_length for v in shown.validators)


@pytest.mark.parametrize("declaration", DECLARATIONS, ids=lambda d: d.name)
def test_the_api_reads_and_writes_each_declared_field(client, declaration):
    document = client.get("/api/v1/openapi.json").get_json()
    operations = document["paths"]["/api/v1/projects/{project_id}"]
    patch = operations["patch"]["requestBody"]["content"]["application/json"]["schema"]
    patch = _resolve(document, patch)
    assert set(declaration.names()) <= set(patch["properties"])
    answer = _resolve(document, operations["get"]["responses"]["200"]["content"][
        "application/json"]["schema"])
    internal, public = (_resolve(document, s) for s in answer["anyOf"])
    assert set(internal["properties"]) == {f.name for f in declaration.fields}
    assert set(public["properties"]) == {f.name for f in declaration.fields if f.public}


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
