"""One module per section of the site, each defining a Blueprint named ``bp``.

The factory imports and registers them; blueprints never import each other and link
only through endpoint names, such as ``url_for("users.guest", guest=name)``.
"""
