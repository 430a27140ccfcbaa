"""The Qt desktop application: main window, goal tree, editors, dialogs."""
