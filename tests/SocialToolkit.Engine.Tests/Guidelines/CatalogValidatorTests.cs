using SocialToolkit.Core.Guidelines;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.Guidelines.Html;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.Engine.Tests.Guidelines;

public sealed class CatalogValidatorTests
{
    private static GuidelineCatalog Catalog() => GuidelineCatalogFile.Load(GuidelineFixtures.Catalog);

    private static GuidelineCatalogProblem Single(Action<GuidelineCatalog> spoil)
    {
        var catalog = Catalog();
        spoil(catalog);
        return Assert.Single(GuidelineCatalogValidator.Validate(catalog, "/data/catalog.json"));
    }

    private static GuidelineCatalog WithSchemaVersion(int version)
    {
        var catalog = Catalog();
        catalog.SchemaVersion = version;
        return catalog;
    }

    [Theory]
    [InlineData("  ", "is empty")]
    [InlineData("Contoso\nLtd", "control character")]
    [InlineData("{{hashtag}}", "placeholder")]
    public void Organisation_value_must_be_one_usable_line(string value, string named)
    {
        var problem = Single(c =>
        {
            c.SchemaVersion = 2;
            c.Placeholders[0].Value = value;
        });

        Assert.Equal(GuidelineProblemCode.InvalidPlaceholderValue, problem.Code);
        Assert.Equal("placeholders[0].value", problem.Field);
        Assert.Contains(named, problem.Message);
    }

    [Fact]
    public void Organisation_value_is_kept_through_a_save()
    {
        var catalog = Catalog();
        catalog.Placeholders[0].Value = "Contoso & Fils";

        var reread = GuidelineCatalogFile.Parse(GuidelineCatalogFile.Serialize(catalog), "memory");

        Assert.Equal("Contoso & Fils", reread.Placeholders[0].Value);
        Assert.Null(reread.Placeholders[1].Value);
        Assert.DoesNotContain("\"value\": null", System.Text.Encoding.UTF8.GetString(GuidelineCatalogFile.Serialize(catalog)));
    }

    [Fact]
    public void Fixture_is_valid()
    {
        Assert.Empty(GuidelineCatalogValidator.Validate(Catalog()));
    }

    [RealAddinFact]
    public void Real_catalog_is_valid()
    {
        Assert.Empty(GuidelineCatalogValidator.Validate(GuidelineCatalogFile.Load(RepositoryAddin.Catalog)));
    }

    [Fact]
    public void Duplicate_snippet_id()
    {
        var problem = Single(c => c.Snippets[2].Id = "share-team-success");

        Assert.Equal(GuidelineProblemCode.DuplicateId, problem.Code);
        Assert.Equal(GuidelineProblemSeverity.Error, problem.Severity);
        Assert.Equal("share-team-success", problem.SnippetId);
        Assert.Equal("snippets[2].id", problem.Field);
        Assert.Equal("/data/catalog.json", problem.Source);
        Assert.Equal("catalog.json, snippets[2].id: The snippet id 'share-team-success' is used twice.", problem.ToString());
    }

    [Fact]
    public void Duplicate_category_id()
    {
        var catalog = Catalog();
        catalog.Categories[1].Id = "what-to-publish";

        var problems = GuidelineCatalogValidator.Validate(catalog);

        Assert.Contains(problems, p => p.Code == GuidelineProblemCode.DuplicateId && p.Field == "categories[1].id");
    }

    [Theory]
    [InlineData("title")]
    [InlineData("body")]
    public void Missing_translation(string field)
    {
        var problem = Single(c => (field == "title" ? c.Snippets[1].Title : c.Snippets[1].Body)["en"] = " ");

        Assert.Equal(GuidelineProblemCode.MissingTranslation, problem.Code);
        Assert.Equal("00123", problem.SnippetId);
        Assert.Equal("en", problem.Language);
        Assert.Equal($"snippets[1].{field}.en", problem.Field);
        Assert.Contains("missing in 'en'", problem.Message);
    }

    [Fact]
    public void Missing_category_title_translation()
    {
        var problem = Single(c => c.Categories[0].Title.Remove("fr"));

        Assert.Equal(GuidelineProblemCode.MissingTranslation, problem.Code);
        Assert.Equal("categories[0].title.fr", problem.Field);
        Assert.Null(problem.SnippetId);
    }

    [Fact]
    public void Unknown_category()
    {
        var problem = Single(c => c.Snippets[0].Category = "what-to-post");

        Assert.Equal(GuidelineProblemCode.UnknownCategory, problem.Code);
        Assert.Equal("snippets[0].category", problem.Field);
        Assert.Contains("'what-to-post'", problem.Message);
    }

    [Theory]
    [InlineData("<p>Hi</p><script>alert(1)</script>", "<script>")]
    [InlineData("<p onclick=\"steal()\">Hi</p>", "onclick")]
    [InlineData("<p><a href=\"javascript:alert(1)\">x</a></p>", "javascript:alert(1)")]
    [InlineData("<p><a href=\"http://example.com\">x</a></p>", "http://example.com")]
    [InlineData("<p><img src=\"https://tracker.example/pixel.gif\">x</p>", "<img>")]
    [InlineData("<p style=\"color:red\">x</p>", "style")]
    [InlineData("<div>x</div>", "<div>")]
    [InlineData("<p>x</p><!-- note -->", "comments")]
    public void Unsafe_html(string body, string named)
    {
        var problem = Single(c => c.Snippets[0].Body["en"] = body);

        Assert.Equal(GuidelineProblemCode.UnsafeHtml, problem.Code);
        Assert.Equal("snippets[0].body.en", problem.Field);
        Assert.Contains(named, problem.Message);
    }

    [Theory]
    [InlineData("<p>a<br/>b<br>c</p>")]
    [InlineData("<p><b>b</b> <i>i</i> <em>em</em> <strong>s</strong> &amp; &nbsp; 3 &gt; 2</p>")]
    [InlineData("<ul><li>one</li></ul><ol><li>two</li></ol>")]
    [InlineData("<p><a href=\"https://contoso.com/a?b=c&amp;d=e\">x</a> <a href=\"mailto:a@contoso.com\">y</a></p>")]
    [InlineData("Plain text, no markup: 5 < 6")]
    public void Allowed_html_is_no_problem_and_stays_exactly_as_written(string body)
    {
        Assert.Empty(GuidelineCatalogValidator.Validate(WithBody(body)));
        Assert.Same(body, SnippetHtml.Sanitize(body, out var removed));
        Assert.Empty(removed);
    }

    [Fact]
    public void Sanitising_removes_what_is_not_allowed_and_keeps_the_text()
    {
        var clean = SnippetHtml.Sanitize("<p onclick=\"x()\">Hello <span>there</span><script>alert(1)</script> <a href=\"javascript:x()\">link</a></p>", out var removed);

        Assert.DoesNotContain("onclick", clean);
        Assert.DoesNotContain("script", clean);
        Assert.DoesNotContain("javascript", clean);
        Assert.Contains("Hello there", clean);
        Assert.Equal(4, removed.Count);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("body")]
    public void Unknown_placeholder(string field)
    {
        var problem = Single(c => (field == "title" ? c.Snippets[0].Title : c.Snippets[0].Body)["fr"] = "<p>Chez {{compagny}}</p>".Replace("<p>", field == "title" ? string.Empty : "<p>").Replace("</p>", field == "title" ? string.Empty : "</p>"));

        Assert.Equal(GuidelineProblemCode.UnknownPlaceholder, problem.Code);
        Assert.Equal($"snippets[0].{field}.fr", problem.Field);
        Assert.Contains("{{compagny}}", problem.Message);
    }

    [Fact]
    public void Too_long_body_title_and_tag()
    {
        Assert.Empty(GuidelineCatalogValidator.Validate(WithBody(new string('a', 2000))));

        var body = Assert.Single(GuidelineCatalogValidator.Validate(WithBody(new string('a', 2001))));
        Assert.Equal(GuidelineProblemCode.TooLong, body.Code);
        Assert.Contains("2001 characters", body.Message);
        Assert.Contains("2000", body.Message);

        Assert.Equal(GuidelineProblemCode.TooLong, Single(c => c.Snippets[0].Title["en"] = new string('t', 201)).Code);
        Assert.Equal(GuidelineProblemCode.TooLong, Single(c => c.Snippets[0].Tags[0] = new string('t', 41)).Code);
    }

    [Theory]
    [InlineData("Share-Team")]
    [InlineData("share_team")]
    [InlineData("share--team")]
    [InlineData("-share")]
    [InlineData("partager-réussite")]
    public void Invalid_snippet_id(string id)
    {
        var problem = Single(c => c.Snippets[0].Id = id);

        Assert.Equal(GuidelineProblemCode.InvalidId, problem.Code);
        Assert.Equal("snippets[0].id", problem.Field);
        Assert.Contains(id, problem.Message);
    }

    [Fact]
    public void Invalid_category_id_and_placeholder_name()
    {
        var catalog = Catalog();
        catalog.Categories[1].Id = "Answering Criticism";
        catalog.Snippets[1].Category = "Answering Criticism";
        catalog.Snippets[2].Category = "Answering Criticism";
        var problems = GuidelineCatalogValidator.Validate(catalog);
        Assert.Contains(problems, p => p.Code == GuidelineProblemCode.InvalidId && p.Field == "categories[1].id");

        Assert.Equal(GuidelineProblemCode.InvalidId, Single(c => c.Placeholders.Add(new GuidelinePlaceholder { Name = "Company Name", Label = { ["fr"] = "a", ["en"] = "b" } })).Code);
    }

    [Fact]
    public void Header_problems()
    {
        Assert.Equal(GuidelineProblemCode.SchemaVersion, Single(c => c.SchemaVersion = 3).Code);
        Assert.Empty(GuidelineCatalogValidator.Validate(WithSchemaVersion(1)));
        Assert.Equal(GuidelineProblemCode.InvalidVersion, Single(c => c.CatalogVersion = "v2").Code);
        Assert.Equal(GuidelineProblemCode.MissingField, Single(c => c.CatalogVersion = "").Code);
        Assert.Equal(GuidelineProblemCode.InvalidLanguage, Single(c => c.DefaultLanguage = "de").Code);
    }

    [Fact]
    public void Tags_must_be_kebab_case_and_unique()
    {
        Assert.Equal(GuidelineProblemCode.InvalidTag, Single(c => c.Snippets[0].Tags[0] = "Team Spirit").Code);
        Assert.Equal(GuidelineProblemCode.InvalidTag, Single(c => c.Snippets[0].Tags[0] = "team").Code);
    }

    [Fact]
    public void Text_in_a_language_the_catalog_does_not_list_is_a_warning()
    {
        var problem = Single(c => c.Snippets[0].Title["de"] = "Teamerfolg teilen");

        Assert.Equal(GuidelineProblemCode.UnknownLanguage, problem.Code);
        Assert.Equal(GuidelineProblemSeverity.Warning, problem.Severity);
        Assert.Equal("de", problem.Language);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var catalog = Catalog();
        catalog.Snippets[0].Category = "nowhere";
        catalog.Snippets[1].Body["fr"] = "<script>x</script>";
        catalog.Snippets[2].Id = "share-team-success";

        var codes = GuidelineCatalogValidator.Validate(catalog).Select(p => p.Code).ToList();

        Assert.Equal(new[] { GuidelineProblemCode.UnknownCategory, GuidelineProblemCode.UnsafeHtml, GuidelineProblemCode.DuplicateId }, codes);
    }

    private static GuidelineCatalog WithBody(string body)
    {
        var catalog = Catalog();
        catalog.Snippets[0].Body["en"] = body;
        return catalog;
    }
}
