using System.Text;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Imports;

/// <summary>
/// A store with a few people (one of them Hélène) on one backend (<see cref="StoreTarget"/>: a file, or a database of
/// its own on the build's PostgreSQL), and helpers to write input files in a temporary folder.
/// </summary>
public sealed class ImportFixture : IDisposable
{
    private readonly StoreTarget target;

    public ImportFixture(string backend = StoreTarget.Sqlite)
    {
        target = StoreTarget.Create(backend);
        using var store = target.Open();
        store.InTransaction(t => store.UpsertPeople(new[]
        {
            new Person { Id = "1", UserPrincipalName = "alice@contoso.test", Mail = "alice.martin@contoso.test", DisplayName = "Alice Martin", Department = "Sales" },
            new Person { Id = "2", UserPrincipalName = "bob@contoso.test", Mail = "bob.durand@contoso.test", DisplayName = "Bob Durand", Department = "Legal", ManagerUserPrincipalName = "alice@contoso.test" },
            new Person { Id = "3", UserPrincipalName = "helene@contoso.test", Mail = "helene.leroy@contoso.test", DisplayName = "Hélène Leroy", Department = "RH" },
            new Person { Id = "4", UserPrincipalName = "old@contoso.test", DisplayName = "Former", Enabled = false },
        }, "Test", t));
    }

    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string Backend => target.Backend;

    public bool IsFile => Backend == StoreTarget.Sqlite;

    /// <summary>The store, as the engines take it (a file path or a connection string, with the owner's rights).</summary>
    public StoreLocation StorePath => target.Location;

    /// <summary>The store file, for the tests of what only a file has (its bytes, its mode, its -wal).</summary>
    public string FilePath => target.Location.FilePath ?? throw new InvalidOperationException("The store of this fixture is on a server, not in a file.");

    public string Directory => target.Folder.Path;

    public string Write(string name, string text, Encoding? encoding = null)
    {
        var path = target.Folder.File(name);
        System.IO.File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = target.Folder.File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string File(string name) => target.Folder.File(name);

    /// <summary>Every row of every table, as text: equal snapshots mean the store holds the same data.</summary>
    public string Snapshot() => StoreSnapshot.Of(StorePath);

    /// <summary>Runs an import that must fail; asserts that it left the store exactly as it was and returns the failure.</summary>
    public SocialToolkitException FailsLeavingStoreUnchanged(Action import)
    {
        var before = Snapshot();
        var failure = Assert.Throws<SocialToolkitException>(import);
        Assert.Equal(before, Snapshot());
        return failure;
    }

    public void Dispose() => target.Dispose();
}

public static class StoreSnapshot
{
    /// <summary>The store's tables whose rows are its data (the release ledger records reports, not data).</summary>
    public static readonly string[] Tables = { "person", "person_history", "training", "activity", "coverage", "day_failure", "erased_identity", "metadata", "sync_log" };

    public static string Of(StoreLocation location)
    {
        var text = new StringBuilder();
        using var store = SocialStore.OpenReadOnly(location);
        foreach (var table in Tables)
        {
            // Sorted here rather than by SQL: rows tied on their first columns come in no set order, and PostgreSQL
            // moves a row it updates to the end of its table.
            var rows = new List<string>();
            using (var command = store.Command($"SELECT * FROM {table}"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var row = new StringBuilder();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        row.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                    }

                    rows.Add(row.ToString());
                }
            }

            rows.Sort(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                text.AppendLine(row);
            }

            text.Append(table).Append(": ").Append(rows.Count).AppendLine(" rows");
        }

        return text.ToString();
    }
}

/// <summary>Keeps what an engine reported, for assertions on warnings.</summary>
public sealed class RecordingReporter : IOperationReporter
{
    public List<string> Warnings { get; } = new();
    public List<string> VerboseMessages { get; } = new();

    public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1) { }
    public void Verbose(string message) => VerboseMessages.Add(message);
    public void Warning(string message) => Warnings.Add(message);
    public void Notice(string message) { }
}
