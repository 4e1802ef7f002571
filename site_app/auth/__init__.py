"""Admin sign-in: server-side sessions, the safe ``next`` address, sign-in limits."""
