"""The library: teams and their assessments, and the dialogs that create and change them."""
