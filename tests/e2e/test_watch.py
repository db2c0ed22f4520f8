"""The tabs' watch itself: a JavaScript error, a console error, a missing asset and an axe-core
violation are each found (so the journeys would fail on them), and a refusal the test expects
is not."""

import pytest

pytestmark = pytest.mark.e2e


def test_errors_and_missing_assets_are_found(app, tabs):
    tab = tabs.open("en")
    tab.goto("/login")
    assert tab.problems == []
    tab.page.evaluate("setTimeout(() => { throw new Error('boom'); })")
    tab.page.evaluate("console.error('broken')")
    tab.page.evaluate("""() => new Promise(done => {
        const img = document.createElement('img');
        img.onerror = done;
        img.src = '/static/missing.png';
        document.body.appendChild(img);
    })""")
    tab.page.wait_for_timeout(200)
    found = "\n".join(tab.problems)
    assert "boom" in found and "broken" in found and "404 for image" in found, found
    tab.problems.clear()  # found, as it should be: not this test's failure

    tab.goto("/no-such-page", status=404)
    assert tab.problems == []

    # axe-core's findings too: a field without a label is a critical one
    tab.check_axe()
    assert tab.problems == []
    tab.page.evaluate("document.querySelector('main').appendChild(document.createElement('input'))")
    tab.check_axe()
    assert any("'id': 'label'" in problem for problem in tab.problems), tab.problems
    tab.problems.clear()
