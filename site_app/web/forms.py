"""The base of the site's HTML forms.

Flask-WTF's form binds to the request's form data and shows WTForms' own messages in the
page's language. Its CSRF token is turned off: cross_origin.py refuses a form sent from
another site before any view runs, so a form page holds nothing per visitor.
"""

from __future__ import annotations

from flask_wtf import FlaskForm


class SiteForm(FlaskForm):
    class Meta:
        csrf = False
