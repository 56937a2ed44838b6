using System.Text.RegularExpressions;
using Npgsql;

namespace SocialToolkit.Engine.Tests.Support;

/// <summary>
/// The throwaway PostgreSQL server that <c>build.ps1 -Task Test</c> starts for the test run (tools/TestPostgres.ps1):
/// each test takes a database of its own with <see cref="CreateDatabase"/> and drops it with <see cref="DropDatabase"/>.
/// Tests that need it start with <c>Skip.IfNot(TestPostgres.Available, TestPostgres.SkipReason)</c>.
/// </summary>
public static class TestPostgres
{
    /// <summary>The administrator's connection string to the server's <c>postgres</c> database.</summary>
    public const string ConnectionVariable = "SOCIALTOOLKIT_TEST_POSTGRES";

    /// <summary>Why the build has no server to offer (not Linux, PostgreSQL not installable, a server that did not start).</summary>
    public const string SkipVariable = "SOCIALTOOLKIT_TEST_POSTGRES_SKIP";

    // Every database made here carries this prefix, and DropDatabase drops nothing else.
    private const string DatabasePrefix = "socialtoolkit_test_";
    private static readonly Regex TestDatabaseName = new("^" + DatabasePrefix + "[0-9a-f]{32}$", RegexOptions.CultureInvariant);

    // Every login role made here carries this prefix, and DropLogin drops nothing else.
    private const string LoginPrefix = "socialtoolkit_test_login_";
    private static readonly Regex TestLoginName = new("^" + LoginPrefix + "[0-9a-f]{32}$", RegexOptions.CultureInvariant);

    public static bool Available => !string.IsNullOrWhiteSpace(AdminConnectionString);

    public static string SkipReason
    {
        get
        {
            var reason = Environment.GetEnvironmentVariable(SkipVariable);
            return string.IsNullOrWhiteSpace(reason)
                ? $"{ConnectionVariable} is not set: build.ps1 -Task Test starts a throwaway PostgreSQL; run the tests through it"
                : reason;
        }
    }

    private static string? AdminConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable);

    /// <summary>Creates an empty database with a name of its own and returns the connection string to it.</summary>
    public static string CreateDatabase()
    {
        var admin = RequireAdminConnectionString();
        var name = DatabasePrefix + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{CopyStrategy(connection)}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// A new database holding what <paramref name="sourceConnectionString"/>'s holds (PostgreSQL copies it as a template),
    /// made as <see cref="CreateDatabase"/> makes one and dropped the same way. Nothing may be connected to the source
    /// (see <see cref="CloseConnections"/>): sources are databases made once, filled, closed, and only copied from then on.
    /// </summary>
    public static string CopyDatabase(string sourceConnectionString)
    {
        var source = new NpgsqlConnectionStringBuilder(sourceConnectionString).Database;
        if (source == null || !TestDatabaseName.IsMatch(source))
        {
            throw new ArgumentException($"'{source}' is not a database made by {nameof(TestPostgres)}.{nameof(CreateDatabase)}; only those are copied.", nameof(sourceConnectionString));
        }

        var admin = RequireAdminConnectionString();
        var name = DatabasePrefix + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"{CopyStrategy(connection)}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Closes this process's idle pooled connections, so that a database just filled can serve as a template. Every pool:
    /// the store opens its own (its connection string adds a search path). Connections in use are not touched.
    /// </summary>
    public static void CloseConnections() => NpgsqlConnection.ClearAllPools();

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever connections still use it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name == null || !TestDatabaseName.IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a database made by {nameof(TestPostgres)}.{nameof(CreateDatabase)}; only those are dropped.", nameof(connectionString));
        }

        // Idle pooled connections of the test would otherwise keep the database in use; FORCE ends any still open.
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(RequireAdminConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Creates a login role (cluster-wide, as every role) with a password of its own and membership of
    /// <paramref name="groupRoles"/>, as a store's administrator grants them to a person; returns its name and password.
    /// </summary>
    public static (string UserName, string Password) CreateLogin(params string[] groupRoles)
    {
        var name = LoginPrefix + Guid.NewGuid().ToString("N");
        var password = "pw-" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(RequireAdminConnectionString());
        connection.Open();
        // Role names and passwords cannot be parameters of CREATE ROLE; both are made here from hexadecimal digits.
        using var command = new NpgsqlCommand($"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}' IN ROLE {string.Join(", ", groupRoles.Select(r => "\"" + r + "\""))}", connection);
        command.ExecuteNonQuery();
        return (name, password);
    }

    /// <summary>Drops a login made by <see cref="CreateLogin"/> (PostgreSQL drops a role whose sessions are still open).</summary>
    public static void DropLogin(string userName)
    {
        if (!TestLoginName.IsMatch(userName))
        {
            throw new ArgumentException($"'{userName}' is not a login made by {nameof(TestPostgres)}.{nameof(CreateLogin)}; only those are dropped.", nameof(userName));
        }

        using var connection = new NpgsqlConnection(RequireAdminConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{userName}\"", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// From PostgreSQL 15 on, a new database is written to the server's log block by block unless it is copied as files;
    /// a test database is small and thrown away, and copying files makes it in a fraction of the time.
    /// </summary>
    private static string CopyStrategy(NpgsqlConnection connection) => connection.PostgreSqlVersion.Major >= 15 ? " STRATEGY FILE_COPY" : string.Empty;

    private static string RequireAdminConnectionString()
    {
        var admin = AdminConnectionString;
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException($"No PostgreSQL server for the tests: {SkipReason}");
        }

        return admin;
    }
}
