"""The files ``new-section`` writes for a section: its view, its page and its tests.

Each is laid out as ``ruff format`` lays it out, so ``make check`` passes on them as
they are written.
"""

from __future__ import annotations

from string import Template

from site_app.i18n.translation import N_

BLUEPRINT = Template('''\
"""$label: a section of the site (made with ``flask new-section``)."""

from __future__ import annotations

from flask import Blueprint, render_template

from site_app.middleware.page_cache import same_for_everyone

bp = Blueprint("$name", __name__)


@bp.get("/$name")
# The same page for every visitor: the page cache may keep it. Remove this line when the
# page shows something per visitor (a page that sets a cookie is never stored anyway).
@same_for_everyone()
def index() -> str:
    return render_template("$name/index.html")
''')

# The sentences every new section starts with. Marked here, so that each catalogue always
# holds them with their translation: a new page's texts are these with the section's
# label put in, translated at once, and new-section translates its home page sentence
# (in SECTIONS, where it must be a text of its own) from the first.
SECTION_SENTENCE = N_("The %(section)s section.")
PAGE_DESCRIPTION = N_("The %(section)s section of %(site_name)s.")
PAGE_LEAD = N_(
    "The %(section)s section: its view is <code>%(view)s</code>, this page is "
    "<code>%(page)s</code>."
)

# The page's texts are PAGE_DESCRIPTION and PAGE_LEAD, word for word, as {% trans %}
# blocks (babel.cfg trims their white space); the label is a text of its own.
PAGE = Template("""\
{% extends "base.html" %}
{% set section = _("$label") %}
{% block title %}{{ section }}{% endblock %}
{% block description %}{% trans site_name=config.SITE_NAME %}The {{ section }} section of
{{ site_name }}.{% endtrans %}{% endblock %}
{% block content %}
<h1>{{ section }}</h1>
<p class="lead">{% trans view="site_app/blueprints/$name.py",
page="site_app/templates/$name/index.html" %}The {{ section }} section: its view is
<code>{{ view }}</code>, this page is <code>{{ page }}</code>.{% endtrans %}</p>
{% endblock %}
""")

TESTS = Template('''\
"""The $label section: its page, its navigation link, its sitemap entry."""

from __future__ import annotations

from tests.html import heading, nav_links, parse, text, title


def test_${name}_page_answers_with_its_heading(client):
    response = client.get("/$name")

    assert response.status_code == 200
    assert heading(response) == "$label"
    assert title(response).startswith("$label · ")


def test_${name}_is_in_the_navigation_and_marked_current_on_its_page(client):
    links = nav_links(parse(client.get("/$name")))
    current = [(text(link), link["href"]) for link in links if link.get("aria-current")]

    assert current == [("$label", "/$name")]


def test_${name}_is_in_the_sitemap(client):
    sitemap = client.get("/sitemap.xml").text

    assert "<loc>http://localhost/$name</loc>" in sitemap
''')


def section_paths(name: str) -> list[str]:
    """Where a section's files go, relative to the project folder."""
    return [
        f"site_app/blueprints/{name}.py",
        f"site_app/templates/{name}/index.html",
        f"tests/test_{name}.py",
    ]


def section_texts(name: str, label: str) -> dict[str, str]:
    """``{path: text}`` for a section ``name`` whose navigation label is ``label``."""
    values = {"name": name, "label": label}
    texts = [template.substitute(values) for template in (BLUEPRINT, PAGE, TESTS)]
    return dict(zip(section_paths(name), texts, strict=True))


def with_route_row(routes_page: str, name: str, label: str) -> str:
    """docs/routes.md with the section's page added as the last row of its table."""
    lines = routes_page.splitlines(keepends=True)
    rows = [number for number, line in enumerate(lines) if line.startswith("| `/")]
    if not rows:
        return routes_page
    row = f"| `/{name}` | `{name}.index` | the {label} section |\n"
    lines.insert(rows[-1] + 1, row)
    return "".join(lines)
