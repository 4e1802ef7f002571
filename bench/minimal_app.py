"""The yardstick for ``make bench``: the least a Flask page can do, one one-line template.

Served by the same gunicorn, with the same gunicorn.conf.py and settings as the site.
"""

from flask import Flask, render_template

app = Flask(__name__)


@app.get("/")
def index() -> str:
    return render_template("minimal.html")
