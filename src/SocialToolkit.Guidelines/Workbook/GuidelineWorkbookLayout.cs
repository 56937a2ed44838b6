using System;
using System.Text.RegularExpressions;

namespace SocialToolkit.Guidelines.Workbook
{
    /// <summary>
    /// The guidelines workbook that communication teams edit: sheet and column names are a contract with
    /// them (and with their scripts), so they live in one place.
    /// </summary>
    public static class GuidelineWorkbookLayout
    {
        public const string SnippetsSheet = "Snippets";
        public const string CategoriesSheet = "Categories";
        public const string PlaceholdersSheet = "Placeholders";
        public const string AboutSheet = "About";

        public const string IdColumn = "Id";
        public const string CategoryColumn = "Category";
        public const string TagsColumn = "Tags";
        public const string NameColumn = "Name";
        public const string ExampleColumn = "Example";
        public const string SettingColumn = "Setting";

        /// <summary>The About sheet's setting values, and the Placeholders sheet's organisation values.</summary>
        public const string ValueColumn = "Value";

        public const string CatalogVersionSetting = "Catalog version";
        public const string DefaultLanguageSetting = "Default language";
        public const string LanguagesSetting = "Languages";
        public const string SchemaVersionSetting = "Schema version";

        private static readonly Regex LocalizedHeader = new Regex(@"^\s*(Title|Body|Label)\s*\(\s*([A-Za-z-]+)\s*\)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static string Title(string language) => $"Title ({language})";

        public static string Body(string language) => $"Body ({language})";

        public static string Label(string language) => $"Label ({language})";

        /// <summary>Reads "Title (fr)" as ("Title", "fr"); null for other headers.</summary>
        public static Tuple<string, string>? ParseLocalized(string header)
        {
            var match = LocalizedHeader.Match(header);
            return match.Success ? Tuple.Create(match.Groups[1].Value.ToLowerInvariant(), match.Groups[2].Value.ToLowerInvariant()) : null;
        }

        /// <summary>Headers compare without case and extra spaces ("title (FR)" is "Title (fr)").</summary>
        public static string NormalizeHeader(string header) => Regex.Replace(header.Trim(), @"\s+", " ").Replace("( ", "(").Replace(" )", ")").ToLowerInvariant();
    }
}
