using System.Globalization;
using System.Text;

namespace SocialToolkit.Core.Guidelines
{
    /// <summary>How bad a catalog problem is: errors make the catalog unusable, warnings do not.</summary>
    public enum GuidelineProblemSeverity
    {
        Error,
        Warning,
    }

    /// <summary>What is wrong; stable names scripts can test for.</summary>
    public enum GuidelineProblemCode
    {
        /// <summary>The file's schemaVersion is not one this module reads.</summary>
        SchemaVersion,

        /// <summary>A required value is absent or empty (catalogVersion, languages, a snippet's category…).</summary>
        MissingField,

        /// <summary>A snippet or category id is not lowercase kebab-case, or a placeholder name is malformed.</summary>
        InvalidId,

        /// <summary>Two snippets, categories, placeholders or languages share an id.</summary>
        DuplicateId,

        /// <summary>A title, body or label is missing in one of the catalog's languages.</summary>
        MissingTranslation,

        /// <summary>A snippet names a category the catalog does not define.</summary>
        UnknownCategory,

        /// <summary>A body holds HTML outside the allow-list; sanitising it would change it.</summary>
        UnsafeHtml,

        /// <summary>A title or body uses a {{placeholder}} the catalog does not declare.</summary>
        UnknownPlaceholder,

        /// <summary>A body, title, tag or id is longer than allowed.</summary>
        TooLong,

        /// <summary>A language code is malformed, or the default language is not in the list.</summary>
        InvalidLanguage,

        /// <summary>A text is given in a language the catalog does not list (it is ignored).</summary>
        UnknownLanguage,

        /// <summary>A tag is not lowercase kebab-case, or repeats.</summary>
        InvalidTag,

        /// <summary>The catalog version does not read year.month.revision (e.g. 2026.11.1).</summary>
        InvalidVersion,

        /// <summary>A workbook is missing a sheet or a column, or a row cannot be read.</summary>
        InvalidWorkbook,

        /// <summary>A placeholder's organisation value is empty, too long, or holds a line break or a placeholder.</summary>
        InvalidPlaceholderValue,
    }

    /// <summary>
    /// One problem found in a guideline catalog, located in the JSON (<see cref="Field"/>) and, when the catalog
    /// comes from a workbook, in the sheet (<see cref="Sheet"/>, <see cref="Row"/>, <see cref="Column"/>).
    /// </summary>
    public sealed class GuidelineCatalogProblem
    {
        public GuidelineProblemSeverity Severity { get; set; } = GuidelineProblemSeverity.Error;

        public GuidelineProblemCode Code { get; set; }

        /// <summary>The snippet concerned, when the problem is about a snippet.</summary>
        public string? SnippetId { get; set; }

        /// <summary>The language concerned, when the problem is about one text.</summary>
        public string? Language { get; set; }

        /// <summary>Where in the catalog, as a JSON path such as <c>snippets[3].body.en</c>.</summary>
        public string? Field { get; set; }

        /// <summary>What is wrong, without the location.</summary>
        public string Message { get; set; } = string.Empty;

        /// <summary>The file the catalog was read from.</summary>
        public string? Source { get; set; }

        public string? Sheet { get; set; }

        /// <summary>The worksheet row (1 is the header row).</summary>
        public int? Row { get; set; }

        /// <summary>The column's header, e.g. <c>Body (en)</c>.</summary>
        public string? Column { get; set; }

        /// <summary>Where the problem is, readable: "guidelines.xlsx, sheet Snippets, row 7, column Body (en)" or "guidelines.json, snippets[3].body.en".</summary>
        public string Location
        {
            get
            {
                var text = new StringBuilder();
                void Add(string part)
                {
                    if (text.Length > 0)
                    {
                        text.Append(", ");
                    }

                    text.Append(part);
                }

                if (!string.IsNullOrEmpty(Source))
                {
                    Add(System.IO.Path.GetFileName(Source));
                }

                if (Sheet != null)
                {
                    Add("sheet " + Sheet);
                    if (Row != null)
                    {
                        Add("row " + Row.Value.ToString(CultureInfo.InvariantCulture));
                    }

                    if (Column != null)
                    {
                        Add("column " + Column);
                    }
                }
                else if (!string.IsNullOrEmpty(Field))
                {
                    Add(Field!);
                }

                return text.ToString();
            }
        }

        public override string ToString()
        {
            var location = Location;
            return location.Length == 0 ? Message : location + ": " + Message;
        }
    }
}
