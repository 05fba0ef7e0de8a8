-- Room voting: a tally's counts were typed in by the coach ('manual') or cast anonymously from
-- phones over the room's network ('room'). Only the source is stored: never who voted what.

ALTER TABLE ratings ADD COLUMN votes_source TEXT NOT NULL DEFAULT 'manual'
    CHECK (votes_source IN ('manual', 'room'));

ALTER TABLE survey_tallies ADD COLUMN votes_source TEXT NOT NULL DEFAULT 'manual'
    CHECK (votes_source IN ('manual', 'room'));
