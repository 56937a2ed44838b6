using System.Management.Automation;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.PowerShell.Tests.Hosting;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Data;

/// <summary>
/// Every cmdlet that writes a file a user named reports the same error ids for the same problems, so a script
/// can test for them whatever the cmdlet: OutputFileExists without -Force, OutputFolderNotFound for a missing folder.
/// </summary>
public sealed class FileWritingCmdletTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly ModuleSession session = new();
    private readonly string output;
    private readonly Dictionary<string, object?> inputs;

    public FileWritingCmdletTests()
    {
        output = temp.File("out");
        Directory.CreateDirectory(output);
        var inputFolder = temp.File("in");
        Directory.CreateDirectory(inputFolder);
        inputs = new Dictionary<string, object?>
        {
            ["store"] = Path.Combine(inputFolder, "sample.db"),
            ["catalog"] = GuidelineFixtures.Catalog,
            ["workbook"] = Path.Combine(inputFolder, "guidelines.xlsx"),
            ["source"] = FakeAddinSource.Create(Path.Combine(inputFolder, "source")),
        };
        session.Run("New-SocialSampleStore -Path $store -Employees 30 -Days 28 -EndDate 2026-05-31 -Seed 2; Export-SocialGuidelineWorkbook -Path $catalog -OutputPath $workbook", inputs).AssertNoErrors();
    }

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }

    /// <summary>Each file-writing command, writing to $out; the name it writes there.</summary>
    public static TheoryData<string, string> Commands => new()
    {
        { "New-SocialSampleStore -Path $out -Employees 20 -Days 14", "new.db" },
        { "Export-SocialParticipationReport -Path $out -StorePath $store", "participation.xlsx" },
        { "Export-SocialTrainingEffectReport -Path $out -StorePath $store -IncludeIndividuals", "effect.xlsx" },
        { "Export-SocialGuidelineWorkbook -Path $catalog -OutputPath $out", "guidelines.xlsx" },
        { "ConvertTo-SocialGuidelineCatalog -Path $workbook -OutputPath $out", "guidelines.json" },
        { "Export-SocialOutlookAddin https://addins.contoso.com/social $out -SourcePath $source", "site" },
    };

    private ErrorRecord Fails(string command, string path)
    {
        var variables = new Dictionary<string, object?>(inputs) { ["out"] = path };
        var result = session.Run("$ErrorActionPreference = 'Stop'; " + command, variables);
        Assert.NotNull(result.Terminating);
        return ((IContainsErrorRecord)result.Terminating!).ErrorRecord;
    }

    private string Entries() =>
        string.Join(",", Directory.GetFileSystemEntries(output, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(output, e)).OrderBy(n => n, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_existing_output_is_OutputFileExists_and_is_kept(string command, string name)
    {
        var path = Path.Combine(output, name);
        var kept = name == "site" ? Path.Combine(path, "notes.txt") : path;
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.WriteAllText(kept, "keep me");

        var error = Fails(command, path);

        Assert.StartsWith("OutputFileExists,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains(path, error.Exception.Message);
        Assert.Equal("keep me", File.ReadAllText(kept));
        Assert.Equal(name == "site" ? "site,site/notes.txt" : name, Entries());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_missing_folder_is_OutputFolderNotFound_and_nothing_is_written(string command, string name)
    {
        var missing = Path.Combine(output, "no-such-folder");

        var error = Fails(command, Path.Combine(missing, name));

        Assert.StartsWith("OutputFolderNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(missing, error.Exception.Message);
        Assert.Equal(string.Empty, Entries());
    }

    [Fact]
    public void A_store_and_a_workbook_with_individual_rows_are_owner_only()
    {
        var variables = new Dictionary<string, object?>(inputs) { ["db"] = Path.Combine(output, "new.db"), ["xlsx"] = Path.Combine(output, "effect.xlsx") };
        session.Run("New-SocialSampleStore -Path $db -Employees 20 -Days 14; Export-SocialTrainingEffectReport -Path $xlsx -StorePath $store -IncludeIndividuals", variables).AssertNoErrors();

        Assert.Equal("effect.xlsx,new.db", Entries());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, "new.db")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, "effect.xlsx")));
        }
    }
}
