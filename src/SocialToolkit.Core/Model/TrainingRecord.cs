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
        /// Recognises NotStarted/InProgress/Completed and their common English and French synonyms ("Assigned",
        /// "Started", "Done", "Terminé", "Réussi", "En cours", "Non commencé", "Abandonné" (started, not completed)...),
        /// ignoring case, spaces and punctuation. Returns false for anything else.
        /// </summary>
        public static bool TryParse(string text, out TrainingStatus status)
        {
            var key = new System.Text.StringBuilder(text.Length);

            // "é" typed as e + combining accent (macOS file names, some exports) reads as the single letter.
            foreach (var c in text.Normalize(System.Text.NormalizationForm.FormC))
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
                case "noncommencé":
                case "noncommence":
                case "nondémarré":
                case "nondemarre":
                case "àfaire":
                case "afaire":
                case "assigné":
                case "assigne":
                case "inscrit":
                case "nouveau":
                    status = TrainingStatus.NotStarted;
                    return true;
                case "inprogress":
                case "started":
                case "ongoing":
                case "encours":
                case "commencé":
                case "commence":
                case "démarré":
                case "demarre":
                // Given up before the end: started, never completed.
                case "abandoned":
                case "abandonné":
                case "abandonne":
                case "withdrawn":
                    status = TrainingStatus.InProgress;
                    return true;
                case "completed":
                case "complete":
                case "done":
                case "passed":
                case "finished":
                case "terminé":
                case "termine":
                case "réussi":
                case "reussi":
                case "achevé":
                case "acheve":
                case "complété":
                case "validé":
                case "fini":
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
