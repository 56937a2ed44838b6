using System.Text.Json;
using System.Xml.Linq;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Core.Operations;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Guidelines.Addin;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.Engine.Tests.Guidelines;

public sealed class OutlookAddinPackagerTests : IDisposable
{
    private const string BaseUrl = "https://addins.contoso.com/social/";
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Source(string? catalog = null) => FakeAddinSource.Create(Path.Combine(temp.Path, "source"), catalog);

    private OutlookAddinPackage Export(string source, string output, string baseUrl = BaseUrl, bool force = false, string? catalog = null) =>
        OutlookAddinPackager.Export(
            new OutlookAddinExportOptions { SourceFolder = source, OutputPath = output, BaseUrl = baseUrl, Force = force, CatalogPath = catalog },
            SilentReporter.Instance,
            CancellationToken.None);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [Fact]
    public void Folder_has_the_pane_in_src_the_catalog_in_catalog_and_both_manifests_at_its_root()
    {
        var output = Path.Combine(temp.Path, "site");

        var package = Export(Source(), output);

        var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Relative(output, f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                "catalog/guidelines.json", "catalog/guidelines.schema.json",
                "en-us.json", "manifest.json", "manifest.xml",
                "src/assets/color-192.png", "src/assets/icon-128.png", "src/assets/icon-16.png", "src/assets/icon-32.png", "src/assets/icon-64.png", "src/assets/icon-80.png", "src/assets/outline-32.png",
                "src/guidelines-logic.js", "src/support.html", "src/taskpane.css", "src/taskpane.html", "src/taskpane.js",
                "src/vendor/purify.min.js",
            },
            files);
        Assert.Equal(output, package.Path);
        Assert.Equal(new Uri(BaseUrl), package.BaseUrl);
        Assert.Equal(Path.Combine(output, "manifest.xml"), package.XmlManifestPath);
        Assert.Equal(Path.Combine(output, "manifest.json"), package.JsonManifestPath);
        Assert.Equal(new Uri(BaseUrl + "src/taskpane.html"), package.TaskPaneUrl);
        Assert.Equal(files.Count, package.FileCount);
        Assert.Equal("2026.11.1", package.CatalogVersion);
        Assert.Equal(3, package.SnippetCount);
        Assert.Equal(File.ReadAllBytes(GuidelineFixtures.Catalog), File.ReadAllBytes(Path.Combine(output, "catalog", "guidelines.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Path, "source", "src", "assets", "icon-16.png")), File.ReadAllBytes(Path.Combine(output, "src", "assets", "icon-16.png")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName), n => n!.StartsWith(".", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifests_point_at_the_base_url_and_no_longer_at_the_development_server()
    {
        var output = Path.Combine(temp.Path, "site");

        Export(Source(), output);

        foreach (var manifest in new[] { "manifest.xml", "manifest.json" })
        {
            var text = File.ReadAllText(Path.Combine(output, manifest));
            Assert.Contains(BaseUrl, text);
            Assert.DoesNotContain("localhost", text);
        }

        var xml = XDocument.Load(Path.Combine(output, "manifest.xml"));
        XNamespace office = "http://schemas.microsoft.com/office/appforoffice/1.1";
        Assert.Equal("https://addins.contoso.com", xml.Descendants(office + "AppDomain").Single().Value);
        Assert.Equal(BaseUrl + "src/taskpane.html", xml.Descendants(office + "SourceLocation").Single().Attribute("DefaultValue")!.Value);
        Assert.Equal(BaseUrl + "src/assets/icon-64.png", xml.Descendants(office + "IconUrl").Single().Attribute("DefaultValue")!.Value);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal("https://addins.contoso.com", json.RootElement.GetProperty("validDomains")[0].GetString());
        Assert.Equal(BaseUrl + "src/support.html#privacy", json.RootElement.GetProperty("developer").GetProperty("privacyUrl").GetString());
        Assert.Equal(BaseUrl + "src/taskpane.html", json.RootElement.GetProperty("extensions")[0].GetProperty("runtimes")[0].GetProperty("code").GetProperty("page").GetString());
    }

    [Fact]
    public void Pane_files_are_copied_unchanged_so_their_link_to_the_catalog_holds()
    {
        var output = Path.Combine(temp.Path, "site");

        Export(Source(), output);

        foreach (var page in new[] { "taskpane.html", "guidelines-logic.js" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Path, "source", "src", page)), File.ReadAllBytes(Path.Combine(output, "src", page)));
        }

        // The pane asks for ../catalog/guidelines.json: from src/ that is the catalog folder beside it.
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(output, "src", "..", "catalog", "guidelines.json"))));
    }

    [Theory]
    [InlineData("https://addins.contoso.com/social", "https://addins.contoso.com/social/")]
    [InlineData("https://addins.contoso.com", "https://addins.contoso.com/")]
    [InlineData(" https://ADDINS.contoso.com:8443/a/b/ ", "https://addins.contoso.com:8443/a/b/")]
    public void Base_url_gets_one_trailing_slash(string given, string expected)
    {
        Assert.Equal(expected, OutlookAddinPackager.NormalizeBaseUrl(given).AbsoluteUri);
    }

    [Theory]
    [InlineData("http://addins.contoso.com/", "BaseUrlNotHttps")]
    [InlineData("addins.contoso.com/social", "BaseUrlInvalid")]
    [InlineData("ftp://addins.contoso.com/", "BaseUrlInvalid")]
    [InlineData("https://addins.contoso.com/?v=1", "BaseUrlInvalid")]
    [InlineData("https://addins.contoso.com/#pane", "BaseUrlInvalid")]
    public void Base_url_must_be_plain_https(string baseUrl, string errorId)
    {
        var output = Path.Combine(temp.Path, "site");

        var error = Assert.Throws<SocialToolkitException>(() => Export(Source(), output, baseUrl));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.Contains("-BaseUrl", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Catalog_with_problems_is_refused_with_the_first_problems_and_nothing_is_written()
    {
        var broken = temp.File("broken.json");
        File.WriteAllText(broken, GuidelineFixtures.CatalogText.Replace("\"category\": \"what-to-publish\"", "\"category\": \"what-to-post\"").Replace("{{company}} and", "{{compagny}} and"));
        var output = Path.Combine(temp.Path, "site");

        var error = Assert.Throws<GuidelineCatalogException>(() => Export(Source(), output, catalog: broken));

        Assert.Equal("AddinCatalogInvalid", error.ErrorId);
        Assert.Contains("broken.json", error.Message);
        Assert.Contains("has 2 problems", error.Message);
        Assert.Contains("what-to-post", error.Message);
        Assert.Contains("{{compagny}}", error.Message);
        Assert.False(Directory.Exists(output));
        Assert.Equal(new[] { "broken.json", "source" }, Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Non_empty_output_folder_is_refused_unless_forced_then_replaced()
    {
        var output = Path.Combine(temp.Path, "site");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "old.txt"), "from an earlier version");
        var source = Source();

        var error = Assert.Throws<SocialToolkitException>(() => Export(source, output));
        Assert.Equal("OutputFolderNotEmpty", error.ErrorId);
        Assert.Contains("-Force", error.Message);
        Assert.True(File.Exists(Path.Combine(output, "old.txt")));

        Export(source, output, force: true);
        Assert.False(File.Exists(Path.Combine(output, "old.txt")));
        Assert.True(File.Exists(Path.Combine(output, "manifest.xml")));
        Assert.Equal(new[] { "site", "source" }, Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Empty_output_folder_is_used()
    {
        var output = Path.Combine(temp.Path, "site");
        Directory.CreateDirectory(output);

        Export(Source(), output);

        Assert.True(File.Exists(Path.Combine(output, "src", "taskpane.html")));
    }

    [Fact]
    public void Manifest_pointing_at_a_file_the_folder_lacks_is_an_error()
    {
        var source = Source();
        var xml = Path.Combine(source, "manifest", "manifest.xml");
        File.WriteAllText(xml, File.ReadAllText(xml).Replace("/src/support.html", "/src/help.html"));
        var output = Path.Combine(temp.Path, "site");

        var error = Assert.Throws<SocialToolkitException>(() => Export(source, output));

        Assert.Equal("AddinManifestBrokenLink", error.ErrorId);
        Assert.Contains(BaseUrl + "src/help.html", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Incomplete_source_is_named()
    {
        var source = Source();
        File.Delete(Path.Combine(source, "manifest", "manifest.json"));

        var error = Assert.Throws<SocialToolkitException>(() => Export(source, Path.Combine(temp.Path, "site")));

        Assert.Equal("AddinSourceNotFound", error.ErrorId);
        Assert.Contains("manifest.json", error.Message);
    }

    [RealAddinFact]
    public void Real_add_in_exports_to_a_consistent_folder()
    {
        var output = Path.Combine(temp.Path, "site");

        var package = Export(RepositoryAddin.Folder, output);

        Assert.True(File.Exists(Path.Combine(output, "src", "taskpane.html")));
        Assert.True(File.Exists(Path.Combine(output, "catalog", "guidelines.json")));
        foreach (var manifest in Directory.GetFiles(Path.Combine(RepositoryAddin.Folder, "manifest")).Select(Path.GetFileName))
        {
            var text = File.ReadAllText(Path.Combine(output, manifest!));
            Assert.DoesNotContain("localhost", text);
        }

        Assert.Contains(BaseUrl, File.ReadAllText(package.XmlManifestPath));
        Assert.Contains(BaseUrl, File.ReadAllText(package.JsonManifestPath));
        Assert.Equal(new Uri(BaseUrl + "src/taskpane.html"), package.TaskPaneUrl);
        Assert.Contains("../catalog/", File.ReadAllText(Path.Combine(output, "src", "taskpane.html")));
    }
}
