using System;
using System.Collections.Generic;

namespace SocialToolkit.Core.Model
{
    /// <summary>Networks the store knows. Graph reports feed VivaEngage and Teams; files feed the others.</summary>
    public static class SocialNetworks
    {
        public const string VivaEngage = "VivaEngage";
        public const string Teams = "Teams";
        public const string LinkedIn = "LinkedIn";
        public const string X = "X";
        public const string Facebook = "Facebook";
        public const string Instagram = "Instagram";
        public const string Other = "Other";

        public static readonly string[] All = { VivaEngage, Teams, LinkedIn, X, Facebook, Instagram, Other };

        /// <summary>Networks whose activity comes from an export file rather than a Graph report.</summary>
        public static readonly string[] External = { LinkedIn, X, Facebook, Instagram, Other };

        /// <summary>The organisation's own networks; the others are the external voice, reported apart.</summary>
        public static readonly string[] Internal = { VivaEngage, Teams };

        public static bool IsInternal(string network) => Array.Exists(Internal, n => string.Equals(n, network, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Counts a network's Microsoft 365 usage report carries (Viva Engage: posted, read, liked; Teams: post and reply
        /// messages); null for imported networks, whose exports vary.
        /// </summary>
        public static IReadOnlyCollection<string>? ReportedMetrics(string network) =>
            string.Equals(network, VivaEngage, StringComparison.OrdinalIgnoreCase) ? new[] { "Posts", "Reads", "Reactions" }
            : string.Equals(network, Teams, StringComparison.OrdinalIgnoreCase) ? new[] { "Posts", "Replies" }
            : (IReadOnlyCollection<string>?)null;
    }

    /// <summary>What one person did on one network on one day.</summary>
    public sealed class ActivityDay
    {
        public string UserPrincipalName { get; set; } = string.Empty;

        public DateTime Day { get; set; }

        public string Network { get; set; } = string.Empty;

        public int Posts { get; set; }

        public int Replies { get; set; }

        public int Reactions { get; set; }

        public int Reads { get; set; }

        public int Shares { get; set; }

        /// <summary>Where the row came from: GraphReport, File or Sample.</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>True when the person posted or replied (an "active contributor" day).</summary>
        public bool IsContribution => Posts + Replies > 0;

        /// <summary>True when the person did anything at all (an "engaged" day).</summary>
        public bool IsEngagement => Posts + Replies + Reactions + Reads + Shares > 0;
    }
}
