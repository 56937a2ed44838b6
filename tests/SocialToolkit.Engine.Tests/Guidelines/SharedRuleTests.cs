using System.Text.Json;
using System.Text.Json.Nodes;
using SocialToolkit.Guidelines.Catalog;
using SocialToolkit.Guidelines.Html;
using SocialToolkit.Tests.Guidelines;
using Xunit;

namespace SocialToolkit.Engine.Tests.Guidelines;

/// <summary>
/// The module against the lists the add-in's own tests use (addin/test/fixtures): the same HTML bodies and the
/// same catalogs must get the same verdict here (HtmlSanitizer, Test-SocialGuidelineCatalog's validator) as in
/// the add-in's checker and in the pane's DOMPurify.
/// </summary>
public sealed class SharedRuleTests
{
    private static string Fixture(string name) => Path.Combine(RepositoryAddin.Folder, "test", "fixtures", name);

    public static TheoryData<string, bool> HtmlCases()
    {
        var data = new TheoryData<string, bool>();
        if (!File.Exists(Fixture("snippet-html-cases.json")))
        {
            return data;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(Fixture("snippet-html-cases.json")));
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(item.GetProperty("html").GetString()!, item.GetProperty("allowed").GetBoolean());
        }

        return data;
    }

    [RealAddinFact]
    public void The_embedded_rule_is_the_add_in_file()
    {
        using var file = File.OpenRead(Path.Combine(RepositoryAddin.Folder, "src", "snippet-html.json"));
        var rules = SnippetHtmlRules.Parse(file);

        Assert.Equal(rules.Elements.Keys.OrderBy(k => k), SnippetHtmlRules.Current.Elements.Keys.OrderBy(k => k));
        Assert.Contains("b", SnippetHtmlRules.Current.Elements.Keys);
        Assert.Contains("i", SnippetHtmlRules.Current.Elements.Keys);
        Assert.Equal(new[] { "href" }, SnippetHtmlRules.Current.Elements["a"]);
    }

    [RealAddinFact]
    public void The_shared_list_holds_at_least_28_hostile_bodies()
    {
        Assert.True(HtmlCases().Count(c => !(bool)c[1]) >= 28);
    }

    [Theory]
    [MemberData(nameof(HtmlCases))]
    public void Sanitiser_and_validator_give_each_shared_body_its_verdict(string html, bool allowed)
    {
        var sanitized = SnippetHtml.Sanitize(html, out var removed);
        var catalog = GuidelineCatalogFile.Load(GuidelineFixtures.Catalog);
        catalog.Snippets[0].Body["en"] = html;
        var problems = GuidelineCatalogValidator.Validate(catalog).Where(p => p.Code == SocialToolkit.Core.Guidelines.GuidelineProblemCode.UnsafeHtml).ToList();

        Assert.Equal(allowed, removed.Count == 0);
        Assert.Equal(allowed, problems.Count == 0);
        if (!allowed)
        {
            Assert.NotEqual(html, sanitized);
            Assert.DoesNotContain("javascript", sanitized, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("evil.example", sanitized);
            Assert.DoesNotContain("<script", sanitized, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static TheoryData<string> CatalogCases()
    {
        var data = new TheoryData<string>();
        if (File.Exists(Fixture("catalog-cases.json")))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Fixture("catalog-cases.json")));
            foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(item.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogCases))]
    public void Validator_gives_each_shared_catalog_its_verdict(string name)
    {
        var cases = JsonNode.Parse(File.ReadAllText(Fixture("catalog-cases.json")))!["cases"]!.AsArray();
        var @case = cases.Single(c => (string)c!["name"]! == name)!;
        var catalog = JsonNode.Parse(File.ReadAllText(RepositoryAddin.Catalog))!;
        foreach (var edit in @case["set"]!.AsArray())
        {
            var path = edit![0]!.AsArray().Select(p => p!).ToList();
            var parent = path.Take(path.Count - 1).Aggregate(catalog, Step);
            var value = edit[1]?.DeepClone();
            if (value is JsonValue text && text.TryGetValue<string>(out var reference) && reference.StartsWith('@'))
            {
                value = reference.Substring(1).Split('.').Select(k => int.TryParse(k, out var i) ? (JsonNode)i : k).Aggregate(catalog, Step).DeepClone();
            }

            var last = path[^1];
            if (parent is JsonArray array)
            {
                array[(int)last] = value;
            }
            else if (value == null)
            {
                parent.AsObject().Remove((string)last!);
            }
            else
            {
                parent[(string)last!] = value;
            }
        }

        var parsed = GuidelineCatalogFile.Parse(System.Text.Encoding.UTF8.GetBytes(catalog.ToJsonString()), name);
        var errors = GuidelineCatalogValidator.Validate(parsed).Where(p => p.Severity == SocialToolkit.Core.Guidelines.GuidelineProblemSeverity.Error).ToList();

        Assert.True((bool)@case["valid"]! == (errors.Count == 0), $"{name}: {string.Join("; ", errors.Select(e => e.Message))}");
    }

    private static JsonNode Step(JsonNode node, JsonNode key) =>
        key.GetValueKind() == JsonValueKind.Number ? node[(int)key]! : node[(string)key!]!;
}
