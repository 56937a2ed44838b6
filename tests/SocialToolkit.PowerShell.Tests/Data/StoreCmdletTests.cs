using Xunit;

namespace SocialToolkit.PowerShell.Tests.Data;

public sealed class StoreCmdletTests
{
    /// <summary>LinkedIn days 1-3, 6 and 9 of March 2026 (gaps 4-5 and 7-8), training for Alice and Bob, a metadata mention of Bob.</summary>
    private static void Seed(DataSession data)
    {
        var activity = data.Write("activity.csv", "UserPrincipalName,Day,Posts,Reactions\n" +
            string.Join("\n", new[] { 1, 2, 3, 6, 9 }.SelectMany(d => new[] { $"alice@contoso.test,2026-03-0{d},1,0", $"bob@contoso.test,2026-03-0{d},0,2" })) + "\n");
        var training = data.Write("training.csv", "UserPrincipalName,CourseId,CourseTitle,CompletedDate\nalice@contoso.test,C-1,Speaking up,2026-03-02\nbob@contoso.test,C-1,Speaking up,2026-03-05\n");
        data.Run("Import-SocialActivity -Path $a -StorePath $store -Network LinkedIn | Out-Null; Import-SocialTrainingRecord -Path $t -StorePath $store | Out-Null",
            new() { ["a"] = activity, ["t"] = training }).AssertNoErrors();
        data.Execute("INSERT INTO metadata (key, value) VALUES ('sample.truth', '{\"trained\":[\"bob@contoso.test\"]}'), ('pseudonym_key', 'c2VjcmV0')");
        data.Execute("INSERT INTO sync_log (started_at, finished_at, operation, outcome, detail) VALUES ('2026-03-10T06:00:00Z', '2026-03-10T06:01:00Z', 'Sync-SocialData', 'Succeeded', 'ok')");
    }

    [Fact]
    public void Store_info_shows_people_days_gaps_courses_last_sync_and_no_secret()
    {
        using var data = new DataSession();
        Seed(data);

        var result = data.Run("Get-SocialStoreInfo -StorePath $store").AssertNoErrors();

        var info = Assert.Single(result.Output);
        Assert.Equal("SocialToolkit.Core.Store.StoreInfo", info.BaseObject.GetType().FullName);
        Assert.Equal((4, 3, 1), ((int)info.Properties["People"].Value, (int)info.Properties["EnabledPeople"].Value, (int)info.Properties["DisabledPeople"].Value));
        var networks = data.Run("(Get-SocialStoreInfo -StorePath $store).Networks | ForEach-Object { '{0} {1} {2}' -f $_.Network, $_.DaysCovered, (($_.Gaps | ForEach-Object { $_.ToString() }) -join ' ') }").AssertNoErrors();
        Assert.Equal("LinkedIn 5 2026-03-04..2026-03-05 2026-03-07..2026-03-08", Assert.Single(networks.Output).ToString());
        var sync = data.Run("(Get-SocialStoreInfo -StorePath $store).LastSync.Outcome").AssertNoErrors();
        Assert.Equal("Succeeded", sync.Output.Single().ToString());

        data.Run("Get-SocialStoreInfo -StorePath $store | Out-Host; (Get-SocialStoreInfo -StorePath $store).Networks | Out-Host; (Get-SocialStoreInfo -StorePath $store).Courses | Out-Host").AssertNoErrors();
        var shown = string.Join("\n", data.Session.Host.UI.Lines);
        Assert.Contains("LinkedIn: 5 days, 2026-03-01 to 2026-03-09, gaps 2026-03-04..2026-03-05, 2026-03-07..2026-03-08", shown);
        Assert.Contains("Speaking up: 2 completed, 0 in progress, 0 not started", shown);
        Assert.Contains("sample.truth", shown);
        Assert.DoesNotContain("pseudonym_key", shown);
        Assert.DoesNotContain("c2VjcmV0", shown);
    }

    [Fact]
    public void Remove_WhatIf_lists_the_counts_and_removes_nothing()
    {
        using var data = new DataSession();
        Seed(data);
        var before = data.Snapshot();

        var result = data.Run("Remove-SocialStoreData -StorePath $store -OlderThan 2026-03-06 -WhatIf; Remove-SocialStoreData -StorePath $store -UserPrincipalName bob@contoso.test -WhatIf").AssertNoErrors();

        Assert.Empty(result.Output);
        var lines = data.Session.Host.UI.Lines;
        Assert.Contains(lines, l => l.Contains("What if", StringComparison.Ordinal) && l.Contains("Remove 6 activity row(s) and 3 covered day(s) before 2026-03-06", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("What if", StringComparison.Ordinal) && l.Contains("Erase bob@contoso.test: the person, 1 training record(s), 5 activity row(s), 1 metadata mention(s)", StringComparison.Ordinal));
        Assert.Equal(before, data.Snapshot());
    }

    [Fact]
    public void Remove_asks_first_and_No_removes_nothing_while_Yes_removes()
    {
        using var data = new DataSession();
        Seed(data);
        var before = data.Snapshot();

        data.Session.Host.UI.ConfirmAnswer = "No";
        var declined = data.Run("Remove-SocialStoreData -StorePath $store -OlderThan 2026-03-06").AssertNoErrors();
        Assert.Empty(declined.Output);
        Assert.Single(data.Session.Host.UI.Prompts);
        Assert.Equal(before, data.Snapshot());

        data.Session.Host.UI.ConfirmAnswer = "Yes";
        var accepted = data.Run("Remove-SocialStoreData -StorePath $store -OlderThan 2026-03-06").AssertNoErrors();
        var summary = Assert.Single(accepted.Output);
        Assert.Equal((6, 3, 0), ((int)summary.Properties["ActivityRemoved"].Value, (int)summary.Properties["CoverageRemoved"].Value, (int)summary.Properties["TrainingRemoved"].Value));
        Assert.Equal(2, data.Session.Host.UI.Prompts.Count);
        Assert.Equal(0, data.Count("SELECT count(*) FROM activity WHERE day < '2026-03-06'"));
        Assert.Equal(4, data.Count("SELECT count(*) FROM activity"));
        Assert.Equal(2, data.Count("SELECT count(*) FROM training"));
    }

    [Fact]
    public void OlderThan_takes_a_number_of_days()
    {
        using var data = new DataSession();
        Seed(data);
        var result = data.Run("Remove-SocialStoreData -StorePath $store -OlderThan 1 -Confirm:$false").AssertNoErrors();
        Assert.Equal(DateTime.Today.AddDays(-1), (DateTime)result.Output.Single().Properties["Before"].Value);
        Assert.Equal(0, data.Count("SELECT count(*) FROM activity"));
    }

    [Fact]
    public void Erasure_through_the_pipeline_removes_every_trace_and_compacts()
    {
        using var data = new DataSession();
        Seed(data);

        var result = data.Run("[pscustomobject]@{ UserPrincipalName = 'BOB.DURAND@contoso.test' }, [pscustomobject]@{ UserPrincipalName = 'nobody@contoso.test' } | Remove-SocialStoreData -StorePath $store -Compact -Confirm:$false").AssertNoErrors();

        var summary = Assert.Single(result.Output);
        Assert.Equal((1, 1, 5, true), ((int)summary.Properties["PeopleRemoved"].Value, (int)summary.Properties["TrainingRemoved"].Value, (int)summary.Properties["ActivityRemoved"].Value, (bool)summary.Properties["Compacted"].Value));
        Assert.Contains(result.Warnings, w => w.Message.Contains("nobody@contoso.test", StringComparison.Ordinal));
        var snapshot = data.Snapshot();
        Assert.DoesNotContain("bob", snapshot, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("alice@contoso.test", snapshot);
        var bytes = File.ReadAllBytes(data.StorePath);
        Assert.DoesNotContain("bob@contoso", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Remove_a_refused_erasure_in_the_pipeline_is_reported_and_the_others_are_still_erased_and_compacted()
    {
        using var data = new DataSession();
        Seed(data);
        data.Execute("UPDATE person SET mail = 'team@contoso.test' WHERE upn IN ('alice@contoso.test', 'helene@contoso.test')");

        var result = data.Run("[pscustomobject]@{ UserPrincipalName = 'bob@contoso.test' }, [pscustomobject]@{ Mail = 'team@contoso.test' } | Remove-SocialStoreData -StorePath $store -Confirm:$false");

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ErasureAmbiguous", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("team@contoso.test", error.TargetObject);
        var summary = Assert.Single(result.Output);
        Assert.Equal((1, true), ((int)summary.Properties["PeopleRemoved"].Value, (bool)summary.Properties["Compacted"].Value));
        Assert.Equal(2, data.Count("SELECT count(*) FROM person WHERE mail = 'team@contoso.test'"));
        Assert.Equal(0, data.Count("SELECT count(*) FROM person WHERE upn = 'bob@contoso.test'"));
    }

    [Fact]
    public void Remove_takes_addresses_piped_as_plain_strings()
    {
        using var data = new DataSession();
        Seed(data);

        // Get-Content requests.txt | Remove-SocialStoreData: the documented input is System.String.
        var result = data.Run("'BOB@contoso.test' | Remove-SocialStoreData -StorePath $store -Confirm:$false").AssertNoErrors();

        Assert.Equal(1, (int)Assert.Single(result.Output).Properties["PeopleRemoved"].Value);
        Assert.Equal(0, data.Count("SELECT count(*) FROM person WHERE upn = 'bob@contoso.test'"));
        Assert.Equal(3, data.Count("SELECT count(*) FROM person"));
    }
}
