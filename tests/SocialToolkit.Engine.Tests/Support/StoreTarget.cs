using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;
using Xunit;

namespace SocialToolkit.Engine.Tests.Support;

/// <summary>
/// A fresh, empty store on one backend, for tests that must hold on both: a file in a temporary folder, or a database
/// of its own on the build's throwaway PostgreSQL, set up by Initialize-SocialStore's engine as the database owner.
/// Use with <c>[SkippableTheory, MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]</c>:
/// without a server, the PostgreSQL case is skipped with the reason.
/// </summary>
public sealed class StoreTarget : IDisposable
{
    public const string Sqlite = "SQLite";
    public const string PostgreSql = "PostgreSQL";

    private readonly TempDirectory temp = new();
    private readonly string? database;

    /// <summary>
    /// A server store as Initialize-SocialStore leaves it, made once per test run: each <see cref="Create"/> copies it
    /// (PostgreSQL copies a database as a template in a fraction of the time the schema steps and grants take).
    /// </summary>
    private static readonly Lazy<string> InitializedServerStore = new(() =>
    {
        var database = TestPostgres.CreateDatabase();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestPostgres.DropDatabase(database);
        SocialStore.Initialize(StoreLocation.Server(database)).Dispose();
        TestPostgres.CloseConnections();
        return database;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private StoreTarget(string backend, bool initialized)
    {
        Backend = backend;
        if (backend == PostgreSql)
        {
            Skip.IfNot(TestPostgres.Available, TestPostgres.SkipReason);
            database = initialized ? TestPostgres.CopyDatabase(InitializedServerStore.Value) : TestPostgres.CreateDatabase();
            Location = StoreLocation.Server(database);
        }
        else
        {
            Location = StoreLocation.File(temp.File("store.db"));
            if (initialized)
            {
                SocialStore.Initialize(Location).Dispose();
            }
        }
    }

    public static IEnumerable<object[]> Backends => new[] { new object[] { Sqlite }, new object[] { PostgreSql } };

    public string Backend { get; }

    /// <summary>The store, as the owner sees it (every right).</summary>
    public StoreLocation Location { get; }

    /// <summary>A temporary folder for the test's other files (exports, workbooks).</summary>
    public TempDirectory Folder => temp;

    /// <summary>
    /// An empty store on <paramref name="backend"/>, created and at the current schema: a file made by Initialize, or a
    /// copy of a database Initialize set up once for the test run (schema, grants to the store's roles).
    /// </summary>
    public static StoreTarget Create(string backend) => new(backend, initialized: true);

    /// <summary>A target with nothing created yet (to test creation itself).</summary>
    public static StoreTarget CreateEmpty(string backend) => new(backend, initialized: false);

    /// <summary>
    /// The store as a first sync or import meets it: no file yet (they create it), or a database its owner has set up
    /// once with Initialize-SocialStore (a server store is never created by a sync).
    /// </summary>
    public static StoreTarget ForFirstUse(string backend) => backend == PostgreSql ? Create(backend) : CreateEmpty(backend);

    public SocialStore Open() => SocialStore.Open(Location, createIfMissing: false);

    public void Dispose()
    {
        if (database != null)
        {
            TestPostgres.DropDatabase(database);
        }

        temp.Dispose();
    }
}
