"""The editor panels on the right of the main window, one per kind of node."""
