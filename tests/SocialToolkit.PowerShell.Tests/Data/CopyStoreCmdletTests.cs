using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.PowerShell.Tests.Hosting;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Data;

public sealed class CopyStoreCmdletTests
{
    /// <summary>Every row of every table of a store file as text: equal snapshots mean equal stores.</summary>
    private static string Snapshot(string path)
    {
        var text = new StringBuilder();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
            using var reader = command.ExecuteReader();
            text.Append(table).AppendLine(":");
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    private static void AssertNowhere(string secret, DataSession data, params ScriptResult[] results)
    {
        foreach (var result in results)
        {
            Assert.DoesNotContain(result.AllText(), text => text.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(result.Errors, e => (e.ErrorDetails?.RecommendedAction ?? string.Empty).Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(data.Session.Host.UI.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(data.Session.Host.UI.Prompts, line => line.Contains(secret, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(data.Folder))
        {
            Assert.False(Encoding.UTF8.GetString(File.ReadAllBytes(file)).Contains(secret, StringComparison.Ordinal), $"{file} holds the password");
        }
    }

    [Fact]
    public void Copies_a_store_file_to_a_new_file_and_WhatIf_writes_nothing()
    {
        using var data = new DataSession();
        data.Execute("INSERT INTO activity (person_id, network, day, posts, replies, reactions, reads, shares, source) SELECT id, 'LinkedIn', '2026-03-02', 1, 0, 2, 0, 0, 'Test' FROM person");
        data.Execute("INSERT INTO coverage (network, day, source, row_count, stored_at) VALUES ('LinkedIn', '2026-03-02', 'Test', 4, '2026-03-03')");
        var copy = Path.Combine(data.Folder, "copies", "copy.db");

        // Relative paths are taken from the session's location, as every cmdlet takes them.
        data.Run("$ExecutionContext.SessionState.Path.SetLocation($folder) | Out-Null", new() { ["folder"] = data.Folder }).AssertNoErrors();
        var dryRun = data.Run("Copy-SocialStore -From store.db -To copies/copy.db -WhatIf", new()).AssertNoErrors();
        Assert.Empty(dryRun.Output);
        Assert.False(Directory.Exists(Path.GetDirectoryName(copy)));

        var result = data.Run("Copy-SocialStore -From store.db -To copies/copy.db -Verbose", new()).AssertNoErrors();

        var summary = Assert.Single(result.Output);
        Assert.Equal("SocialToolkit.Core.Store.StoreCopySummary", summary.BaseObject.GetType().FullName);
        Assert.Equal(true, summary.Properties["Verified"].Value);
        Assert.Equal(true, summary.Properties["CreatedTarget"].Value);
        Assert.Equal(copy, summary.Properties["To"].Value);
        Assert.Equal(Snapshot(data.StorePath), Snapshot(copy));
        Assert.Contains(result.Verbose, v => v.Message.StartsWith("activity: 4 row(s) copied and verified", StringComparison.Ordinal));
        Assert.Contains(result.Progress, p => p.Activity == "Copying the store" && p.StatusDescription.StartsWith("person:", StringComparison.Ordinal));

        // Replacing the copy: -WhatIf says what it would replace and changes nothing.
        data.Execute("DELETE FROM activity WHERE person_id = (SELECT min(id) FROM person)");
        var before = Snapshot(copy);
        data.Run("Copy-SocialStore -From $store -To $copy -Force -WhatIf", new() { ["copy"] = copy }).AssertNoErrors();
        Assert.Contains(data.Session.Host.UI.Lines, l => l.Contains("What if", StringComparison.Ordinal) && l.Contains("replacing what it holds (", StringComparison.Ordinal) && l.Contains("4 person row(s)", StringComparison.Ordinal));
        Assert.Equal(before, Snapshot(copy));
    }

    [Fact]
    public void Refuses_a_target_with_data_and_asks_before_Force_replaces_it()
    {
        using var data = new DataSession();
        var copy = Path.Combine(data.Folder, "copy.db");
        data.Run("Copy-SocialStore $store $copy | Out-Null", new() { ["copy"] = copy }).AssertNoErrors();
        data.Execute("DELETE FROM person WHERE upn = 'old@contoso.test'");
        var before = Snapshot(copy);

        var refused = data.Run("$ErrorActionPreference = 'Stop'; Copy-SocialStore -From $store -To $copy", new() { ["copy"] = copy });
        var error = ((IContainsErrorRecord)refused.Terminating!).ErrorRecord;
        Assert.StartsWith("StoreCopyTargetNotEmpty,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(before, Snapshot(copy));

        // -Force replaces data: asked as a High-impact command is, whatever the command's own Medium impact.
        data.Session.Host.UI.ConfirmAnswer = "No";
        var declined = data.Run("Copy-SocialStore -From $store -To $copy -Force", new() { ["copy"] = copy }).AssertNoErrors();
        Assert.Empty(declined.Output);
        Assert.Contains("4 person row(s)", Assert.Single(data.Session.Host.UI.Prompts));
        Assert.Equal(before, Snapshot(copy));

        data.Session.Host.UI.ConfirmAnswer = "Yes";
        var replaced = data.Run("Copy-SocialStore -From $store -To $copy -Force", new() { ["copy"] = copy }).AssertNoErrors();
        var summary = Assert.Single(replaced.Output);
        Assert.Equal(4L, ((System.Collections.IDictionary)summary.Properties["Replaced"].Value)["person"]);
        Assert.Equal(Snapshot(data.StorePath), Snapshot(copy));
        Assert.Equal(2, data.Session.Host.UI.Prompts.Count);

        // Scripts say so once: no question.
        data.Run("Copy-SocialStore -From $store -To $copy -Force -Confirm:$false | Out-Null", new() { ["copy"] = copy }).AssertNoErrors();
        Assert.Equal(2, data.Session.Host.UI.Prompts.Count);
    }

    [Fact]
    public void A_password_given_in_To_or_ToCredential_appears_in_no_stream_when_the_server_cannot_be_reached()
    {
        using var data = new DataSession();
        const string secret = "Tr0ub4dor-copy-secret";
        var inText = data.Run("$ErrorActionPreference = 'Stop'; Copy-SocialStore -From $store -To 'Host=127.0.0.1;Port=1;Database=socialtoolkit;Username=hr_admin;Password=Tr0ub4dor-copy-secret;Timeout=3' -Verbose -Debug", new());
        var asUri = data.Run("$ErrorActionPreference = 'Stop'; Copy-SocialStore -From $store -To 'postgresql://hr_admin:Tr0ub4dor-copy-secret@127.0.0.1:1/socialtoolkit?connect_timeout=3' -Verbose", new());
        var credential = new PSCredential("hr_admin", Secure(secret));
        var asCredential = data.Run("$ErrorActionPreference = 'Stop'; Copy-SocialStore -From $store -To 'Host=127.0.0.1;Port=1;Database=socialtoolkit;Timeout=3' -ToCredential $credential -Verbose", new() { ["credential"] = credential });
        var wrongPlace = data.Run("$ErrorActionPreference = 'Stop'; Copy-SocialStore -From $store -To copy.db -ToCredential $credential", new() { ["credential"] = credential });

        foreach (var result in new[] { inText, asUri, asCredential })
        {
            Assert.NotNull(result.Terminating);
            var error = ((IContainsErrorRecord)result.Terminating!).ErrorRecord;
            Assert.StartsWith("StoreUnreachable,", error.FullyQualifiedErrorId);
            Assert.Contains("postgresql://hr_admin@127.0.0.1:1/socialtoolkit", error.Exception.Message);
        }

        Assert.StartsWith("CredentialNeedsServer,", ((IContainsErrorRecord)wrongPlace.Terminating!).ErrorRecord.FullyQualifiedErrorId);
        AssertNowhere(secret, data, inText, asUri, asCredential, wrongPlace);
    }

    [SkippableFact]
    public void A_password_given_in_To_appears_in_no_stream_or_file_of_a_copy_to_the_server_and_back()
    {
        Skip.IfNot(TestPostgres.Available, TestPostgres.SkipReason);
        using var data = new DataSession();
        var database = TestPostgres.CreateDatabase();
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(database);
            var secret = builder.Password!;
            Assert.False(string.IsNullOrEmpty(secret), "the test server signs in with a password");
            var back = Path.Combine(data.Folder, "back.db");

            data.Session.Host.UI.ConfirmAnswer = "Yes";
            var there = data.Run("Copy-SocialStore -From $store -To $server -Verbose -Debug -Confirm", new() { ["server"] = database }).AssertNoErrors();
            var again = data.Run("Copy-SocialStore -From $server -To $back -Verbose -Debug -Confirm", new() { ["server"] = database, ["back"] = back }).AssertNoErrors();
            var refused = data.Run("$ErrorActionPreference = 'Stop'; Copy-SocialStore -From $store -To $server", new() { ["server"] = database });
            builder.Password = null;
            var credential = new PSCredential(builder.Username!, Secure(secret));
            var withCredential = data.Run("Copy-SocialStore -From $store -To $server -ToCredential $credential -Force -Confirm:$false -Verbose", new() { ["server"] = builder.ConnectionString, ["credential"] = credential }).AssertNoErrors();
            data.Run("Copy-SocialStore -From $server -To $back -Force -WhatIf; $summary = Copy-SocialStore -From $store -To $server -Force -Confirm:$false; $summary | Out-Host; $summary.Tables | Out-Host", new() { ["server"] = database, ["back"] = back }).AssertNoErrors();

            Assert.Equal(true, Assert.Single(there.Output).Properties["Verified"].Value);
            Assert.Equal("PostgreSQL", Assert.Single(again.Output).Properties["FromBackend"].Value);
            Assert.Equal(Snapshot(data.StorePath).Replace("\r", string.Empty), Snapshot(back).Replace("\r", string.Empty).Replace(PseudonymKeyLine(back), string.Empty));
            Assert.StartsWith("StoreCopyTargetNotEmpty,", ((IContainsErrorRecord)refused.Terminating!).ErrorRecord.FullyQualifiedErrorId);
            Assert.Single(withCredential.Output);
            Assert.Contains(data.Session.Host.UI.Lines, l => l.Contains("postgresql://", StringComparison.Ordinal));
            AssertNowhere(secret, data, there, again, refused, withCredential);
        }
        finally
        {
            TestPostgres.DropDatabase(database);
        }
    }

    /// <summary>The pseudonym key the server store got when it was set up (the source file had none), as Snapshot shows it.</summary>
    private static string PseudonymKeyLine(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM metadata WHERE key = 'pseudonym_key'";
        var value = command.ExecuteScalar() as string;
        return value == null ? string.Empty : "pseudonym_key|" + value + "|\n";
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
