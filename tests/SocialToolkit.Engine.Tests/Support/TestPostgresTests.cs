using System.Net;
using Npgsql;
using Xunit;

namespace SocialToolkit.Engine.Tests.Support;

/// <summary>The server the PostgreSQL tests run against is the one the build promises: private, loopback-only, not root.</summary>
public sealed class TestPostgresTests
{
    [SkippableFact]
    public void A_fresh_database_is_served_on_loopback_only_by_an_unprivileged_server_and_is_gone_once_dropped()
    {
        Skip.IfNot(TestPostgres.Available, TestPostgres.SkipReason);

        var connectionString = TestPostgres.CreateDatabase();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();

            Assert.Equal(database, Scalar<string>(connection, "SELECT current_database()"));
            Assert.StartsWith("PostgreSQL ", Scalar<string>(connection, "SELECT version()"));
            Assert.Equal("127.0.0.1", Scalar<string>(connection, "SHOW listen_addresses"));
            Assert.Equal(IPAddress.Loopback, Scalar<IPAddress>(connection, "SELECT inet_server_addr()"));

            // The backend serving this connection reads its own process status: the real user id it runs under.
            var status = Scalar<string>(connection, "SELECT pg_read_file('/proc/self/status')");
            var uidLine = status.Split('\n').Single(line => line.StartsWith("Uid:", StringComparison.Ordinal));
            var realUid = uidLine.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.NotEqual("0", realUid);
        }
        finally
        {
            TestPostgres.DropDatabase(connectionString);
        }

        using var dropped = new NpgsqlConnection(connectionString);
        var error = Assert.Throws<PostgresException>(() => dropped.Open());
        Assert.Equal(PostgresErrorCodes.InvalidCatalogName, error.SqlState);
    }

    [Fact]
    public void Dropping_a_database_it_did_not_create_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => TestPostgres.DropDatabase("Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres"));
        Assert.Contains("'postgres'", error.Message);
    }

    private static T Scalar<T>(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Assert.IsAssignableFrom<T>(command.ExecuteScalar());
    }
}
