"""The live workshop: facilitation view, presenter window, keymap, autosave and undo."""
