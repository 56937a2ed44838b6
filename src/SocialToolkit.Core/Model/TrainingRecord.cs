using System;

namespace SocialToolkit.Core.Model
{
    public enum TrainingStatus
    {
        NotStarted,
        InProgress,
        Completed,
    }

    /// <summary>One person's progress in one course, from Viva Learning, a SharePoint list or a file.</summary>
    public sealed class TrainingRecord
    {
        public string UserPrincipalName { get; set; } = string.Empty;

        public string CourseId { get; set; } = string.Empty;

        public string CourseTitle { get; set; } = string.Empty;

        /// <summary>The learning provider or organiser (e.g. "LinkedIn Learning", "Internal").</summary>
        public string? Provider { get; set; }

        public TrainingStatus Status { get; set; }

        public DateTime? AssignedDate { get; set; }

        public DateTime? CompletedDate { get; set; }

        public int? CompletionPercentage { get; set; }

        /// <summary>Where the record came from: VivaLearning, SharePointList, File or Sample.</summary>
        public string Source { get; set; } = string.Empty;
    }
}
