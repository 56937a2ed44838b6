using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SocialToolkit.Core.Analytics.Privacy
{
    /// <summary>
    /// What a released figure measures, apart from whom: the report family (participation, training effect), the days and
    /// the networks counted, and any other setting that changes what each person contributes (a training window). Two
    /// figures of one frame differ only by their populations, so subtracting them gives a figure about the people in
    /// one and not the other; figures of different frames also differ by the cells each person contributes.
    /// </summary>
    public sealed class ReleaseFrame : IEquatable<ReleaseFrame>
    {
        public ReleaseFrame(string family, DateTime from, DateTime to, IEnumerable<string> networks, string settings = "")
        {
            Family = family;
            From = from.Date;
            To = to.Date;
            Networks = networks.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            Settings = settings;
            Key = string.Join("|", Family, Day(From), Day(To), string.Join(",", Networks), Settings);
        }

        /// <summary>The report family; figures of different families measure different things and are never compared.</summary>
        public string Family { get; }

        public DateTime From { get; }

        public DateTime To { get; }

        /// <summary>The networks counted, sorted.</summary>
        public IReadOnlyList<string> Networks { get; }

        /// <summary>Other settings that change the measure (e.g. "window=28"); compared as text.</summary>
        public string Settings { get; }

        /// <summary>One text for the whole frame: equal keys, equal frames.</summary>
        public string Key { get; }

        public bool SameNetworksAndSettings(ReleaseFrame other) => string.Equals(Settings, other.Settings, StringComparison.Ordinal)
            && Networks.SequenceEqual(other.Networks, StringComparer.OrdinalIgnoreCase);

        public bool Equals(ReleaseFrame? other) => other != null && string.Equals(Key, other.Key, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as ReleaseFrame);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

        public override string ToString() => Key;

        private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
