using System.Text;
using System.Text.Json.Nodes;
using SocialToolkit.Core.Operations;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.Engine.Tests.Guidelines;

public sealed class CatalogFileTests
{
    [Fact]
    public void Fixture_loads_with_every_part_of_the_contract()
    {
        var catalog = GuidelineCatalogFile.Load(GuidelineFixtures.Catalog);

        Assert.Equal("./guidelines.schema.json", catalog.Schema);
        Assert.Equal(1, catalog.SchemaVersion);
        Assert.Equal("2026.11.1", catalog.CatalogVersion);
        Assert.Equal("fr", catalog.DefaultLanguage);
        Assert.Equal(new[] { "fr", "en" }, catalog.Languages);
        Assert.Equal(new[] { "company", "switchboard" }, catalog.Placeholders.Select(p => p.Name));
        Assert.Equal("Company name", catalog.Placeholders[0].Label["en"]);
        Assert.Equal("+33 1 23 45 67 89", catalog.Placeholders[1].Example);
        Assert.Equal(new[] { "what-to-publish", "answering-criticism" }, catalog.Categories.Select(c => c.Id));
        Assert.Equal(new[] { "share-team-success", "00123", "ask-the-communications-team" }, catalog.Snippets.Select(s => s.Id));
        Assert.Equal(new[] { "success", "team" }, catalog.Snippets[0].Tags);
        Assert.StartsWith("<p>Racontez", catalog.Snippets[0].Body["fr"]);
    }

    [Fact]
    public void Serialized_catalog_is_the_same_JSON_and_keeps_accents_and_HTML_readable()
    {
        var catalog = GuidelineCatalogFile.Load(GuidelineFixtures.Catalog);

        var text = Encoding.UTF8.GetString(GuidelineCatalogFile.Serialize(catalog));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GuidelineFixtures.CatalogText), JsonNode.Parse(text)));
        Assert.Contains("Partager un succès d'équipe", text);
        Assert.Contains("<p>Tell what <strong>the team</strong>", text);
        Assert.StartsWith("{\n  \"$schema\": \"./guidelines.schema.json\",\n  \"schemaVersion\": 1,", text);
    }

    [Fact]
    public void Missing_file_is_a_not_found_error_naming_the_file()
    {
        using var temp = new TempDirectory();
        var path = temp.File("absent.json");

        var error = Assert.Throws<SocialToolkitException>(() => GuidelineCatalogFile.Load(path));

        Assert.Equal("GuidelineCatalogNotFound", error.ErrorId);
        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void JSON_syntax_error_names_the_file_line_and_position()
    {
        using var temp = new TempDirectory();
        var path = temp.File("broken.json");
        File.WriteAllText(path, "{\n  \"schemaVersion\": 1,\n  \"catalogVersion\": \"2026.11.1\"\n  \"languages\": []\n}\n");

        var error = Assert.Throws<SocialToolkitException>(() => GuidelineCatalogFile.Load(path));

        Assert.Equal("GuidelineCatalogInvalid", error.ErrorId);
        Assert.Equal(FailureKind.InvalidData, error.Kind);
        Assert.Contains(path, error.Message);
        Assert.Contains("line 4", error.Message);
        Assert.Contains("position 3", error.Message);
    }

    [Fact]
    public void Wrong_value_type_names_the_JSON_path()
    {
        using var temp = new TempDirectory();
        var path = temp.File("typed.json");
        File.WriteAllText(path, GuidelineFixtures.CatalogText.Replace("\"tags\": [\"success\", \"team\"]", "\"tags\": \"success\""));

        var error = Assert.Throws<SocialToolkitException>(() => GuidelineCatalogFile.Load(path));

        Assert.Contains("$.snippets[0].tags", error.Message);
        Assert.Contains("line 19", error.Message);
    }

    [Fact]
    public void Save_refuses_to_replace_a_file_without_overwrite_and_leaves_no_temporary_file()
    {
        using var temp = new TempDirectory();
        var path = temp.File("catalog.json");
        File.WriteAllText(path, "keep me");
        var catalog = GuidelineCatalogFile.Load(GuidelineFixtures.Catalog);

        var error = Assert.Throws<SocialToolkitException>(() => GuidelineCatalogFile.Save(catalog, path, overwrite: false));
        Assert.Equal("OutputFileExists", error.ErrorId);
        Assert.Equal("keep me", File.ReadAllText(path));

        GuidelineCatalogFile.Save(catalog, path, overwrite: true);
        Assert.Equal("2026.11.1", GuidelineCatalogFile.Load(path).CatalogVersion);
        Assert.Equal(new[] { "catalog.json" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }
}
