using SocialToolkit.Reports.Labels;

namespace SocialToolkit.Reports
{
    /// <summary>
    /// What both reports are asked: where to write, which store to read, the privacy switches and the language. Built once
    /// by the cmdlet (or a caller), it is the only copy of each value on its way to the sheets.
    /// </summary>
    public abstract class ReportRequest
    {
        public const int DefaultMinimumGroupSize = 5;

        public const int MaximumGroupSize = 1000;

        public string Path { get; set; } = string.Empty;

        public string StorePath { get; set; } = string.Empty;

        public int MinimumGroupSize { get; set; } = DefaultMinimumGroupSize;

        public bool IncludeIndividuals { get; set; }

        public bool IncludeNames { get; set; }

        /// <summary>With individuals under pseudonyms: the store's pseudonym key instead of one for this workbook only, so rows join across workbooks.</summary>
        public bool LinkPseudonyms { get; set; }

        public ReportLanguage Language { get; set; } = ReportLanguage.En;

        public bool Force { get; set; }
    }
}
