"""What every page shares: sections and navigation, errors, headers, logs, URLs.

Nothing here imports a blueprint: views build on this folder, never the other way.
"""
