"""Helpers shared by the project's own tools (make bench, make audit, make screenshots)."""
