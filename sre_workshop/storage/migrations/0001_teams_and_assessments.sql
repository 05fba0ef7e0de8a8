-- Teams, assessments and everything captured during a workshop.
-- Identities are UUID strings so that they survive export and import between laptops.

CREATE TABLE frameworks (
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    -- The framework as JSON, so an old assessment reads correctly after the bank changes.
    definition TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    framework_id TEXT NOT NULL,
    framework_version TEXT NOT NULL,
    date TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    coach TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed')),
    compares_with TEXT REFERENCES assessments (id) ON DELETE SET NULL,
    next_reassessment TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    FOREIGN KEY (framework_id, framework_version) REFERENCES frameworks (id, version)
);
CREATE INDEX assessments_by_team ON assessments (team_id, date);
CREATE INDEX assessments_by_compared ON assessments (compares_with);

CREATE TABLE participants (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    names TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, position)
);

CREATE TABLE scope (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    area_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    timebox_minutes INTEGER NOT NULL CHECK (timebox_minutes >= 0),
    PRIMARY KEY (assessment_id, area_key)
);

CREATE TABLE answers (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    quick_answer TEXT CHECK (quick_answer IN ('yes', 'partly', 'no', 'unknown')),
    follow_up INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_key)
);

CREATE TABLE ratings (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    area_key TEXT NOT NULL,
    level INTEGER CHECK (level BETWEEN 1 AND 5),
    not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
    not_applicable_reason TEXT NOT NULL DEFAULT '',
    rationale TEXT NOT NULL DEFAULT '',
    votes_1 INTEGER NOT NULL DEFAULT 0 CHECK (votes_1 >= 0),
    votes_2 INTEGER NOT NULL DEFAULT 0 CHECK (votes_2 >= 0),
    votes_3 INTEGER NOT NULL DEFAULT 0 CHECK (votes_3 >= 0),
    votes_4 INTEGER NOT NULL DEFAULT 0 CHECK (votes_4 >= 0),
    votes_5 INTEGER NOT NULL DEFAULT 0 CHECK (votes_5 >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, area_key),
    CHECK (NOT (not_applicable = 1 AND level IS NOT NULL))
);

CREATE TABLE survey_tallies (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    area_key TEXT NOT NULL,
    answers_1 INTEGER NOT NULL DEFAULT 0 CHECK (answers_1 >= 0),
    answers_2 INTEGER NOT NULL DEFAULT 0 CHECK (answers_2 >= 0),
    answers_3 INTEGER NOT NULL DEFAULT 0 CHECK (answers_3 >= 0),
    answers_4 INTEGER NOT NULL DEFAULT 0 CHECK (answers_4 >= 0),
    answers_5 INTEGER NOT NULL DEFAULT 0 CHECK (answers_5 >= 0),
    answers_6 INTEGER NOT NULL DEFAULT 0 CHECK (answers_6 >= 0),
    answers_7 INTEGER NOT NULL DEFAULT 0 CHECK (answers_7 >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, area_key)
);
