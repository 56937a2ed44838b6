using System;
using System.Collections.Generic;

namespace SocialToolkit.Data.Store
{
    /// <summary>The training-effect report's read query.</summary>
    public sealed partial class SocialStore
    {
        /// <summary>
        /// Days with at least one post or reply, per person and network, with that day's posts (no particular order). The
        /// day comes back as a day number, so no text is parsed per row.
        /// </summary>
        public IEnumerable<(long PersonId, string Network, DateTime Day, int Posts)> StreamContributionsByNetwork(DateTime from, DateTime to)
        {
            using var command = Command("SELECT person_id, network, " + DayNumber("day") + ", posts FROM activity" + ScanHint(from, to) + " WHERE day BETWEEN @from AND @to AND posts + replies > 0");
            command.Parameters.AddWithValue("@from", FormatDate(from));
            command.Parameters.AddWithValue("@to", FormatDate(to));
            var epoch = new DateTime(1970, 1, 1);
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var text = reader.GetString(1);
                if (!names.TryGetValue(text, out var network))
                {
                    names[text] = network = text;
                }

                yield return (reader.GetInt64(0), network, epoch.AddDays(reader.GetInt64(2)), reader.GetInt32(3));
            }
        }
    }
}
