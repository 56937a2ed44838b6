using SocialToolkit.Core.Files;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Sample;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Guidelines.Addin;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.Guidelines.Workbook;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.Engine.Tests.Files;

/// <summary>
/// Every engine that writes a file a user named goes through <see cref="OutputFile"/> (or <see cref="OutputFolder"/>):
/// the same refusals with the same error ids, and nothing half-written left behind.
/// </summary>
public sealed class OutputWriterTests : IDisposable
{
    private static readonly DateTime End = new(2026, 5, 31);
    private readonly TempDirectory temp = new();
    private readonly string output;

    public OutputWriterTests()
    {
        output = Path.Combine(temp.Path, "out");
        Directory.CreateDirectory(output);
    }

    public void Dispose() => temp.Dispose();

    public static TheoryData<string> Writers => new() { "catalog", "workbook", "store", "addin" };

    private static string Name(string writer) => writer switch
    {
        "catalog" => "guidelines.json",
        "workbook" => "guidelines.xlsx",
        "store" => "sample.db",
        _ => "site",
    };

    private void Write(string writer, string path, bool force, CancellationToken token = default)
    {
        switch (writer)
        {
            case "catalog":
                GuidelineCatalogFile.Save(GuidelineCatalogFile.Load(GuidelineFixtures.Catalog), path, force);
                break;
            case "workbook":
                GuidelineCatalogService.ExportWorkbook(GuidelineFixtures.Catalog, path, force, SilentReporter.Instance);
                break;
            case "store":
                SampleStoreGenerator.Create(path, new SampleStoreOptions { Employees = 20, Days = 14, EndDate = End, Seed = 1 }, force, SilentReporter.Instance, token);
                break;
            default:
                var source = FakeAddinSource.Create(Path.Combine(temp.Path, "source"));
                OutlookAddinPackager.Export(new OutlookAddinExportOptions { SourceFolder = source, OutputPath = path, BaseUrl = "https://addins.contoso.com/social/", Force = force }, SilentReporter.Instance, token);
                break;
        }
    }

    private string Entries(string folder) =>
        string.Join(",", Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(folder, e)).OrderBy(n => n, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Writers))]
    public void An_existing_output_is_refused_without_Force_with_OutputFileExists_and_kept(string writer)
    {
        var path = Path.Combine(output, Name(writer));
        var kept = writer == "addin" ? Path.Combine(path, "notes.txt") : path;
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.WriteAllText(kept, "keep me");

        var error = Assert.Throws<SocialToolkitException>(() => Write(writer, path, force: false));

        Assert.Equal(OutputFile.ErrorIds.Exists, error.ErrorId);
        Assert.Equal(FailureKind.AlreadyExists, error.Kind);
        Assert.Contains(path, error.Message);
        Assert.Contains("-Force", error.Message);
        Assert.Equal("keep me", File.ReadAllText(kept));
        Assert.Equal(writer == "addin" ? "site,site/notes.txt" : Name(writer), Entries(output));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_missing_folder_is_named_with_OutputFolderNotFound_and_not_created(string writer)
    {
        var missing = Path.Combine(output, "no-such-folder");

        var error = Assert.Throws<SocialToolkitException>(() => Write(writer, Path.Combine(missing, Name(writer)), force: true));

        Assert.Equal(OutputFile.ErrorIds.FolderNotFound, error.ErrorId);
        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Contains(missing, error.Message);
        Assert.Equal(missing, error.Target);
        Assert.Equal(string.Empty, Entries(output));
    }

    [Theory]
    [InlineData("catalog")]
    [InlineData("workbook")]
    public void A_failure_when_moving_into_place_leaves_no_temporary_file(string writer)
    {
        var path = Path.Combine(output, Name(writer));
        var catalog = GuidelineCatalogFile.Load(GuidelineFixtures.Catalog);
        var file = writer == "catalog" ? GuidelineCatalogFile.Prepare(path, overwrite: false) : GuidelineWorkbookWriter.Prepare(path, overwrite: false);
        SocialToolkitException error;
        using (file)
        {
            // Something takes the name between the checks and the move: the move fails, after the content was written.
            Directory.CreateDirectory(path);
            error = Assert.Throws<SocialToolkitException>(() =>
            {
                if (writer == "catalog")
                {
                    GuidelineCatalogFile.Save(catalog, file);
                }
                else
                {
                    GuidelineWorkbookWriter.Save(catalog, file);
                }
            });
        }

        Assert.Equal(OutputFile.ErrorIds.WriteFailed, error.ErrorId);
        Assert.Equal(path, error.Target);
        Assert.Equal(Name(writer), Entries(output));
    }

    [Theory]
    [InlineData("store")]
    [InlineData("addin")]
    public void A_failure_midway_leaves_no_temporary_file_and_the_old_output_as_it_was(string writer)
    {
        var path = Path.Combine(output, Name(writer));
        Write(writer, path, force: false);
        var before = Entries(output);
        var content = writer == "store" ? File.ReadAllBytes(path) : File.ReadAllBytes(Path.Combine(path, "manifest.xml"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Write(writer, path, force: true, cancelled.Token));

        Assert.Equal(before, Entries(output));
        Assert.Equal(content, writer == "store" ? File.ReadAllBytes(path) : File.ReadAllBytes(Path.Combine(path, "manifest.xml")));
    }

    [Fact]
    public void A_sample_store_is_owner_only_and_replacing_it_leaves_no_journal_of_the_old_one()
    {
        var path = Path.Combine(output, "sample.db");
        Write("store", path, force: false);
        File.WriteAllText(path + "-wal", "journal of the store being replaced");

        Write("store", path, force: true);

        Assert.Equal("sample.db", Entries(output));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void A_folder_given_for_a_file_or_a_file_for_the_folder_is_OutputPathInvalid()
    {
        Directory.CreateDirectory(Path.Combine(output, "guidelines.json"));
        File.WriteAllText(Path.Combine(output, "site"), "a file");

        Assert.Equal(OutputFile.ErrorIds.InvalidPath, Assert.Throws<SocialToolkitException>(() => Write("catalog", Path.Combine(output, "guidelines.json"), force: true)).ErrorId);
        Assert.Equal(OutputFile.ErrorIds.InvalidPath, Assert.Throws<SocialToolkitException>(() => Write("addin", Path.Combine(output, "site"), force: true)).ErrorId);
        Assert.Equal(OutputFile.ErrorIds.InvalidPath, Assert.Throws<SocialToolkitException>(() => Write("workbook", Path.Combine(output, "guidelines.txt"), force: true)).ErrorId);
    }
}
