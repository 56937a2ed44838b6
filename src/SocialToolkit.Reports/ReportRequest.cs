namespace SocialToolkit.Reports
{
    /// <summary>What both reports are asked: where to write, which store to read, and the privacy switches.</summary>
    public abstract class ReportRequest
    {
        public string Path { get; set; } = string.Empty;

        public string StorePath { get; set; } = string.Empty;

        public int MinimumGroupSize { get; set; } = 5;

        public bool IncludeIndividuals { get; set; }

        public bool IncludeNames { get; set; }

        public bool Force { get; set; }
    }
}
