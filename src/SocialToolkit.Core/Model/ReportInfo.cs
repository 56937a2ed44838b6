using System;
using System.Collections.Generic;

namespace SocialToolkit.Core.Model
{
    /// <summary>A written report workbook: the file (like FileInfo) and the headline figures.</summary>
    public abstract class ReportInfo
    {
        public string FullName { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public long Length { get; set; }

        public DateTime LastWriteTime { get; set; }

        public IReadOnlyList<string> Sheets { get; set; } = Array.Empty<string>();

        public int MinimumGroupSize { get; set; }

        /// <summary>Rows whose figures are hidden to protect small groups.</summary>
        public int SuppressedGroups { get; set; }

        public bool IncludesIndividuals { get; set; }

        public override string ToString() => FullName;
    }

    public sealed class ParticipationReportInfo : ReportInfo
    {
        public DateTime From { get; set; }

        public DateTime To { get; set; }

        public string GroupBy { get; set; } = string.Empty;

        public IReadOnlyList<string> Networks { get; set; } = Array.Empty<string>();

        public int Headcount { get; set; }

        /// <summary>Null when the whole scope is below the minimum group size.</summary>
        public int? ActiveContributors { get; set; }

        public double? ParticipationRate { get; set; }
    }

    public sealed class TrainingEffectReportInfo : ReportInfo
    {
        public int WindowDays { get; set; }

        public IReadOnlyList<string> Courses { get; set; } = Array.Empty<string>();

        public int TrainedPeople { get; set; }

        public int ControlPeople { get; set; }

        /// <summary>Difference in differences in active days per week; null when it cannot be shown.</summary>
        public double? Effect { get; set; }

        public double? IntervalLow { get; set; }

        public double? IntervalHigh { get; set; }

        /// <summary>The Summary's one-sentence verdict.</summary>
        public string Verdict { get; set; } = string.Empty;

        /// <summary>passed, failed or not enough data, whatever the workbook's language, so scripts can test it.</summary>
        public string PreTrendCheck { get; set; } = string.Empty;
    }
}
