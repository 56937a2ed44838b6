using System;

namespace SocialToolkit.Core.Model
{
    public enum TrainingStatus
    {
        NotStarted,
        InProgress,
        Completed,
    }

    /// <summary>Reads the words learning systems, SharePoint lists and spreadsheets use for a training status.</summary>
    public static class TrainingStatusText
    {
        /// <summary>
        /// Recognises NotStarted/InProgress/Completed and their common synonyms ("Assigned", "Started", "Done"...),
        /// ignoring case, spaces and punctuation. Returns false for anything else.
        /// </summary>
        public static bool TryParse(string text, out TrainingStatus status)
        {
            var key = new System.Text.StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    key.Append(char.ToLowerInvariant(c));
                }
            }

            switch (key.ToString())
            {
                case "notstarted":
                case "assigned":
                case "todo":
                case "new":
                    status = TrainingStatus.NotStarted;
                    return true;
                case "inprogress":
                case "started":
                case "ongoing":
                    status = TrainingStatus.InProgress;
                    return true;
                case "completed":
                case "complete":
                case "done":
                case "passed":
                case "finished":
                    status = TrainingStatus.Completed;
                    return true;
                default:
                    status = TrainingStatus.NotStarted;
                    return false;
            }
        }
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
