using System;
using System.Globalization;
using SocialToolkit.Core.Store;

namespace SocialToolkit.Core.Model
{
    /// <summary>The languages a report can be written in.</summary>
    public enum ReportLanguage
    {
        En,
        Fr,
    }

    /// <summary>
    /// What every report is asked: where to write, which store to read, the privacy switches and the language. Built once
    /// by the cmdlet (or a caller), it is the only copy of each value on its way to the sheets. It lives in Core because the
    /// cmdlets fill it on PowerShell's side of the module's isolation boundary.
    /// </summary>
    public abstract class ReportRequest
    {
        public const int DefaultMinimumGroupSize = 5;

        public const int MaximumGroupSize = 1000;

        public string Path { get; set; } = string.Empty;

        /// <summary>The store file or server.</summary>
        public StoreLocation StorePath { get; set; } = StorePaths.Default();

        public int MinimumGroupSize { get; set; } = DefaultMinimumGroupSize;

        public bool IncludeIndividuals { get; set; }

        public bool IncludeNames { get; set; }

        /// <summary>With individuals under pseudonyms: the store's pseudonym key instead of one for this workbook only, so rows join across workbooks.</summary>
        public bool LinkPseudonyms { get; set; }

        public ReportLanguage Language { get; set; } = ReportLanguage.En;

        public bool Force { get; set; }

        /// <summary>The language of a culture: French for any French culture, English otherwise.</summary>
        public static ReportLanguage LanguageOf(CultureInfo culture) =>
            string.Equals(culture.TwoLetterISOLanguageName, "fr", StringComparison.OrdinalIgnoreCase) ? ReportLanguage.Fr : ReportLanguage.En;
    }
}
