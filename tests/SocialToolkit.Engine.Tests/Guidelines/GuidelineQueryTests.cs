using SocialToolkit.Core.Operations;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.Guidelines.Html;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.Engine.Tests.Guidelines;

public sealed class GuidelineQueryTests
{
    private static GuidelineCatalog Catalog() => GuidelineCatalogFile.Load(GuidelineFixtures.Catalog);

    private static List<string> Find(GuidelineFilter filter) =>
        GuidelineQuery.Find(Catalog(), filter, "catalog.json").Select(g => g.Id + "/" + g.Language).ToList();

    [Fact]
    public void Flatten_gives_one_object_per_snippet_and_language()
    {
        var all = GuidelineQuery.Flatten(Catalog()).ToList();

        Assert.Equal(6, all.Count);
        var success = all.Single(g => g.Id == "share-team-success" && g.Language == "en");
        Assert.Equal("what-to-publish", success.Category);
        Assert.Equal("What to publish", success.CategoryTitle);
        Assert.Equal("Share a team success", success.Title);
        Assert.Equal("<p>Tell what <strong>the team</strong> did at {{company}} and share it with your network.</p>", success.Body);
        Assert.Equal("Tell what the team did at {{company}} and share it with your network.", success.Text);
        Assert.Equal(new[] { "success", "team" }, success.Tags);
        Assert.Equal(new[] { "company" }, success.Placeholders);
        Assert.Equal("2026.11.1", success.CatalogVersion);
        Assert.Equal("Quoi publier", all.Single(g => g.Id == "share-team-success" && g.Language == "fr").CategoryTitle);
    }

    [Theory]
    [InlineData("reseau")]
    [InlineData("RÉSEAU")]
    [InlineData("Réseau")]
    [InlineData("  réseau  ")]
    public void Search_ignores_accents_case_and_spaces(string search)
    {
        Assert.Equal(new[] { "share-team-success/fr" }, Find(new GuidelineFilter { Search = search }));
    }

    [Fact]
    public void Search_finds_accented_text_from_unaccented_words_and_the_other_way()
    {
        Assert.Equal(new[] { "ask-the-communications-team/fr" }, Find(new GuidelineFilter { Search = "ecrivez equipe" }));
        Assert.Equal(new[] { "share-team-success/fr" }, Find(new GuidelineFilter { Search = "succès équipe" }));
    }

    [Fact]
    public void Search_needs_every_word_and_looks_at_title_text_and_tags_but_not_markup()
    {
        Assert.Empty(Find(new GuidelineFilter { Search = "réseau criticism" }));
        Assert.Equal(new[] { "00123/fr", "00123/en" }, Find(new GuidelineFilter { Search = "criticism" }));
        Assert.Equal(new[] { "00123/en" }, Find(new GuidelineFilter { Search = "keep calm" }));
        Assert.Empty(Find(new GuidelineFilter { Search = "strong" }));
        Assert.Empty(Find(new GuidelineFilter { Search = "href" }));
    }

    [Fact]
    public void Filters_by_language_category_and_id_with_wildcards()
    {
        Assert.Equal(new[] { "share-team-success/en", "00123/en", "ask-the-communications-team/en" }, Find(new GuidelineFilter { Languages = new[] { "EN" } }));
        Assert.Equal(new[] { "00123/fr", "ask-the-communications-team/fr" }, Find(new GuidelineFilter { Languages = new[] { "fr" }, Categories = new[] { "answering-criticism" } }));
        Assert.Equal(new[] { "ask-the-communications-team/fr", "ask-the-communications-team/en" }, Find(new GuidelineFilter { Ids = new[] { "ask-*" } }));
        Assert.Equal(new[] { "00123/en" }, Find(new GuidelineFilter { Ids = new[] { "00123" }, Languages = new[] { "en" } }));
    }

    [Fact]
    public void Unknown_language_or_category_is_an_error_listing_what_the_catalog_has()
    {
        var language = Assert.Throws<SocialToolkitException>(() => Find(new GuidelineFilter { Languages = new[] { "de" } }));
        Assert.Equal("GuidelineLanguageNotFound", language.ErrorId);
        Assert.Contains("'de'", language.Message);
        Assert.Contains("fr, en", language.Message);

        var category = Assert.Throws<SocialToolkitException>(() => Find(new GuidelineFilter { Categories = new[] { "what-to-post" } }));
        Assert.Equal("GuidelineCategoryNotFound", category.ErrorId);
        Assert.Contains("what-to-publish, answering-criticism", category.Message);
    }

    [Fact]
    public void Plain_text_keeps_paragraphs_lists_and_link_addresses()
    {
        Assert.Equal("Avant de répondre :\n\n- respirez ;\n- relisez-vous.", SnippetHtml.ToText("<p>Avant de répondre :</p>\n<ul><li>respirez ;</li><li>relisez-vous.</li></ul>"));
        Assert.Equal("One\n\n1. a\n2. b", SnippetHtml.ToText("<p>One</p><ol><li>a</li><li>b</li></ol>"));
        Assert.Equal(
            "Write to the team (team@contoso.com) or read https://contoso.com/policy.\nBye & thanks",
            SnippetHtml.ToText("<p>Write to <a href=\"mailto:team@contoso.com\">the team</a> or read <a href=\"https://contoso.com/policy\">https://contoso.com/policy</a>.<br>Bye &amp; thanks</p>"));
    }

    [Fact]
    public void Missing_translation_falls_back_to_the_default_language()
    {
        var catalog = Catalog();
        catalog.Snippets[0].Title.Remove("en");

        var english = GuidelineQuery.Flatten(catalog).First(g => g.Language == "en");

        Assert.Equal("Partager un succès d'équipe", english.Title);
    }
}
