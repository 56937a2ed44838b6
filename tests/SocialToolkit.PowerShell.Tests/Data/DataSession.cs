using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SocialToolkit.PowerShell.Tests.Hosting;

namespace SocialToolkit.PowerShell.Tests.Data;

/// <summary>
/// A module session with a store holding four people (one of them Hélène) in a temp folder. The schema is created by
/// the module itself (Import-SocialStaff of a one-person file, then emptied); the people are inserted with plain SQL.
/// </summary>
public sealed class DataSession : IDisposable
{
    public DataSession()
    {
        Folder = Path.Combine(Path.GetTempPath(), "socialtoolkit-pstests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        StorePath = Path.Combine(Folder, "store.db");
        Session = new ModuleSession();

        // The module creates the store (an HR export may be the first thing it holds); the people are then set with SQL.
        var seed = Write("seed-staff.csv", "UserPrincipalName\nseed@contoso.test\n");
        Run("Import-SocialStaff -Path $seed -StorePath $store | Out-Null", new() { ["seed"] = seed }).AssertNoErrors();
        File.Delete(seed);
        using var connection = Open(readOnly: false);
        using var command = connection.CreateCommand();
        command.CommandText = @"DELETE FROM person_history; DELETE FROM person; DELETE FROM sync_log; DELETE FROM metadata WHERE key = 'staff.file_fields';
INSERT INTO person (directory_id, upn, mail, display_name, enabled, manager_upn, source, updated_at) VALUES
 ('1', 'alice@contoso.test', 'alice.martin@contoso.test', 'Alice Martin', 1, NULL, 'Test', '2026-01-01'),
 ('2', 'bob@contoso.test', 'bob.durand@contoso.test', 'Bob Durand', 1, 'alice@contoso.test', 'Test', '2026-01-01'),
 ('3', 'helene@contoso.test', 'helene.leroy@contoso.test', 'Hélène Leroy', 1, NULL, 'Test', '2026-01-01'),
 ('4', 'old@contoso.test', NULL, 'Former', 0, NULL, 'Test', '2026-01-01')";
        command.ExecuteNonQuery();
    }

    public ModuleSession Session { get; }

    public string Folder { get; }

    public string StorePath { get; }

    public ScriptResult Run(string script, Dictionary<string, object?>? variables = null)
    {
        var all = new Dictionary<string, object?>(variables ?? new Dictionary<string, object?>()) { ["store"] = StorePath };
        return Session.Run(script, all);
    }

    public string Write(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Every row of every table as text: equal snapshots mean the store holds the same data.</summary>
    public string Snapshot()
    {
        var text = new StringBuilder();
        using var connection = Open(readOnly: true);
        foreach (var table in new[] { "person", "training", "activity", "coverage", "metadata", "sync_log" })
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
                    text.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }

            text.Append(table).Append(": ").Append(rows).AppendLine(" rows");
        }

        return text.ToString();
    }

    public long Count(string sql)
    {
        using var connection = Open(readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Execute(string sql)
    {
        using var connection = Open(readOnly: false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open(bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = StorePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        Session.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner if a file is still open.
        }
    }
}
