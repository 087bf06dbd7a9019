namespace Weir.Hub.Metadata.Sqlite;

/// <summary>
/// The SQLite schema as numbered migrations. Append new versions at the end; never edit an applied
/// one. Names sort bytewise (SQLite's BINARY collation), which the tag and catalog paging relies on.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } =
    [
        (1, """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE organizations (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE organization_members (
                organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                PRIMARY KEY (organization_id, user_id)
            );
            CREATE INDEX organization_members_user ON organization_members(user_id);
            CREATE TABLE access_tokens (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                secret_hash TEXT NOT NULL UNIQUE,
                scopes TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER
            );
            CREATE INDEX access_tokens_user ON access_tokens(user_id);
            CREATE TABLE repositories (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                is_public INTEGER NOT NULL,
                owner_user_id INTEGER REFERENCES users(id),
                owner_organization_id INTEGER REFERENCES organizations(id),
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                CHECK ((owner_user_id IS NULL) <> (owner_organization_id IS NULL))
            );
            CREATE TABLE repository_blobs (
                repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
                digest TEXT NOT NULL,
                size INTEGER NOT NULL,
                linked_at INTEGER NOT NULL,
                PRIMARY KEY (repository_id, digest)
            );
            CREATE INDEX repository_blobs_digest ON repository_blobs(digest);
            CREATE TABLE manifests (
                id INTEGER PRIMARY KEY,
                repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
                digest TEXT NOT NULL,
                media_type TEXT NOT NULL,
                artifact_type TEXT,
                subject_digest TEXT,
                size INTEGER NOT NULL,
                content BLOB NOT NULL,
                annotations TEXT,
                created_at INTEGER NOT NULL,
                UNIQUE (repository_id, digest)
            );
            CREATE INDEX manifests_subject ON manifests(repository_id, subject_digest) WHERE subject_digest IS NOT NULL;
            CREATE TABLE manifest_references (
                manifest_id INTEGER NOT NULL REFERENCES manifests(id) ON DELETE CASCADE,
                digest TEXT NOT NULL,
                kind INTEGER NOT NULL,
                PRIMARY KEY (manifest_id, kind, digest)
            );
            CREATE INDEX manifest_references_digest ON manifest_references(digest);
            CREATE TABLE tags (
                repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                manifest_id INTEGER NOT NULL REFERENCES manifests(id) ON DELETE CASCADE,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (repository_id, name)
            );
            CREATE INDEX tags_manifest ON tags(manifest_id);
            """),
        (2, """
            -- The web pages: descriptions, labels, ABI versions, stars, download counts, READMEs and a search index.
            ALTER TABLE repositories ADD COLUMN description TEXT NOT NULL DEFAULT '';
            ALTER TABLE repositories ADD COLUMN module_description TEXT NOT NULL DEFAULT '';
            ALTER TABLE repositories ADD COLUMN labels TEXT NOT NULL DEFAULT '';
            ALTER TABLE repositories ADD COLUMN abi_versions TEXT NOT NULL DEFAULT '';
            ALTER TABLE repositories ADD COLUMN download_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE repositories ADD COLUMN star_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE repositories ADD COLUMN indexed_at INTEGER;
            ALTER TABLE manifests ADD COLUMN download_count INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX repositories_updated ON repositories(updated_at);
            CREATE INDEX repositories_popular ON repositories(download_count, star_count);
            CREATE INDEX repositories_owner_user ON repositories(owner_user_id) WHERE owner_user_id IS NOT NULL;
            CREATE INDEX repositories_owner_organization ON repositories(owner_organization_id) WHERE owner_organization_id IS NOT NULL;
            CREATE INDEX repositories_unindexed ON repositories(id) WHERE indexed_at IS NULL;
            CREATE INDEX tags_repository_updated ON tags(repository_id, updated_at);
            CREATE TABLE repository_stars (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, repository_id)
            );
            CREATE INDEX repository_stars_repository ON repository_stars(repository_id);
            CREATE TABLE repository_readmes (
                repository_id INTEGER PRIMARY KEY REFERENCES repositories(id) ON DELETE CASCADE,
                content TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE repository_terms (
                term TEXT NOT NULL,
                repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
                PRIMARY KEY (term, repository_id)
            ) WITHOUT ROWID;
            CREATE INDEX repository_terms_repository ON repository_terms(repository_id);
            """),
    ];
}
