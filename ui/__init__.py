"""Qt desktop front end of SRE Workshop (imports the core, never the other way round)."""
