-- Hypotheses and action items (with their reviews in later assessments) and generated reports.

CREATE TABLE hypotheses (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    capability TEXT NOT NULL,
    outcome TEXT NOT NULL,
    signal TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL
        CHECK (status IN ('proposed', 'in_progress', 'validated', 'refuted', 'dropped')),
    review_date TEXT,
    evidence TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX hypotheses_by_team ON hypotheses (team_id);
CREATE INDEX hypotheses_by_assessment ON hypotheses (assessment_id);

CREATE TABLE hypothesis_areas (
    hypothesis_id TEXT NOT NULL REFERENCES hypotheses (id) ON DELETE CASCADE,
    area_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (hypothesis_id, area_key)
);

CREATE TABLE hypothesis_reviews (
    id TEXT PRIMARY KEY,
    hypothesis_id TEXT NOT NULL REFERENCES hypotheses (id) ON DELETE CASCADE,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT NOT NULL
);
CREATE INDEX hypothesis_reviews_by_item ON hypothesis_reviews (hypothesis_id);
CREATE INDEX hypothesis_reviews_by_assessment ON hypothesis_reviews (assessment_id);

CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    area_key TEXT,
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX actions_by_team ON actions (team_id);
CREATE INDEX actions_by_assessment ON actions (assessment_id);

CREATE TABLE action_reviews (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT NOT NULL
);
CREATE INDEX action_reviews_by_item ON action_reviews (action_id);
CREATE INDEX action_reviews_by_assessment ON action_reviews (assessment_id);

CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    compared_id TEXT REFERENCES assessments (id) ON DELETE SET NULL,
    path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    preset TEXT NOT NULL,
    sections TEXT NOT NULL
);
CREATE INDEX reports_by_assessment ON reports (assessment_id);
