"""Company contacts: added, changed and removed on the company page; picked at meetings."""

import re

import pytest

from crm.companies import contacts
from crm.companies.models import Contact
from crm.errors import Conflict, Forbidden, Invalid
from crm.extensions import db
from crm.interactions.models import Interaction
from tests import factories


def contact_form(token, **extra):
    data = {"csrf_token": token, "name_zh": "", "name_en": "Hans Müller", "title": "CFO",
            "email": "hans.mueller@bosch.example", "phone": "+49 711 400", "language": "de",
            "notes": ""}
    data.update(extra)
    return data


def test_add_edit_and_delete_a_contact(client, make_user, login, company, token):
    make_user("sam", "staff", zones=["jxetdz"])
    bosch = company()
    login("sam")
    html = client.get(f"/companies/{bosch.id}").get_data(as_text=True)
    assert "No contacts yet." in html and f"/companies/{bosch.id}/contacts/new" in html
    url = f"/companies/{bosch.id}/contacts/new"
    csrf = token(url)
    response = client.post(url, data=contact_form(csrf, name_en="", email="not an address"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Give the name in Chinese or in English." in html
    assert "Write the email address as name@example.com." in html
    response = client.post(url, data=contact_form(csrf), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The contact was added." in html
    assert "Hans Müller" in html and "CFO" in html and "hans.mueller@bosch.example" in html
    assert "German" in html  # the language by name
    contact = db.session.scalar(db.select(Contact))
    edit, version = f"/contacts/{contact.id}/edit", contact.version
    assert 'value="Hans Müller"' in client.get(edit).get_data(as_text=True)
    response = client.post(edit, data=contact_form(csrf, name_zh="汉斯", title="CEO",
                                                   version=str(version)),
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The contact was saved." in html and "CEO" in html and "汉斯" in html
    response = client.post(edit, data=contact_form(csrf, title="Stale", version=str(version)))
    assert response.status_code == 409 and 'value="Stale"' in response.get_data(as_text=True)
    html = client.get(f"/companies/{bosch.id}").get_data(as_text=True)
    assert 'data-confirm="Delete this contact?"' in html
    response = client.post(f"/contacts/{contact.id}/delete", data={"csrf_token": csrf},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The contact was deleted." in html and "No contacts yet." in html
    assert client.get(edit).status_code == 404


def test_contacts_are_picked_as_their_attendees(
        client, make_user, login, company, token):
    make_user("sam", "staff", zones=["jxetdz"])
    bosch = company(name_en="Bosch GmbH")
    basf = company(name_en="BASF SE")
    hans = factories.contact(bosch, name_en="Hans Müller", title="CFO")
    factories.contact(basf, name_zh="李明")
    login("sam")
    html = client.get(f"/meetings/new?company_id={bosch.id}").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="contact_ids".*?</select>', html, re.S).group(0)
    assert '<optgroup label="Bosch GmbH">' in select and "Hans Müller, CFO" in select
    assert '<optgroup label="BASF SE">' in select and "李明" in select
    data = {"csrf_token": token(), "kind": "meeting", "occurred_on": "2026-05-04",
            "subject": "Lunch with the CFO", "zone": "jxetdz", "company_ids": [str(bosch.id)],
            "contact_ids": [str(hans.id)], "attendees": ["sam"]}
    response = client.post("/meetings/new", data=data, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The meeting was logged." in html, re.findall(r'field-errors.*?</ul>', html, re.S)
    assert "Hans Müller" in html and "(CFO)" in html
    record = db.session.scalar(db.select(Interaction))
    assert [c.id for c in record.contacts] == [hans.id]
    # and on the company's timeline
    html = client.get(f"/companies/{bosch.id}").get_data(as_text=True)
    assert "Lunch with the CFO" in html


def test_contact_service_rules(app, make_user, company, boss):
    partner = make_user("pat", "partner")
    bosch = company()
    with pytest.raises(Forbidden):
        contacts.create_contact(partner, bosch, {"name_en": "X"})
    with pytest.raises(Invalid) as caught:
        contacts.create_contact(boss, bosch, {"name_en": "x" * 201, "language": "German!",
                                                "phone": "1" * 65, "nickname": "x"})
    assert set(caught.value.fields) == {"name_en", "language", "phone", "nickname"}
    hans = contacts.create_contact(boss, bosch, {"name_zh": "汉斯", "email": "h@b.de"})
    assert (hans.name_en, hans.title) == ("", "")
    with pytest.raises(Conflict):
        contacts.update_contact(boss, hans, hans.version + 1, {"title": "CFO"})
    with pytest.raises(Invalid):  # removing the only name
        contacts.update_contact(boss, hans, hans.version, {"name_zh": ""})
    db.session.rollback()
    contacts.update_contact(boss, hans, hans.version, {"name_en": "Hans", "name_zh": ""})
    assert hans.name == "Hans"
    contacts.delete_contact(boss, hans)
    assert contacts.contacts_of([bosch.id]) == []
