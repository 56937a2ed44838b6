using System.Management.Automation;
using SocialToolkit.PowerShell.Tests.Hosting;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Reports;

/// <summary>A folder with a small sample store made by New-SocialSampleStore, shared by the report cmdlet tests.</summary>
public sealed class SampleStoreFolder : IDisposable
{
    public SampleStoreFolder()
    {
        Folder = Path.Combine(Path.GetTempPath(), "socialtoolkit-pstests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        StorePath = Path.Combine(Folder, "sample.db");
        using var session = new ModuleSession();
        session.Run("New-SocialSampleStore -Path $p -Employees 300 -Days 120 -EndDate 2026-05-31 -Seed 3", new Dictionary<string, object?> { ["p"] = StorePath }).AssertNoErrors();
    }

    public string Folder { get; }

    public string StorePath { get; }

    public string File(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}

public sealed class ReportCmdletTests : IClassFixture<SampleStoreFolder>
{
    private readonly SampleStoreFolder sample;

    public ReportCmdletTests(SampleStoreFolder sample) => this.sample = sample;

    private static ErrorRecord Terminating(ScriptResult result)
    {
        Assert.NotNull(result.Terminating);
        return ((IContainsErrorRecord)result.Terminating!).ErrorRecord;
    }

    [Fact]
    public void New_SocialSampleStore_outputs_its_ground_truth_honours_WhatIf_and_refuses_to_overwrite_without_Force()
    {
        using var session = new ModuleSession();
        var path = sample.File("new.db");
        var vars = new Dictionary<string, object?> { ["p"] = path };

        session.Run("New-SocialSampleStore -Path $p -Employees 40 -Days 14 -WhatIf", vars).AssertNoErrors();
        Assert.False(File.Exists(path));
        Assert.Contains(session.Host.UI.Lines, l => l.Contains("What if", StringComparison.OrdinalIgnoreCase) && l.Contains("new.db", StringComparison.Ordinal));

        var created = session.Run("New-SocialSampleStore -StorePath $p -Employees 40 -Days 14 -Seed 9 -TrainingUplift 0.4", vars).AssertNoErrors().Output.Single();
        Assert.Equal(path, created.Properties["Path"].Value);
        Assert.Equal(40, created.Properties["Employees"].Value);
        Assert.Equal(0.4, created.Properties["TrainingUplift"].Value);
        Assert.Equal("SocialToolkit.Core.Model.SampleStoreInfo", created.TypeNames[0]);
        Assert.Equal("Default", created.Properties["Scenario"].Value.ToString());

        var scenario = session.Run("New-SocialSampleStore -Path $q -Employees 40 -Days 28 -Scenario MandatoryCourse", new Dictionary<string, object?> { ["q"] = path + ".mandatory.db" }).AssertNoErrors().Output.Single();
        Assert.Equal("MandatoryCourse", scenario.Properties["Scenario"].Value.ToString());
        Assert.Contains("COMP-100", (IEnumerable<string>)scenario.Properties["Courses"].Value);

        var again = session.Run("$ErrorActionPreference = 'Stop'; New-SocialSampleStore -Path $p -Employees 40 -Days 14", vars);
        Assert.Equal("OutputFileExists,SocialToolkit.PowerShell.Commands.Data.NewSocialSampleStoreCommand", Terminating(again).FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, Terminating(again).CategoryInfo.Category);

        session.Run("New-SocialSampleStore -Path $p -Employees 41 -Days 14 -Force", vars).AssertNoErrors();
        var formatted = session.Run("New-SocialSampleStore -Path $p -Employees 41 -Days 14 -Force | Out-Host", vars).AssertNoErrors();
        Assert.Contains(session.Host.UI.Lines, l => l.Contains("TrainingUplift", StringComparison.Ordinal));
        Assert.Empty(formatted.Errors);
    }

    [Fact]
    public void Export_SocialParticipationReport_writes_returns_with_PassThru_and_protects_an_existing_file()
    {
        using var session = new ModuleSession();
        var path = sample.File("participation.xlsx");
        var vars = new Dictionary<string, object?> { ["p"] = path, ["s"] = sample.StorePath };

        session.Run("Export-SocialParticipationReport -Path $p -StorePath $s -WhatIf", vars).AssertNoErrors();
        Assert.False(File.Exists(path));

        var quiet = session.Run("Export-SocialParticipationReport -Path $p -StorePath $s", vars).AssertNoErrors();
        Assert.Empty(quiet.Output);
        Assert.True(File.Exists(path));
        Assert.Contains(quiet.Progress, p => p.Activity.Contains("participation", StringComparison.OrdinalIgnoreCase));

        var exists = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialParticipationReport -Path $p -StorePath $s", vars);
        Assert.Equal("OutputFileExists,SocialToolkit.PowerShell.Commands.Reports.ExportSocialParticipationReportCommand", Terminating(exists).FullyQualifiedErrorId);
        Assert.Contains("participation.xlsx", Terminating(exists).Exception.Message);

        var info = session.Run("Export-SocialParticipationReport -Path $p -StorePath $s -GroupBy Country -Network VivaEngage,Teams -Force -PassThru", vars).AssertNoErrors().Output.Single();
        Assert.Equal(path, info.Properties["FullName"].Value);
        Assert.Equal("Country", info.Properties["GroupBy"].Value);
        Assert.Equal(new DateTime(2026, 5, 31), info.Properties["To"].Value);
        Assert.True((long)info.Properties["Length"].Value > 5000);
        Assert.Contains("By Country", (IEnumerable<string>)info.Properties["Sheets"].Value);
        Assert.Equal(2, Directory.GetFiles(sample.Folder).Count(f => f.EndsWith(".xlsx", StringComparison.Ordinal) || f.EndsWith(".db", StringComparison.Ordinal)) - Directory.GetFiles(sample.Folder, "*.db").Length + 1);
        Assert.Empty(Directory.GetFiles(sample.Folder, "*.tmp"));

        var french = sample.File("participation-fr.xlsx");
        var fr = session.Run("Export-SocialParticipationReport -Path $f -StorePath $s -Language fr -IncludeIndividuals -PassThru", new Dictionary<string, object?> { ["f"] = french, ["s"] = sample.StorePath });
        Assert.Contains(fr.Warnings, w => w.Message.Contains("pseudonyms", StringComparison.Ordinal));
        Assert.Equal(new[] { "Synthèse", "Par Service", "Semaines", "Réseaux", "Personnes", "À propos" }, (IEnumerable<string>)fr.AssertNoErrors().Output.Single().Properties["Sheets"].Value);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(french));
        }

        var link = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialParticipationReport -Path $f -StorePath $s -LinkPseudonyms -Force", new Dictionary<string, object?> { ["f"] = french, ["s"] = sample.StorePath });
        Assert.StartsWith("LinkPseudonymsWithoutPseudonyms,", Terminating(link).FullyQualifiedErrorId);
    }

    [Fact]
    public void Export_SocialParticipationReport_names_the_missing_store_and_the_uncovered_period()
    {
        using var session = new ModuleSession();
        var vars = new Dictionary<string, object?> { ["p"] = sample.File("never.xlsx"), ["s"] = sample.StorePath, ["missing"] = sample.File("absent.db") };

        var missing = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialParticipationReport -Path $p -StorePath $missing", vars);
        Assert.StartsWith("StoreNotFound,", Terminating(missing).FullyQualifiedErrorId);
        Assert.Contains("absent.db", Terminating(missing).Exception.Message);

        var period = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialParticipationReport -Path $p -StorePath $s -From 2020-01-01 -To 2020-03-31", vars);
        Assert.StartsWith("PeriodNotCovered,", Terminating(period).FullyQualifiedErrorId);
        Assert.Contains("2020-01-01", Terminating(period).Exception.Message);

        var names = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialParticipationReport -Path $p -StorePath $s -IncludeNames", vars);
        Assert.StartsWith("IncludeNamesWithoutIndividuals,", Terminating(names).FullyQualifiedErrorId);

        var folder = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialParticipationReport -Path $bad -StorePath $s", new Dictionary<string, object?> { ["bad"] = Path.Combine(sample.Folder, "no-such-folder", "r.xlsx"), ["s"] = sample.StorePath });
        Assert.StartsWith("OutputFolderNotFound,", Terminating(folder).FullyQualifiedErrorId);
        Assert.False(File.Exists(sample.File("never.xlsx")));
    }

    [Fact]
    public void Export_SocialTrainingEffectReport_returns_the_effect_warns_about_individuals_and_rejects_an_unknown_course()
    {
        using var session = new ModuleSession();
        var path = sample.File("training.xlsx");
        var vars = new Dictionary<string, object?> { ["p"] = path, ["s"] = sample.StorePath };

        var result = session.Run("Export-SocialTrainingEffectReport -Path $p -StorePath $s -IncludeIndividuals -PassThru", vars).AssertNoErrors();
        var info = result.Output.Single();
        Assert.Equal("SocialToolkit.Core.Model.TrainingEffectReportInfo", info.TypeNames[0]);
        Assert.Equal(28, info.Properties["WindowDays"].Value);
        Assert.NotNull(info.Properties["Effect"].Value);
        Assert.Contains("People", (IEnumerable<string>)info.Properties["Sheets"].Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("pseudonyms", StringComparison.Ordinal));

        var exists = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialTrainingEffectReport -Path $p -StorePath $s", vars);
        Assert.StartsWith("OutputFileExists,", Terminating(exists).FullyQualifiedErrorId);

        var course = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialTrainingEffectReport -Path $p -StorePath $s -Course NOPE-1 -Force", vars);
        Assert.StartsWith("UnknownCourse,", Terminating(course).FullyQualifiedErrorId);
        Assert.Contains("NOPE-1", Terminating(course).Exception.Message);
        Assert.Contains("SOC-101", Terminating(course).Exception.Message);

        session.Run("Export-SocialTrainingEffectReport -Path $p -StorePath $s -Course SOC-201 -WindowDays 21 -Force -WhatIf", vars).AssertNoErrors();
        var one = session.Run("Export-SocialTrainingEffectReport -Path $p -StorePath $s -Course soc-201 -WindowDays 21 -Force -PassThru", vars).AssertNoErrors().Output.Single();
        Assert.Equal(new[] { "SOC-201" }, (IEnumerable<string>)one.Properties["Courses"].Value);

        var tuned = session.Run("Export-SocialTrainingEffectReport -Path $p -StorePath $s -ClusterBy Manager -EventWeeks 6,10 -AnticipationDays 21 -MinimumTrained 5 -Force -PassThru", vars).AssertNoErrors().Output.Single();
        Assert.Contains((string)tuned.Properties["PreTrendCheck"].Value, new[] { "passed", "failed", "not enough data" });
        Assert.False(string.IsNullOrWhiteSpace((string)tuned.Properties["Verdict"].Value));
        Assert.Contains("Event Study", (IEnumerable<string>)tuned.Properties["Sheets"].Value);
        var weeks = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialTrainingEffectReport -Path $p -StorePath $s -EventWeeks 0 -Force", vars);
        Assert.StartsWith("ParameterArgumentValidationError,", Terminating(weeks).FullyQualifiedErrorId);
        var cluster = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialTrainingEffectReport -Path $p -StorePath $s -ClusterBy Office -Force", vars);
        Assert.StartsWith("CannotConvertArgumentNoMessage,", Terminating(cluster).FullyQualifiedErrorId);

        var completion = session.Run("(TabExpansion2 -inputScript ('Export-SocialTrainingEffectReport -StorePath ''' + $s + ''' -Course SOC-')).CompletionMatches | ForEach-Object { $_.CompletionText }", vars).AssertNoErrors();
        Assert.Equal(new[] { "SOC-101", "SOC-201", "SOC-301" }, completion.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Export_SocialTrainingEffectReport_writes_French_with_Language_fr_or_a_French_UI_culture_and_takes_the_shared_report_switches()
    {
        using var session = new ModuleSession();
        // Its own folder: other tests count the workbooks in the shared one.
        var path = Path.Combine(Directory.CreateDirectory(sample.File("language")).FullName, "formation.xlsx");
        var vars = new Dictionary<string, object?> { ["p"] = path, ["s"] = sample.StorePath };
        var frenchSheets = new[] { "Synthèse", "Étude événementielle", "Par formation", "Par cohorte", "Par service", "Par réseau", "À propos" };

        var fr = session.Run("Export-SocialTrainingEffectReport -Path $p -StorePath $s -Language fr -Force -PassThru", vars).AssertNoErrors().Output.Single();
        Assert.Equal(frenchSheets, (IEnumerable<string>)fr.Properties["Sheets"].Value);
        Assert.StartsWith("Les personnes formées", (string)fr.Properties["Verdict"].Value, StringComparison.Ordinal);
        Assert.Contains((string)fr.Properties["PreTrendCheck"].Value, new[] { "passed", "failed", "not enough data" });

        // No -Language: the current UI culture decides, for this report as for the participation report.
        var byCulture = session.Run("$c = [Globalization.CultureInfo]::CurrentUICulture; try { [Globalization.CultureInfo]::CurrentUICulture = 'fr-FR'; Export-SocialTrainingEffectReport -Path $p -StorePath $s -Force -PassThru } finally { [Globalization.CultureInfo]::CurrentUICulture = $c }", vars).AssertNoErrors().Output.Single();
        Assert.Equal(frenchSheets, (IEnumerable<string>)byCulture.Properties["Sheets"].Value);
        var en = session.Run("Export-SocialTrainingEffectReport -Path $p -StorePath $s -Language en -Force -PassThru", vars).AssertNoErrors().Output.Single();
        Assert.Contains("Event Study", (IEnumerable<string>)en.Properties["Sheets"].Value);

        var other = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialTrainingEffectReport -Path $p -StorePath $s -Language de -Force", vars);
        Assert.StartsWith("ParameterArgumentValidationError,", Terminating(other).FullyQualifiedErrorId);

        // -LinkPseudonyms reaches the training report too (it only applies with -IncludeIndividuals).
        var link = session.Run("$ErrorActionPreference = 'Stop'; Export-SocialTrainingEffectReport -Path $p -StorePath $s -LinkPseudonyms -Force", vars);
        Assert.StartsWith("LinkPseudonymsWithoutPseudonyms,", Terminating(link).FullyQualifiedErrorId);
    }
}
