using SocialToolkit.Core.Model;
using SocialToolkit.Core.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// One 500-person, 180-day sample store per backend, shared by the workbook tests of a class and generated the first time
/// a test of the class asks for that backend (<see cref="For"/>). The members below it are the SQLite one's, for the tests
/// that run on the file only.
/// </summary>
public sealed class SampleStoreFixture : IDisposable
{
    private readonly Dictionary<string, SampleStore> stores = new(StringComparer.Ordinal);

    /// <summary>The sample on <paramref name="backend"/> ("SQLite" or "PostgreSQL"; skips the test without a server).</summary>
    public SampleStore For(string backend)
    {
        lock (stores)
        {
            if (!stores.TryGetValue(backend, out var store))
            {
                store = new SampleStore(backend);
                stores.Add(backend, store);
            }

            return store;
        }
    }

    public StoreLocation StorePath => For(StoreTarget.Sqlite).StorePath;

    public SampleStoreInfo Info => For(StoreTarget.Sqlite).Info;

    public StoreLocation CopyTo(TempDirectory temp) => For(StoreTarget.Sqlite).CopyTo(temp);

    public void Dispose()
    {
        foreach (var store in stores.Values)
        {
            store.Dispose();
        }
    }
}

/// <summary>The sample organisation in one store: a file, or a database of its own on the build's PostgreSQL.</summary>
public sealed class SampleStore : IDisposable
{
    /// <summary>
    /// The organisation generated once per test run on the server and copied for each class: generating it there takes
    /// seconds (a statement per row), copying it a fraction of one. Dropped when the test run ends.
    /// </summary>
    private static readonly Lazy<(string ConnectionString, SampleStoreInfo Info)> ServerOriginal = new(GenerateOnServer, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly StoreTarget? file;
    private readonly List<string> databases = new();

    public SampleStore(string backend)
    {
        Backend = backend;
        if (backend == StoreTarget.PostgreSql)
        {
            Skip.IfNot(TestPostgres.Available, TestPostgres.SkipReason);
            var (original, info) = ServerOriginal.Value;
            StorePath = StoreLocation.Server(Keep(TestPostgres.CopyDatabase(original)));
            Info = info;
        }
        else
        {
            file = StoreTarget.ForFirstUse(backend);
            StorePath = file.Location;
            Info = SampleStoreGeneratorTests.Create(file);
        }
    }

    public string Backend { get; }

    public StoreLocation StorePath { get; }

    public SampleStoreInfo Info { get; }

    /// <summary>
    /// A private copy of the store: every workbook written records what it published in the store's ledger, so a test that
    /// asserts which rows are shown works on its own copy, whatever other tests wrote before. A file is copied into
    /// <paramref name="temp"/>; on the server, the organisation as generated is copied, and dropped with the fixture.
    /// </summary>
    public StoreLocation CopyTo(TempDirectory temp)
    {
        if (StorePath.IsServer)
        {
            // The organisation as generated (what the class's own copy held before its tests used it).
            return StoreLocation.Server(Keep(TestPostgres.CopyDatabase(ServerOriginal.Value.ConnectionString)));
        }

        var copy = temp.File("store-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(StorePath.FilePath!, copy);
        return StoreLocation.File(copy);
    }

    public void Dispose()
    {
        foreach (var database in databases)
        {
            TestPostgres.DropDatabase(database);
        }

        file?.Dispose();
    }

    private string Keep(string database)
    {
        lock (databases)
        {
            databases.Add(database);
        }

        return database;
    }

    private static (string, SampleStoreInfo) GenerateOnServer()
    {
        var database = TestPostgres.CreateDatabase();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestPostgres.DropDatabase(database);
        var location = StoreLocation.Server(database);
        SampleStoreInfo info;
        using (var store = Data.Store.SocialStore.Initialize(location))
        {
            info = Data.Sample.SampleStoreGenerator.Generate(store, SampleStoreGeneratorTests.Options(), Core.Operations.SilentReporter.Instance, CancellationToken.None);
        }

        TestPostgres.CloseConnections();
        return (database, info);
    }
}
