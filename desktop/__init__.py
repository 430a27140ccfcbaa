"""Styrkort, the application: `ui` (Qt) and `report` (PDF, no Qt)."""
