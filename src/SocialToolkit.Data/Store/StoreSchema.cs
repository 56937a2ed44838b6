namespace SocialToolkit.Data.Store
{
    /// <summary>
    /// The store's schema as numbered migrations. A store records the version it is at; opening it applies the
    /// missing steps in one transaction each. Never edit a shipped step: add the next one.
    /// </summary>
    internal static class StoreSchema
    {
        public static readonly string[] Migrations =
        {
            // 1: people, training, daily activity, coverage of days per network, metadata, sync log.
            @"
CREATE TABLE metadata (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE person (
    id                   INTEGER PRIMARY KEY,
    directory_id         TEXT,
    upn                  TEXT NOT NULL COLLATE NOCASE UNIQUE,
    mail                 TEXT COLLATE NOCASE,
    display_name         TEXT NOT NULL,
    department           TEXT,
    job_title            TEXT,
    office               TEXT,
    country              TEXT,
    manager_directory_id TEXT,
    manager_upn          TEXT COLLATE NOCASE,
    hire_date            TEXT,
    enabled              INTEGER NOT NULL,
    last_seen            TEXT,
    source               TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX person_mail ON person (mail);
CREATE TABLE training (
    id                    INTEGER PRIMARY KEY,
    person_id             INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    course_id             TEXT NOT NULL,
    course_title          TEXT NOT NULL,
    provider              TEXT,
    status                TEXT NOT NULL,
    assigned_date         TEXT,
    completed_date        TEXT,
    completion_percentage INTEGER,
    source                TEXT NOT NULL,
    UNIQUE (person_id, course_id, source)
);
CREATE INDEX training_course ON training (course_id);
-- Only days with some activity are stored; a day listed in coverage with no row for a person means zero.
CREATE TABLE activity (
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    network   TEXT NOT NULL,
    day       TEXT NOT NULL,
    posts     INTEGER NOT NULL,
    replies   INTEGER NOT NULL,
    reactions INTEGER NOT NULL,
    reads     INTEGER NOT NULL,
    shares    INTEGER NOT NULL,
    source    TEXT NOT NULL,
    PRIMARY KEY (person_id, network, day)
) WITHOUT ROWID;
CREATE INDEX activity_day ON activity (day, network);
CREATE TABLE coverage (
    network   TEXT NOT NULL,
    day       TEXT NOT NULL,
    source    TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    stored_at TEXT NOT NULL,
    PRIMARY KEY (network, day)
) WITHOUT ROWID;
CREATE TABLE sync_log (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    operation   TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    detail      TEXT
);
",
            // 2: leave dates and account kinds, so reports count staff as they stood and leave guests out.
            @"
ALTER TABLE person ADD COLUMN leave_date TEXT;
ALTER TABLE person ADD COLUMN user_type TEXT NOT NULL DEFAULT 'Member';
UPDATE person SET user_type = 'Guest' WHERE upn LIKE '%#EXT#%';
",
            // 3: each person's history, report days that failed (retried by the next sync) and the erasure list.
            @"
ALTER TABLE person ADD COLUMN first_seen TEXT;
ALTER TABLE person ADD COLUMN last_listed TEXT;
-- One row per change of a tracked field, with the day it was first seen; the current value is in person.
CREATE TABLE person_history (
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    value     TEXT,
    seen_from TEXT NOT NULL,
    source    TEXT NOT NULL,
    PRIMARY KEY (person_id, field, seen_from)
) WITHOUT ROWID;
-- A report day that could not be read: not covered, tried again by every sync until it is stored or expires.
CREATE TABLE day_failure (
    network   TEXT NOT NULL,
    day       TEXT NOT NULL,
    error_id  TEXT NOT NULL,
    reason    TEXT NOT NULL,
    attempts  INTEGER NOT NULL,
    failed_at TEXT NOT NULL,
    PRIMARY KEY (network, day)
) WITHOUT ROWID;
-- Keyed hashes of the identifiers of erased people: no sync or import adds them again.
CREATE TABLE erased_identity (
    identity_hash TEXT PRIMARY KEY,
    erased_at     TEXT NOT NULL
) WITHOUT ROWID;
",
            // 4: the release ledger: every population whose figures a workbook published, so later workbooks suppress consistently.
            @"
CREATE TABLE release_population (
    id          INTEGER PRIMARY KEY,
    fingerprint BLOB NOT NULL UNIQUE,
    size        INTEGER NOT NULL,
    members     BLOB NOT NULL
);
CREATE INDEX release_population_size ON release_population (size);
CREATE TABLE release (
    id            INTEGER PRIMARY KEY,
    family        TEXT NOT NULL,
    frame         TEXT NOT NULL,
    period_from   TEXT NOT NULL,
    period_to     TEXT NOT NULL,
    networks      TEXT NOT NULL,
    settings      TEXT NOT NULL,
    population_id INTEGER NOT NULL REFERENCES release_population (id),
    released_at   TEXT NOT NULL,
    UNIQUE (frame, population_id)
);
CREATE INDEX release_family ON release (family, population_id);
",
        };
    }
}
