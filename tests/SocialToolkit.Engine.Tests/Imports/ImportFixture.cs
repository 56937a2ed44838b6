using System.Text;
using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Imports;

/// <summary>A store with a few people (one of them Hélène) in a temp folder, and helpers to write input files.</summary>
public sealed class ImportFixture : IDisposable
{
    private readonly TempDirectory temp = new();

    public ImportFixture()
    {
        StorePath = temp.File("store.db");
        using var store = SocialStore.Open(StorePath);
        store.InTransaction(t => store.UpsertPeople(new[]
        {
            new Person { Id = "1", UserPrincipalName = "alice@contoso.test", Mail = "alice.martin@contoso.test", DisplayName = "Alice Martin", Department = "Sales" },
            new Person { Id = "2", UserPrincipalName = "bob@contoso.test", Mail = "bob.durand@contoso.test", DisplayName = "Bob Durand", Department = "Legal", ManagerUserPrincipalName = "alice@contoso.test" },
            new Person { Id = "3", UserPrincipalName = "helene@contoso.test", Mail = "helene.leroy@contoso.test", DisplayName = "Hélène Leroy", Department = "RH" },
            new Person { Id = "4", UserPrincipalName = "old@contoso.test", DisplayName = "Former", Enabled = false },
        }, "Test", t));
    }

    public string StorePath { get; }

    public string Directory => temp.Path;

    public string Write(string name, string text, Encoding? encoding = null)
    {
        var path = temp.File(name);
        System.IO.File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = temp.File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string File(string name) => temp.File(name);

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

    public void Dispose() => temp.Dispose();
}

public static class StoreSnapshot
{
    public static string Of(string path)
    {
        var text = new StringBuilder();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        foreach (var table in new[] { "person", "person_history", "training", "activity", "coverage", "day_failure", "erased_identity", "metadata", "sync_log" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
            using var reader = command.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }

            text.Append(table).Append(": ").Append(rows).AppendLine(" rows");
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
