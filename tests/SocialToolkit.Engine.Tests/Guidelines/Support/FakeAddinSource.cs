using System.Text;
using Xunit;

namespace SocialToolkit.Tests.Guidelines;

/// <summary>Test catalogs shipped with the tests (Guidelines/Fixtures, copied next to the test assembly).</summary>
public static class GuidelineFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Guidelines", "Fixtures");

    /// <summary>A small valid catalog: fr + en, two categories, three snippets, two placeholders, values Excel would mistype.</summary>
    public static string Catalog => Path.Combine(Folder, "catalog.json");

    public static string CatalogText => File.ReadAllText(Catalog, Encoding.UTF8);
}

/// <summary>The add-in as it is in the repository (addin/), which may not be there yet in every checkout.</summary>
public static class RepositoryAddin
{
    public static string Folder { get; } = Path.Combine(FindRoot(), "addin");

    public static string Catalog => Path.Combine(Folder, "catalog", "guidelines.json");

    public static bool Exists => File.Exists(Catalog) && Directory.Exists(Path.Combine(Folder, "src")) && File.Exists(Path.Combine(Folder, "manifest", "manifest.xml"));

    public const string MissingReason = "The repository's add-in (addin/catalog/guidelines.json, addin/src, addin/manifest) is not in this checkout yet.";

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "SocialToolkit.psd1")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}

/// <summary>A fact that needs the repository's real add-in; skipped, saying why, until it is there.</summary>
public sealed class RealAddinFactAttribute : FactAttribute
{
    public RealAddinFactAttribute()
    {
        if (!RepositoryAddin.Exists)
        {
            Skip = RepositoryAddin.MissingReason;
        }
    }
}

/// <summary>
/// A minimal add-in source with the real one's shape: src/ (pane, scripts, vendor, icons), manifest/ (XML and
/// JSON manifests with the development address, the JSON manifest's English strings), catalog/ (catalog, schema).
/// </summary>
public static class FakeAddinSource
{
    public const string DevelopmentUrl = "https://localhost:3000";

    public static string Create(string folder, string? catalogPath = null)
    {
        void Write(string relative, string content)
        {
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, new UTF8Encoding(false));
        }

        Write("src/taskpane.html", """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
              <meta charset="utf-8">
              <meta name="socialtoolkit-catalog" content="../catalog/guidelines.json">
              <link rel="stylesheet" href="taskpane.css">
              <script src="vendor/purify.min.js"></script>
              <script src="guidelines-logic.js"></script>
              <script src="taskpane.js"></script>
            </head>
            <body><main id="results"></main></body>
            </html>
            """);
        Write("src/taskpane.css", "body { font-family: 'Segoe UI', sans-serif; }\n");
        Write("src/taskpane.js", "Office.onReady(function () { /* wires the page */ });\n");
        Write("src/guidelines-logic.js", "var url = new URL(\"../catalog/guidelines.json\", location.href);\n");
        Write("src/support.html", "<!DOCTYPE html><html><body><h1 id=\"privacy\">Privacy</h1></body></html>\n");
        Write("src/vendor/purify.min.js", "/*! DOMPurify stand-in */\n");
        foreach (var size in new[] { 16, 32, 64, 80, 128 })
        {
            var icon = Path.Combine(folder, "src", "assets", $"icon-{size}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(icon)!);
            File.WriteAllBytes(icon, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, (byte)size });
        }

        File.WriteAllBytes(Path.Combine(folder, "src", "assets", "outline-32.png"), new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        File.WriteAllBytes(Path.Combine(folder, "src", "assets", "color-192.png"), new byte[] { 0x89, 0x50, 0x4E, 0x47 });

        Write("manifest/manifest.xml", $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xsi:type="MailApp">
              <Id>33d687c7-69e8-4c65-bdfc-31f29469b43b</Id>
              <Version>1.0.0.0</Version>
              <ProviderName>SocialToolkit</ProviderName>
              <DefaultLocale>fr-FR</DefaultLocale>
              <DisplayName DefaultValue="Conseils réseaux sociaux"/>
              <Description DefaultValue="Conseils pour publier."/>
              <IconUrl DefaultValue="{{DevelopmentUrl}}/src/assets/icon-64.png"/>
              <HighResolutionIconUrl DefaultValue="{{DevelopmentUrl}}/src/assets/icon-128.png"/>
              <SupportUrl DefaultValue="{{DevelopmentUrl}}/src/support.html"/>
              <AppDomains>
                <AppDomain>{{DevelopmentUrl}}</AppDomain>
              </AppDomains>
              <FormSettings>
                <Form xsi:type="ItemEdit">
                  <DesktopSettings>
                    <SourceLocation DefaultValue="{{DevelopmentUrl}}/src/taskpane.html"/>
                  </DesktopSettings>
                </Form>
              </FormSettings>
              <Permissions>ReadWriteItem</Permissions>
              <Resources>
                <bt:Images>
                  <bt:Image id="Icon.16x16" DefaultValue="{{DevelopmentUrl}}/src/assets/icon-16.png"/>
                  <bt:Image id="Icon.32x32" DefaultValue="{{DevelopmentUrl}}/src/assets/icon-32.png"/>
                </bt:Images>
                <bt:Urls>
                  <bt:Url id="Taskpane.Url" DefaultValue="{{DevelopmentUrl}}/src/taskpane.html"/>
                </bt:Urls>
              </Resources>
            </OfficeApp>
            """);
        Write("manifest/manifest.json", $$"""
            {
              "manifestVersion": "1.17",
              "id": "33d687c7-69e8-4c65-bdfc-31f29469b43b",
              "localizationInfo": { "defaultLanguageTag": "fr-fr", "additionalLanguages": [ { "languageTag": "en-us", "file": "en-us.json" } ] },
              "developer": { "name": "SocialToolkit", "websiteUrl": "{{DevelopmentUrl}}/src/support.html", "privacyUrl": "{{DevelopmentUrl}}/src/support.html#privacy" },
              "icons": { "outline": "assets/outline-32.png", "color": "assets/color-192.png" },
              "validDomains": [ "{{DevelopmentUrl}}" ],
              "extensions": [ { "runtimes": [ { "id": "TaskPaneRuntime", "code": { "page": "{{DevelopmentUrl}}/src/taskpane.html" } } ],
                "ribbons": [ { "tabs": [ { "groups": [ { "icons": [ { "size": 16, "url": "{{DevelopmentUrl}}/src/assets/icon-16.png" } ] } ] } ] } ] }
              ]
            }
            """);
        Write("manifest/en-us.json", """{ "name.short": "Social media tips" }""" + "\n");

        Directory.CreateDirectory(Path.Combine(folder, "catalog"));
        File.Copy(catalogPath ?? GuidelineFixtures.Catalog, Path.Combine(folder, "catalog", "guidelines.json"), overwrite: true);
        Write("catalog/guidelines.schema.json", """{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object" }""" + "\n");
        return folder;
    }
}
