using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.PowerShell.Tests.Hosting;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Guidelines;

/// <summary>The guideline commands that write files: workbook round trip, catalog conversion, the add-in folder.</summary>
public sealed class GuidelineFileCmdletTests : IDisposable
{
    private const string BaseUrl = "https://addins.contoso.com/social/";
    private readonly TempDirectory temp = new();
    private readonly ModuleSession session = new();

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }

    private ScriptResult Run(string script, params (string Name, object? Value)[] variables) =>
        session.Run(script, variables.ToDictionary(v => v.Name, v => v.Value));

    private static ErrorRecord Terminating(ScriptResult result) =>
        ((IContainsErrorRecord)(result.Terminating ?? throw new Xunit.Sdk.XunitException("The script did not stop."))).ErrorRecord;

    private static bool SameJson(string expectedPath, string actualPath) =>
        JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(expectedPath)), JsonNode.Parse(File.ReadAllText(actualPath)));

    private string Entries() => string.Join(",", Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));

    [Fact]
    public void Workbook_round_trip_gives_the_same_catalog()
    {
        var workbook = temp.File("guidelines.xlsx");
        var catalog = temp.File("guidelines.json");

        var exported = Run("Export-SocialGuidelineWorkbook -Path $catalog -OutputPath $workbook", ("catalog", GuidelineFixtures.Catalog), ("workbook", workbook)).AssertNoErrors();
        var converted = Run("ConvertTo-SocialGuidelineCatalog -Path $workbook -OutputPath $output", ("workbook", workbook), ("output", catalog)).AssertNoErrors();

        Assert.Equal(workbook, ((FileInfo)exported.Output.Single().BaseObject).FullName);
        var summary = converted.Output.Single();
        Assert.Equal("SocialToolkit.Core.Guidelines.GuidelineCatalogSummary", summary.TypeNames[0]);
        Assert.Equal(catalog, summary.Properties["Path"].Value);
        Assert.Equal("2026.11.1", summary.Properties["CatalogVersion"].Value);
        Assert.Equal(3, summary.Properties["SnippetCount"].Value);
        Assert.True(SameJson(GuidelineFixtures.Catalog, catalog));
    }

    [RealAddinFact]
    public void Shipped_catalog_round_trips_through_the_workbook()
    {
        var workbook = temp.File("guidelines.xlsx");
        var catalog = temp.File("guidelines.json");

        Run("Export-SocialGuidelineWorkbook $workbook; ConvertTo-SocialGuidelineCatalog $workbook $output", ("workbook", workbook), ("output", catalog)).AssertNoErrors();

        Assert.True(SameJson(RepositoryAddin.Catalog, catalog));
    }

    [Fact]
    public void Relative_paths_are_resolved_against_the_session_location()
    {
        // The output's folder must exist, as for every file-writing command.
        Directory.CreateDirectory(temp.File("edit"));
        Run(
            "$ExecutionContext.SessionState.Path.SetLocation($folder) | Out-Null; Export-SocialGuidelineWorkbook -Path $catalog -OutputPath ./edit/guidelines.xlsx | Out-Null; ConvertTo-SocialGuidelineCatalog ./edit/guidelines.xlsx ./catalog.json | Out-Null",
            ("folder", temp.Path),
            ("catalog", GuidelineFixtures.Catalog)).AssertNoErrors();

        Assert.True(File.Exists(Path.Combine(temp.Path, "edit", "guidelines.xlsx")));
        Assert.True(SameJson(GuidelineFixtures.Catalog, temp.File("catalog.json")));
    }

    [Fact]
    public void Invalid_workbook_is_an_error_naming_sheet_row_and_column_and_writes_nothing()
    {
        // A catalog with problems exports (with a warning) so they can be fixed in Excel; converting it back refuses.
        var broken = temp.File("broken.json");
        File.WriteAllText(broken, GuidelineFixtures.CatalogText.Replace("{{company}} and", "{{compagny}} and").Replace("\"category\": \"answering-criticism\",\n      \"tags\": [\"help\"", "\"category\": \"nowhere\",\n      \"tags\": [\"help\""));
        var workbook = temp.File("guidelines.xlsx");
        var output = temp.File("guidelines.json");

        var exported = Run("Export-SocialGuidelineWorkbook -Path $catalog -OutputPath $workbook", ("catalog", broken), ("workbook", workbook)).AssertNoErrors();
        var result = Run("$ErrorActionPreference = 'Stop'; ConvertTo-SocialGuidelineCatalog -Path $workbook -OutputPath $output", ("workbook", workbook), ("output", output));

        Assert.Contains("has 2 problems", Assert.Single(exported.Warnings).Message);
        var error = Terminating(result);
        Assert.Equal("GuidelineWorkbookInvalid,SocialToolkit.PowerShell.Commands.Guidelines.ConvertToSocialGuidelineCatalogCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("guidelines.xlsx, sheet Snippets, row 2, column Body (en): The body of snippet 'share-team-success' in 'en' uses {{compagny}}", error.Exception.Message);
        Assert.Contains("guidelines.xlsx, sheet Snippets, row 4, column Category:", error.Exception.Message);
        var problems = ((IEnumerable<object>)error.TargetObject).Select(PSObject.AsPSObject).ToList();
        Assert.Equal(new[] { "UnknownPlaceholder", "UnknownCategory" }, problems.Select(p => p.Properties["Code"].Value.ToString()).OrderByDescending(c => c));
        Assert.Equal("broken.json,guidelines.xlsx", Entries());
    }

    [Fact]
    public void Existing_files_are_kept_unless_Force()
    {
        var workbook = temp.File("guidelines.xlsx");
        var catalog = temp.File("guidelines.json");
        File.WriteAllText(workbook, "keep");
        File.WriteAllText(catalog, "keep");

        var export = Run("Export-SocialGuidelineWorkbook -Path $catalog -OutputPath $workbook", ("catalog", GuidelineFixtures.Catalog), ("workbook", workbook));
        Assert.StartsWith("OutputFileExists,", Assert.Single(export.Errors).FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, export.Errors[0].CategoryInfo.Category);
        Assert.Equal("keep", File.ReadAllText(workbook));

        Run("Export-SocialGuidelineWorkbook -Path $catalog -OutputPath $workbook -Force", ("catalog", GuidelineFixtures.Catalog), ("workbook", workbook)).AssertNoErrors();
        var convert = Run("ConvertTo-SocialGuidelineCatalog -Path $workbook -OutputPath $output", ("workbook", workbook), ("output", catalog));
        Assert.StartsWith("OutputFileExists,", Assert.Single(convert.Errors).FullyQualifiedErrorId);
        Assert.Equal("keep", File.ReadAllText(catalog));

        Run("ConvertTo-SocialGuidelineCatalog -Path $workbook -OutputPath $output -Force", ("workbook", workbook), ("output", catalog)).AssertNoErrors();
        Assert.True(SameJson(GuidelineFixtures.Catalog, catalog));
    }

    [Fact]
    public void WhatIf_writes_nothing_and_says_what_it_would_do()
    {
        var workbook = temp.File("guidelines.xlsx");
        Run("Export-SocialGuidelineWorkbook -Path $catalog -OutputPath $workbook", ("catalog", GuidelineFixtures.Catalog), ("workbook", workbook)).AssertNoErrors();
        var source = FakeAddinSource.Create(temp.File("source"));
        var before = Entries();

        var result = Run(
            "Export-SocialGuidelineWorkbook -Path $catalog -OutputPath $other -WhatIf; ConvertTo-SocialGuidelineCatalog $workbook $json -WhatIf; Export-SocialOutlookAddin $base $site -SourcePath $source -WhatIf",
            ("catalog", GuidelineFixtures.Catalog),
            ("other", temp.File("other.xlsx")),
            ("workbook", workbook),
            ("json", temp.File("guidelines.json")),
            ("base", BaseUrl),
            ("site", temp.File("site")),
            ("source", source)).AssertNoErrors();

        Assert.Empty(result.Output);
        Assert.Equal(before, Entries());
        var whatIf = session.Host.UI.Lines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, whatIf.Count);
        Assert.Contains(temp.File("other.xlsx"), whatIf[0]);
        Assert.Contains(temp.File("guidelines.json"), whatIf[1]);
        Assert.Contains(temp.File("site"), whatIf[2]);
        Assert.Contains(BaseUrl, whatIf[2]);
    }

    [Fact]
    public void Export_SocialOutlookAddin_writes_a_folder_whose_manifests_point_at_the_base_url()
    {
        var source = FakeAddinSource.Create(temp.File("source"));
        var site = temp.File("site");

        var result = Run("Export-SocialOutlookAddin -BaseUrl https://addins.contoso.com/social -OutputPath $site -SourcePath $source", ("site", site), ("source", source)).AssertNoErrors();

        var package = result.Output.Single();
        Assert.Equal("SocialToolkit.Core.Guidelines.OutlookAddinPackage", package.TypeNames[0]);
        Assert.Equal(site, package.Properties["Path"].Value);
        Assert.Equal(new Uri(BaseUrl), package.Properties["BaseUrl"].Value);
        Assert.Equal(new Uri(BaseUrl + "src/taskpane.html"), package.Properties["TaskPaneUrl"].Value);
        Assert.Equal("2026.11.1", package.Properties["CatalogVersion"].Value);
        Assert.Equal(Directory.GetFiles(site, "*", SearchOption.AllDirectories).Length, package.Properties["FileCount"].Value);
        foreach (var manifest in new[] { "manifest.xml", "manifest.json" })
        {
            var text = File.ReadAllText(Path.Combine(site, manifest));
            Assert.Contains(BaseUrl, text);
            Assert.DoesNotContain("https://localhost:3000", text);
        }

        Assert.True(File.Exists(Path.Combine(site, "src", "taskpane.html")));
        Assert.True(File.Exists(Path.Combine(site, "catalog", "guidelines.json")));
        Assert.Equal("https://addins.contoso.com", XDocument.Load(Path.Combine(site, "manifest.xml")).Descendants().Single(e => e.Name.LocalName == "AppDomain").Value);
    }

    [Fact]
    public void Export_SocialOutlookAddin_PlaceholderValue_sets_the_organisation_values_and_says_what_is_left()
    {
        var source = FakeAddinSource.Create(temp.File("source"));
        var site = temp.File("site");

        var result = Run("Export-SocialOutlookAddin https://addins.contoso.com/social $site -SourcePath $source -PlaceholderValue @{ company = 'Contoso' }", ("site", site), ("source", source)).AssertNoErrors();

        var package = result.Output.Single();
        Assert.Equal(new[] { "switchboard" }, (IEnumerable<string>)package.Properties["PlaceholdersWithoutValue"].Value);
        Assert.Equal(Path.Combine(site, "outlook-app-package.zip"), package.Properties["AppPackagePath"].Value);
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(site, "catalog", "guidelines.json")))!;
        Assert.Equal(2, (int)catalog["schemaVersion"]!);
        Assert.Equal("Contoso", (string)catalog["placeholders"]![0]!["value"]!);
        Assert.Null(catalog["placeholders"]![1]!["value"]);
    }

    [Theory]
    [InlineData("@{ Company = 'Contoso' }", "PlaceholderValueUnknown", "Did you mean 'company'?")]
    [InlineData("@{ company = @('Contoso', 'Fabrikam') }", "PlaceholderValueInvalid", "must be a text")]
    [InlineData("@{ company = '' }", "PlaceholderValueInvalid", "is empty")]
    public void Export_SocialOutlookAddin_PlaceholderValue_problems_name_the_parameter_and_write_nothing(string values, string errorId, string named)
    {
        var source = FakeAddinSource.Create(temp.File("source"));
        var site = temp.File("site");

        var result = Run($"Export-SocialOutlookAddin https://addins.contoso.com/social $site -SourcePath $source -PlaceholderValue {values}", ("site", site), ("source", source));

        var error = result.Errors.Concat(result.Terminating is IContainsErrorRecord record ? new[] { record.ErrorRecord } : Array.Empty<ErrorRecord>()).Single();
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-PlaceholderValue", error.Exception.Message);
        Assert.Contains(named, error.Exception.Message);
        Assert.False(Directory.Exists(site));
    }

    [Fact]
    public void Export_SocialOutlookAddin_Force_replaces_its_previous_export_and_nothing_else()
    {
        var source = FakeAddinSource.Create(temp.File("source"));
        var site = temp.File("site");
        Run("Export-SocialOutlookAddin https://addins.contoso.com/social $site -SourcePath $source", ("site", site), ("source", source)).AssertNoErrors();
        File.WriteAllText(Path.Combine(site, "web.config"), "<configuration/>");

        var refused = Run("Export-SocialOutlookAddin https://addins.contoso.com/v2 $site -SourcePath $source", ("site", site), ("source", source));
        Run("Export-SocialOutlookAddin https://addins.contoso.com/v2 $site -SourcePath $source -Force", ("site", site), ("source", source)).AssertNoErrors();

        Assert.StartsWith("OutputFileExists,", Assert.Single(refused.Errors).FullyQualifiedErrorId);
        Assert.True(File.Exists(Path.Combine(site, "web.config")));
        Assert.Contains("https://addins.contoso.com/v2/src/taskpane.html", File.ReadAllText(Path.Combine(site, "manifest.xml")));
    }

    /// <summary>
    /// The shipped add-in deployed for an https address with the organisation's values, tried in Chromium by the
    /// add-in's own checker (addin/scripts/check-deployed.js) in a simulated Outlook on the web with Microsoft's
    /// office.js: a tip is inserted through office.js with every value filled in, a tip with a missing value asks for it.
    /// </summary>
    [BrowserCheckFact]
    public void Deployed_folder_with_placeholder_values_inserts_filled_tips_and_asks_for_missing_values()
    {
        var site = temp.File("site");

        Run("Export-SocialOutlookAddin https://addins.contoso.com/social $site -PlaceholderValue @{ company = 'Contoso'; hashtag = '#ContosoLife' }", ("site", site)).AssertNoErrors();

        var start = new System.Diagnostics.ProcessStartInfo("node", $"\"{Path.Combine(RepositoryAddin.Folder, "scripts", "check-deployed.js")}\" \"{site}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TMPDIR"] = temp.Path;
        using var node = System.Diagnostics.Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEnd();
        Assert.True(node.WaitForExit(180_000), "check-deployed.js did not finish in 3 minutes");
        Assert.True(node.ExitCode == 0, stdout.Result + stderr);
        Assert.Contains("ok: Outlook on the web: Office.onReady resolved for the pane at https://addins.contoso.com/social/src/taskpane.html", stdout.Result);
        Assert.Contains("ok: office.js loads everything it needs with no CSP refusal or script error", stdout.Result);
        Assert.Contains("ok: classic Outlook for Windows: Office.onReady resolved with no CSP refusal", stdout.Result);
        Assert.Matches("ok: \"[a-z0-9-]+\" is inserted with (company|hashtag) = ", stdout.Result);
        Assert.Matches("ok: \"[a-z0-9-]+\" asks for [a-zA-Z]+", stdout.Result);
    }

    [Fact]
    public void Export_SocialOutlookAddin_refuses_http_naming_BaseUrl_even_under_WhatIf()
    {
        var source = FakeAddinSource.Create(temp.File("source"));

        foreach (var whatIf in new[] { string.Empty, " -WhatIf" })
        {
            var result = Run($"Export-SocialOutlookAddin -BaseUrl http://addins.contoso.com/social/ -OutputPath $site -SourcePath $source{whatIf}", ("site", temp.File("site")), ("source", source));

            var error = Assert.Single(result.Errors);
            Assert.Equal("BaseUrlNotHttps,SocialToolkit.PowerShell.Commands.Guidelines.ExportSocialOutlookAddinCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-BaseUrl", error.Exception.Message);
            Assert.Contains("https://", error.Exception.Message);
        }

        Assert.Equal("source", Entries());
    }

    [Fact]
    public void Export_SocialOutlookAddin_refuses_a_catalog_with_problems_and_a_non_empty_folder()
    {
        var source = FakeAddinSource.Create(temp.File("source"));
        var broken = temp.File("broken.json");
        File.WriteAllText(broken, GuidelineFixtures.CatalogText.Replace("\"id\": \"00123\"", "\"id\": \"share-team-success\""));

        var catalogError = Assert.Single(Run("Export-SocialOutlookAddin $base $site -SourcePath $source -CatalogPath $catalog", ("base", BaseUrl), ("site", temp.File("site")), ("source", source), ("catalog", broken)).Errors);
        Assert.StartsWith("AddinCatalogInvalid,", catalogError.FullyQualifiedErrorId);
        Assert.Contains("broken.json", catalogError.Exception.Message);
        Assert.Contains("The snippet id 'share-team-success' is used twice.", catalogError.Exception.Message);
        Assert.False(Directory.Exists(temp.File("site")));

        Directory.CreateDirectory(temp.File("site"));
        File.WriteAllText(Path.Combine(temp.File("site"), "index.html"), "someone's page");
        var folderError = Assert.Single(Run("Export-SocialOutlookAddin $base $site -SourcePath $source", ("base", BaseUrl), ("site", temp.File("site")), ("source", source)).Errors);
        Assert.StartsWith("OutputFileExists,", folderError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, folderError.CategoryInfo.Category);
        Assert.True(File.Exists(Path.Combine(temp.File("site"), "index.html")));

        // -Force replaces a previous export; a folder no export wrote is someone else's, and is left alone.
        var forcedError = Assert.Single(Run("Export-SocialOutlookAddin $base $site -SourcePath $source -Force", ("base", BaseUrl), ("site", temp.File("site")), ("source", source)).Errors);
        Assert.StartsWith("OutputFolderNotAnExport,", forcedError.FullyQualifiedErrorId);
        Assert.Contains(".socialtoolkit-addin-export.json", forcedError.Exception.Message);
        Assert.True(File.Exists(Path.Combine(temp.File("site"), "index.html")));
        Assert.False(File.Exists(Path.Combine(temp.File("site"), "manifest.xml")));
    }

    [RealAddinFact]
    public void Export_SocialOutlookAddin_packages_the_shipped_add_in_by_default()
    {
        var site = temp.File("site");

        var package = Run("Export-SocialOutlookAddin -BaseUrl $base -OutputPath $site", ("base", BaseUrl), ("site", site)).AssertNoErrors().Output.Single();

        foreach (var manifest in new[] { "manifest.xml", "manifest.json" })
        {
            var text = File.ReadAllText(Path.Combine(site, manifest));
            Assert.Contains(BaseUrl, text);
            Assert.DoesNotContain("https://localhost:3000", text);
        }

        Assert.True(File.Exists(Path.Combine(site, "src", "taskpane.html")));
        Assert.True(SameJson(RepositoryAddin.Catalog, Path.Combine(site, "catalog", "guidelines.json")));
        Assert.Equal(new Uri(BaseUrl + "src/taskpane.html"), package.Properties["TaskPaneUrl"].Value);
    }
}

/// <summary>A fact that needs the repository's add-in with its npm packages and Chromium; skipped, saying which is missing.</summary>
public sealed class BrowserCheckFactAttribute : FactAttribute
{
    public BrowserCheckFactAttribute()
    {
        if (!RepositoryAddin.Exists)
        {
            Skip = RepositoryAddin.MissingReason;
        }
        else if (!Directory.Exists(Path.Combine(RepositoryAddin.Folder, "node_modules", "playwright-core")))
        {
            Skip = "The add-in's npm packages are not installed (npm ci --prefix addin).";
        }
        else if (!File.Exists(Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium"))
        {
            Skip = "Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH).";
        }
    }
}
