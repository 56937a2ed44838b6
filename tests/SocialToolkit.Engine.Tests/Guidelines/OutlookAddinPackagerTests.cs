using System.Text.Json;
using SocialToolkit.Guidelines.Catalog;
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

    private OutlookAddinPackage Export(string source, string output, string baseUrl = BaseUrl, bool force = false, string? catalog = null, IReadOnlyDictionary<string, string>? values = null) =>
        OutlookAddinPackager.Export(
            new OutlookAddinExportOptions { SourceFolder = source, OutputPath = output, BaseUrl = baseUrl, Force = force, CatalogPath = catalog, PlaceholderValues = values },
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
                ".socialtoolkit-addin-export.json",
                "catalog/guidelines.json", "catalog/guidelines.schema.json",
                "en-us.json", "manifest.json", "manifest.xml", "outlook-app-package.zip",
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
    public void App_package_holds_the_manifest_its_localisation_and_the_icons_at_the_paths_it_names()
    {
        var output = Path.Combine(temp.Path, "site");
        var source = Source();

        var package = Export(source, output);

        Assert.Equal(Path.Combine(output, "outlook-app-package.zip"), package.AppPackagePath);
        using var zip = System.IO.Compression.ZipFile.OpenRead(package.AppPackagePath);
        Assert.Equal(new[] { "assets/color-192.png", "assets/outline-32.png", "en-us.json", "manifest.json" }, zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal));
        string Text(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        byte[] Bytes(string name)
        {
            using var stream = new MemoryStream();
            zip.GetEntry(name)!.Open().CopyTo(stream);
            return stream.ToArray();
        }

        Assert.Equal(File.ReadAllText(package.JsonManifestPath), Text("manifest.json"));
        using var manifest = JsonDocument.Parse(Text("manifest.json"));
        foreach (var kind in new[] { "color", "outline" })
        {
            var named = manifest.RootElement.GetProperty("icons").GetProperty(kind).GetString()!;
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, "src", named)), Bytes(named));
        }
    }

    [Fact]
    public void Icon_the_manifest_names_but_the_source_lacks_is_an_error()
    {
        var source = Source();
        File.Delete(Path.Combine(source, "src", "assets", "color-192.png"));
        var output = Path.Combine(temp.Path, "site");

        var error = Assert.Throws<SocialToolkitException>(() => Export(source, output));

        Assert.Equal("AddinPackageFileMissing", error.ErrorId);
        Assert.Contains("assets/color-192.png", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Placeholder_values_set_the_organisation_values_of_the_shipped_catalog()
    {
        var output = Path.Combine(temp.Path, "site");

        var package = Export(Source(), output, values: new Dictionary<string, string> { ["company"] = " Contoso ", ["switchboard"] = "+33 1 23 45 67 89" });

        var catalog = GuidelineCatalogFile.Load(Path.Combine(output, "catalog", "guidelines.json"));
        Assert.Equal(2, catalog.SchemaVersion);
        Assert.Equal("Contoso", catalog.Placeholders.Single(p => p.Name == "company").Value);
        Assert.Equal("+33 1 23 45 67 89", catalog.Placeholders.Single(p => p.Name == "switchboard").Value);
        Assert.Empty(GuidelineCatalogValidator.Validate(catalog));
        Assert.Empty(package.PlaceholdersWithoutValue);
        Assert.Equal(File.ReadAllBytes(GuidelineFixtures.Catalog), File.ReadAllBytes(Path.Combine(temp.Path, "source", "catalog", "guidelines.json")));
    }

    [Fact]
    public void Without_placeholder_values_the_export_says_which_ones_each_person_will_be_asked_for()
    {
        var package = Export(Source(), Path.Combine(temp.Path, "site"));

        Assert.Equal(new[] { "company", "switchboard" }, package.PlaceholdersWithoutValue);
    }

    [Theory]
    [InlineData("Company", "Contoso", "PlaceholderValueUnknown", "Did you mean 'company'?")]
    [InlineData("hashtag", "#ContosoLife", "PlaceholderValueUnknown", "declares: company, switchboard")]
    [InlineData("company", "   ", "PlaceholderValueInvalid", "is empty")]
    [InlineData("company", "Contoso\nLtd", "PlaceholderValueInvalid", "control character")]
    public void Placeholder_value_problems_name_the_parameter_and_write_nothing(string name, string value, string errorId, string named)
    {
        var output = Path.Combine(temp.Path, "site");

        var error = Assert.Throws<SocialToolkitException>(() => Export(Source(), output, values: new Dictionary<string, string> { [name] = value }));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.Contains("-PlaceholderValue", error.Message);
        Assert.Contains(named, error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Non_empty_folder_is_refused_without_force()
    {
        var output = Path.Combine(temp.Path, "site");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "the web team's notes");

        var error = Assert.Throws<SocialToolkitException>(() => Export(Source(), output));

        Assert.Equal("OutputFileExists", error.ErrorId);
        Assert.Contains("-Force", error.Message);
        Assert.Equal(new[] { "notes.txt" }, Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Force_refuses_a_folder_no_export_wrote_and_deletes_nothing()
    {
        var output = Path.Combine(temp.Path, "site");
        Directory.CreateDirectory(Path.Combine(output, "src"));
        File.WriteAllText(Path.Combine(output, "index.html"), "the intranet's home page");
        File.WriteAllText(Path.Combine(output, "src", "app.js"), "someone else's code");

        var error = Assert.Throws<SocialToolkitException>(() => Export(Source(), output, force: true));

        Assert.Equal("OutputFolderNotAnExport", error.ErrorId);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "src", "app.js")));
    }

    [Fact]
    public void Force_replaces_the_previous_export_and_keeps_every_file_it_did_not_write()
    {
        var output = Path.Combine(temp.Path, "site");
        var source = Source();
        Export(source, output);
        File.WriteAllText(Path.Combine(output, "web.config"), "<configuration/>");
        File.WriteAllText(Path.Combine(output, "src", "local-note.txt"), "kept");
        File.Delete(Path.Combine(source, "src", "vendor", "purify.min.js"));
        File.WriteAllText(Path.Combine(source, "src", "taskpane.css"), "body { color: black; }\n");

        var package = Export(source, output, force: true);

        Assert.Equal("<configuration/>", File.ReadAllText(Path.Combine(output, "web.config")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(output, "src", "local-note.txt")));
        Assert.Equal("body { color: black; }\n", File.ReadAllText(Path.Combine(output, "src", "taskpane.css")));
        Assert.False(File.Exists(Path.Combine(output, "src", "vendor", "purify.min.js")), "a file the previous export wrote and this one does not is gone");
        Assert.False(Directory.Exists(Path.Combine(output, "src", "vendor")), "and so is the folder it emptied");
        Assert.Equal(new[] { "site", "source" }, Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        using var marker = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ".socialtoolkit-addin-export.json")));
        var listed = marker.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.DoesNotContain("web.config", listed);
        Assert.Contains("outlook-app-package.zip", listed);
        Assert.Equal(listed.Count + 1, package.FileCount);
    }

    [Fact]
    public void Force_refuses_to_overwrite_a_file_the_previous_export_did_not_write()
    {
        var output = Path.Combine(temp.Path, "site");
        var source = Source();
        Export(source, output);
        File.WriteAllText(Path.Combine(source, "src", "extra.js"), "new in this version");
        File.WriteAllText(Path.Combine(output, "src", "extra.js"), "the web team's own file");

        var error = Assert.Throws<SocialToolkitException>(() => Export(source, output, force: true));

        Assert.Equal("OutputFileNotOurs", error.ErrorId);
        Assert.Equal("the web team's own file", File.ReadAllText(Path.Combine(output, "src", "extra.js")));
        Assert.True(File.Exists(Path.Combine(output, "manifest.xml")), "the previous export is untouched");
    }

    [Fact]
    public void A_marker_naming_files_outside_the_folder_is_not_trusted()
    {
        var output = Path.Combine(temp.Path, "site");
        Export(Source(), output);
        File.WriteAllText(Path.Combine(temp.Path, "precious.txt"), "outside");
        File.WriteAllText(Path.Combine(output, ".socialtoolkit-addin-export.json"), """{ "files": [ "../precious.txt" ] }""");

        var error = Assert.Throws<SocialToolkitException>(() => Export(Source(), output, force: true));

        Assert.Equal("ExportMarkerInvalid", error.ErrorId);
        Assert.True(File.Exists(Path.Combine(temp.Path, "precious.txt")));
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

    /// <summary>
    /// The real add-in's package, validated by the add-in's own checker against the schemas Microsoft publishes in
    /// @microsoft/app-manifest (addin/scripts/check-app-package.js); needs Node and the add-in's npm packages.
    /// </summary>
    [SkippableFact]
    public void Real_add_in_package_is_valid_against_the_app_manifest_schemas()
    {
        Skip.IfNot(RepositoryAddin.Exists, RepositoryAddin.MissingReason);
        var checker = Path.Combine(RepositoryAddin.Folder, "scripts", "check-app-package.js");
        Skip.IfNot(Directory.Exists(Path.Combine(RepositoryAddin.Folder, "node_modules", "@microsoft", "app-manifest")), "The add-in's npm packages are not installed (npm ci --prefix addin).");
        var output = Path.Combine(temp.Path, "site");
        var package = Export(RepositoryAddin.Folder, output, values: new Dictionary<string, string> { ["company"] = "Contoso", ["hashtag"] = "#ContosoLife" });

        var start = new System.Diagnostics.ProcessStartInfo("node", $"\"{checker}\" \"{package.AppPackagePath}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
        System.Diagnostics.Process node;
        try
        {
            node = System.Diagnostics.Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SkipException("Node is not installed.");
        }

        using (node)
        {
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEnd();
            node.WaitForExit();
            Assert.True(node.ExitCode == 0, stdout.Result + stderr);
            Assert.Contains("valid app package", stdout.Result);
        }

        var catalog = GuidelineCatalogFile.Load(Path.Combine(output, "catalog", "guidelines.json"));
        Assert.Equal("Contoso", catalog.Placeholders.Single(p => p.Name == "company").Value);
        Assert.Equal(new[] { "communicationsContact", "socialPolicyUrl", "trainingUrl" }, package.PlaceholdersWithoutValue);
    }
}
