using System.Management.Automation;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.PowerShell.Tests.Hosting;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Guidelines;

/// <summary>Get-SocialGuideline and Test-SocialGuidelineCatalog through a real runspace.</summary>
public sealed class GuidelineCmdletTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly ModuleSession session = new();

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }

    private ScriptResult Run(string script, params (string Name, object? Value)[] variables) =>
        session.Run(script, variables.ToDictionary(v => v.Name, v => v.Value));

    private string CatalogWith(string find, string replace)
    {
        Assert.Contains(find, GuidelineFixtures.CatalogText);
        var path = temp.File(Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, GuidelineFixtures.CatalogText.Replace(find, replace));
        return path;
    }

    /// <summary>What the host showed, without the colour codes PowerShell adds to table headers.</summary>
    private List<string> PlainLines() =>
        session.Host.UI.Lines.SelectMany(l => l.Split('\n'))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\u001b\\[[0-9;]*m", string.Empty).TrimEnd())
            .Where(l => l.Length > 0)
            .ToList();

    [Fact]
    public void Get_SocialGuideline_writes_one_object_per_snippet_and_language()
    {
        var result = Run("Get-SocialGuideline -Path $catalog", ("catalog", GuidelineFixtures.Catalog)).AssertNoErrors();

        Assert.Equal(6, result.Output.Count);
        var first = result.Output[0];
        Assert.Equal("SocialToolkit.Core.Guidelines.Guideline", first.TypeNames[0]);
        Assert.Equal("share-team-success", first.Properties["Id"].Value);
        Assert.Equal("fr", first.Properties["Language"].Value);
        Assert.Equal("what-to-publish", first.Properties["Category"].Value);
        Assert.Equal("Quoi publier", first.Properties["CategoryTitle"].Value);
        Assert.Equal("Partager un succès d'équipe", first.Properties["Title"].Value);
        Assert.StartsWith("<p>Racontez", (string)first.Properties["Body"].Value);
        Assert.StartsWith("Racontez ce que l'équipe", (string)first.Properties["Text"].Value);
        Assert.Equal(new[] { "success", "team" }, (IEnumerable<string>)first.Properties["Tags"].Value);
        Assert.Equal(new[] { "company" }, (IEnumerable<string>)first.Properties["Placeholders"].Value);
    }

    [Fact]
    public void Get_SocialGuideline_filters_by_language_category_id_and_accent_insensitive_search()
    {
        string Ids(string script) => string.Join(" ", Run(script, ("catalog", GuidelineFixtures.Catalog)).AssertNoErrors().Output.Select(o => $"{o.Properties["Id"].Value}/{o.Properties["Language"].Value}"));

        Assert.Equal("00123/en ask-the-communications-team/en", Ids("Get-SocialGuideline -Path $catalog -Language en -Category answering-criticism"));
        Assert.Equal("share-team-success/fr", Ids("Get-SocialGuideline reseau -Path $catalog"));
        Assert.Equal("share-team-success/fr", Ids("Get-SocialGuideline -Search 'RÉSEAU' -Path $catalog"));
        Assert.Equal("ask-the-communications-team/fr", Ids("Get-SocialGuideline 'equipe ecrivez' -Path $catalog"));
        Assert.Equal("ask-the-communications-team/fr ask-the-communications-team/en", Ids("Get-SocialGuideline -Id ask-* -Path $catalog"));
        Assert.Equal("00123/fr 00123/en", Ids("Get-SocialGuideline -Id 00123 -CatalogPath $catalog"));
    }

    [Fact]
    public void Unknown_id_writes_an_error_and_the_other_snippets()
    {
        var result = Run("Get-SocialGuideline -Path $catalog -Language en -Id share-team-success, no-such-tip", ("catalog", GuidelineFixtures.Catalog));

        Assert.Single(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("GuidelineNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("no-such-tip", error.Exception.Message);
    }

    [Fact]
    public void Unknown_language_or_category_is_an_error_listing_what_the_catalog_has()
    {
        var result = Run("Get-SocialGuideline -Path $catalog -Category what-to-post", ("catalog", GuidelineFixtures.Catalog));

        var error = Assert.Single(result.Errors);
        Assert.Equal("GuidelineCategoryNotFound,SocialToolkit.PowerShell.Commands.Guidelines.GetSocialGuidelineCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("what-to-publish, answering-criticism", error.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Missing_catalog_is_an_error_naming_the_file()
    {
        var path = temp.File("nowhere.json");

        var result = Run("$ErrorActionPreference = 'Stop'; Get-SocialGuideline -Path $catalog; 'not reached'", ("catalog", path));

        var error = ((IContainsErrorRecord)result.Terminating!).ErrorRecord;
        Assert.Equal("GuidelineCatalogNotFound,SocialToolkit.PowerShell.Commands.Guidelines.GetSocialGuidelineCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(path, error.Exception.Message);
        Assert.DoesNotContain(result.Output, o => o.ToString() == "not reached");
    }

    [Fact]
    public void Invalid_JSON_is_an_error_naming_the_file_line_and_position()
    {
        var path = CatalogWith("\"languages\": [\"fr\", \"en\"],", "\"languages\": [\"fr\", \"en\"]");

        var result = Run("Get-SocialGuideline -Path $catalog", ("catalog", path));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("GuidelineCatalogInvalid,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains(path, error.Exception.Message);
        Assert.Contains("line 7, position 3", error.Exception.Message);
    }

    [Fact]
    public void Guidelines_show_as_a_table_of_id_language_category_and_title()
    {
        Run("Get-SocialGuideline -Path $catalog -Language en | Out-Host", ("catalog", GuidelineFixtures.Catalog)).AssertNoErrors();

        var lines = PlainLines();
        Assert.Matches(@"^Id\s+Language\s+Category\s+Title$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^share-team-success\s+en\s+what-to-publish\s+Share a team success$"));
    }

    [Fact]
    public void Category_language_and_id_complete_from_the_catalog()
    {
        string[] Complete(string line) => Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }", ("line", line))
            .AssertNoErrors().Output.Select(o => o.ToString()).ToArray();

        var catalog = GuidelineFixtures.Catalog;
        Assert.Equal(new[] { "what-to-publish" }, Complete($"Get-SocialGuideline -Path '{catalog}' -Category wh"));
        Assert.Equal(new[] { "what-to-publish", "answering-criticism" }, Complete($"Get-SocialGuideline -Path '{catalog}' -Category "));
        Assert.Equal(new[] { "fr", "en" }, Complete($"Get-SocialGuideline -Path '{catalog}' -Language "));
        Assert.Equal(new[] { "ask-the-communications-team" }, Complete($"Get-SocialGuideline -Path '{catalog}' -Id as"));

        // A relative path is resolved against the session's location.
        Run("$ExecutionContext.SessionState.Path.SetLocation($folder) | Out-Null", ("folder", Path.GetDirectoryName(catalog))).AssertNoErrors();
        Assert.Equal(new[] { "what-to-publish" }, Complete("Get-SocialGuideline -Path ./catalog.json -Category wh"));
    }

    [Fact]
    public void Valid_catalog_gives_no_problem_and_Quiet_gives_true()
    {
        Assert.Empty(Run("Test-SocialGuidelineCatalog -Path $catalog", ("catalog", GuidelineFixtures.Catalog)).AssertNoErrors().Output);
        Assert.Equal(true, Run("Test-SocialGuidelineCatalog $catalog -Quiet", ("catalog", GuidelineFixtures.Catalog)).AssertNoErrors().Output.Single().BaseObject);
    }

    [Theory]
    [InlineData("DuplicateId", "\"id\": \"00123\"", "\"id\": \"share-team-success\"", "snippets[1].id")]
    [InlineData("MissingTranslation", "\"en\": \"Ask for advice\"", "\"en\": \"\"", "snippets[2].title.en")]
    [InlineData("UnknownCategory", "\"category\": \"what-to-publish\"", "\"category\": \"what-to-post\"", "snippets[0].category")]
    [InlineData("UnsafeHtml", "<strong>the team</strong>", "<strong onclick=\\\"steal()\\\">the team</strong>", "snippets[0].body.en")]
    [InlineData("UnsafeHtml", "<a href=\\\"https://intranet.contoso.com/charte\\\">the policy</a>", "<a href=\\\"javascript:alert(1)\\\">the policy</a>", "snippets[2].body.en")]
    [InlineData("UnknownPlaceholder", "{{company}} and", "{{compagny}} and", "snippets[0].body.en")]
    [InlineData("TooLong", "<p>Tell what", "<p>#LONG#Tell what", "snippets[0].body.en")]
    [InlineData("InvalidId", "\"id\": \"share-team-success\"", "\"id\": \"Share_Team_Success\"", "snippets[0].id")]
    [InlineData("SchemaVersion", "\"schemaVersion\": 1", "\"schemaVersion\": 3", "schemaVersion")]
    [InlineData("InvalidTag", "\"tags\": [\"success\", \"team\"]", "\"tags\": [\"Success Story\", \"team\"]", "snippets[0].tags[0]")]
    public void Each_problem_is_one_object(string code, string find, string replace, string field)
    {
        var path = CatalogWith(find, replace.Replace("#LONG#", new string('x', 2000)));

        var result = Run("Test-SocialGuidelineCatalog -Path $catalog", ("catalog", path)).AssertNoErrors();

        var problem = Assert.Single(result.Output);
        Assert.Equal("SocialToolkit.Core.Guidelines.GuidelineCatalogProblem", problem.TypeNames[0]);
        Assert.Equal(code, problem.Properties["Code"].Value.ToString());
        Assert.Equal("Error", problem.Properties["Severity"].Value.ToString());
        Assert.Equal(field, problem.Properties["Field"].Value);
        Assert.Equal(path, problem.Properties["Source"].Value);
        Assert.False(string.IsNullOrWhiteSpace((string)problem.Properties["Message"].Value));
        Assert.Equal(false, Run("Test-SocialGuidelineCatalog -Path $catalog -Quiet", ("catalog", path)).AssertNoErrors().Output.Single().BaseObject);
    }

    [Fact]
    public void Problems_show_as_a_table_with_their_location()
    {
        var path = CatalogWith("{{company}} and", "{{compagny}} and");

        Run("Test-SocialGuidelineCatalog -Path $catalog | Out-Host", ("catalog", path)).AssertNoErrors();

        var text = string.Join("\n", PlainLines());
        Assert.Matches(@"Severity\s+Code\s+Location\s+Message", text);
        Assert.Contains("UnknownPlaceholder", text);
        Assert.Contains("{{compagny}}", text);
    }

    [Fact]
    public void Paths_from_the_pipeline_are_checked_one_by_one_and_an_unreadable_one_does_not_stop_the_others()
    {
        var broken = CatalogWith("\"category\": \"what-to-publish\"", "\"category\": \"what-to-post\"");
        var missing = temp.File("missing.json");

        var result = Run("$missing, $broken, $valid | Test-SocialGuidelineCatalog", ("missing", missing), ("broken", broken), ("valid", GuidelineFixtures.Catalog));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("GuidelineCatalogNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal("UnknownCategory", Assert.Single(result.Output).Properties["Code"].Value.ToString());
        Assert.Equal(new object[] { false, false, true }, Run("$missing, $broken, $valid | Test-SocialGuidelineCatalog -Quiet", ("missing", missing), ("broken", broken), ("valid", GuidelineFixtures.Catalog)).Output.Select(o => o.BaseObject));
    }

    [RealAddinFact]
    public void Shipped_catalog_is_the_default_and_is_valid()
    {
        var guidelines = Run("Get-SocialGuideline -Language fr").AssertNoErrors().Output;
        Assert.NotEmpty(guidelines);
        Assert.All(guidelines, g => Assert.Equal("fr", g.Properties["Language"].Value));
        Assert.NotEmpty(Run("Get-SocialGuideline reseau -Language fr").AssertNoErrors().Output);

        Assert.Empty(Run("Test-SocialGuidelineCatalog").AssertNoErrors().Output);
        Assert.Equal(true, Run("Test-SocialGuidelineCatalog -Quiet").AssertNoErrors().Output.Single().BaseObject);
    }
}
