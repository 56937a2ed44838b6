namespace SocialToolkit.Data.Store.Backends
{
    /// <summary>
    /// The three group roles of a shared store and what each may do, enforced by PostgreSQL itself. An administrator
    /// grants them to login roles (<c>GRANT socialtoolkit_reader TO hr_anna;</c>); nobody needs the owner's rights
    /// day to day.
    /// </summary>
    internal static class StoreRoles
    {
        public const string Writer = "socialtoolkit_writer";
        public const string Reader = "socialtoolkit_reader";
        public const string Privacy = "socialtoolkit_privacy";

        /// <summary>
        /// Creates the roles when missing (they are the cluster's, shared by every store database on it) and grants
        /// each its rights on this store's tables. Run after every migration, so new tables get their grants too.
        /// </summary>
        public const string Grants = @"
-- Only a missing role is created (an owner without CREATEROLE can initialise once the roles exist). Two stores of one
-- server initialised at once may both find it missing: the second CREATE then meets the first's role (unique_violation
-- once that commits, or duplicate_object), and either way the role exists.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'socialtoolkit_writer') THEN CREATE ROLE socialtoolkit_writer NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'socialtoolkit_reader') THEN CREATE ROLE socialtoolkit_reader NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'socialtoolkit_privacy') THEN CREATE ROLE socialtoolkit_privacy NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
REVOKE ALL ON ALL TABLES IN SCHEMA socialtoolkit FROM PUBLIC;
GRANT USAGE ON SCHEMA socialtoolkit TO socialtoolkit_writer, socialtoolkit_reader, socialtoolkit_privacy;
GRANT SELECT ON ALL TABLES IN SCHEMA socialtoolkit TO socialtoolkit_writer, socialtoolkit_reader, socialtoolkit_privacy;

-- Reports record every population they publish, so later workbooks suppress consistently (the release ledger):
-- anyone who writes reports adds to it. Nothing else of the store is theirs to change.
GRANT INSERT ON release, release_population TO socialtoolkit_writer, socialtoolkit_reader, socialtoolkit_privacy;

-- Syncs and imports: people (never removed by them), their history, training, activity, coverage, failed days, the log.
GRANT INSERT, UPDATE ON person, metadata, coverage, sync_log TO socialtoolkit_writer;
GRANT INSERT, UPDATE, DELETE ON person_history, training, activity, day_failure TO socialtoolkit_writer;

-- Erasure and retention: remove people and what hangs on them, redact what names them, keep the erasure list.
GRANT UPDATE, DELETE ON person, person_history, training, activity, coverage, day_failure, metadata, sync_log TO socialtoolkit_privacy;
GRANT INSERT ON erased_identity, metadata, sync_log TO socialtoolkit_privacy;
";
    }
}
