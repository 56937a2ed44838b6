using SocialToolkit.Core.Model;
using SocialToolkit.Core.Store;
using SocialToolkit.Engine.Tests.Support;

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
    private readonly StoreTarget target;
    private readonly List<string> copies = new();

    public SampleStore(string backend)
    {
        target = StoreTarget.ForFirstUse(backend);
        Info = SampleStoreGeneratorTests.Create(target);
    }

    public string Backend => target.Backend;

    public StoreLocation StorePath => target.Location;

    public SampleStoreInfo Info { get; }

    /// <summary>
    /// A private copy of the store: every workbook written records what it published in the store's ledger, so a test that
    /// asserts which rows are shown works on its own copy, whatever other tests wrote before. A file is copied into
    /// <paramref name="temp"/>; a database is copied on the server and dropped with the fixture.
    /// </summary>
    public StoreLocation CopyTo(TempDirectory temp)
    {
        if (StorePath.IsServer)
        {
            var copy = TestPostgres.CopyDatabase(StorePath.ConnectionString!);
            lock (copies)
            {
                copies.Add(copy);
            }

            return StoreLocation.Server(copy);
        }

        var file = temp.File("store-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(StorePath.FilePath!, file);
        return StoreLocation.File(file);
    }

    public void Dispose()
    {
        foreach (var copy in copies)
        {
            TestPostgres.DropDatabase(copy);
        }

        target.Dispose();
    }
}
