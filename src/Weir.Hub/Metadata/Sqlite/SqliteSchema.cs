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
    ];
}
