"""Application-wide dialogs: settings, about, and the welcome shown on a first start."""
