using System;

namespace SocialToolkit.Core.Model
{
    /// <summary>
    /// One person's row of a Microsoft 365 usage report (Viva Engage or Teams user activity), for one day
    /// (a -Date report) or summed over a period (D7, D30, D90, D180).
    /// </summary>
    public sealed class ReportedActivity
    {
        public string UserPrincipalName { get; set; } = string.Empty;

        /// <summary>The display name (Viva Engage reports only; Teams reports carry none).</summary>
        public string? DisplayName { get; set; }

        /// <summary>The directory object id (Teams reports only).</summary>
        public string? UserId { get; set; }

        /// <summary>VivaEngage or Teams.</summary>
        public string Network { get; set; } = string.Empty;

        /// <summary>The day the figures are about, for a report asked with -Date; null for a period report.</summary>
        public DateTime? Day { get; set; }

        /// <summary>The number of days the figures cover (1 for a -Date report).</summary>
        public int ReportPeriodDays { get; set; }

        /// <summary>The newest day the report's data includes.</summary>
        public DateTime? ReportRefreshDate { get; set; }

        public DateTime? LastActivityDate { get; set; }

        /// <summary>Viva Engage: Posted Count. Teams: Post Messages (channel posts).</summary>
        public int Posts { get; set; }

        /// <summary>Teams: Reply Messages. Viva Engage counts replies in Posted Count.</summary>
        public int Replies { get; set; }

        /// <summary>Viva Engage: Liked Count.</summary>
        public int Reactions { get; set; }

        /// <summary>Viva Engage: Read Count.</summary>
        public int Reads { get; set; }

        public int Shares { get; set; }

        /// <summary>Teams: Team Chat Message Count + Private Chat Message Count (not counted as social participation).</summary>
        public int ChatMessages { get; set; }

        /// <summary>Teams: Call Count.</summary>
        public int Calls { get; set; }

        /// <summary>Teams: Meeting Count.</summary>
        public int Meetings { get; set; }

        /// <summary>Teams: Is Deleted; Viva Engage: User State is "Deleted".</summary>
        public bool IsDeleted { get; set; }

        /// <summary>The figures as a stored activity day of <paramref name="day"/>.</summary>
        public ActivityDay ToActivityDay(DateTime day) => new ActivityDay
        {
            UserPrincipalName = UserPrincipalName,
            Day = day.Date,
            Network = Network,
            Posts = Posts,
            Replies = Replies,
            Reactions = Reactions,
            Reads = Reads,
            Shares = Shares,
            Source = "GraphReport",
        };

        public override string ToString() => UserPrincipalName;
    }
}
