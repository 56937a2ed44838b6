using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SocialToolkit.Data.Store
{
    /// <summary>A report's activity scan split by person, so two connections can read halves of the table at once.</summary>
    public sealed partial class SocialStore
    {
        /// <summary>
        /// The stored rows between two days (inclusive) of the people whose id is between <paramref name="firstPersonId"/> and
        /// <paramref name="lastPersonId"/> (inclusive), optionally for some networks only. The table is ordered by person, so
        /// each range is a contiguous stretch of it.
        /// </summary>
        public IEnumerable<ActivityRow> StreamActivity(DateTime from, DateTime to, IReadOnlyCollection<string>? networks, long firstPersonId, long lastPersonId)
        {
            var filter = networks != null && networks.Count > 0;
            using var command = Command("SELECT person_id, network, " + DayNumber("day") + ", posts, replies, reactions, reads, shares FROM activity"
                + " WHERE person_id BETWEEN @first AND @last AND day BETWEEN @from AND @to"
                + (filter ? " AND network IN (" + string.Join(", ", networks!.Select((_, i) => "@n" + i.ToString(CultureInfo.InvariantCulture))) + ")" : string.Empty));
            command.Parameters.AddWithValue("@first", firstPersonId);
            command.Parameters.AddWithValue("@last", lastPersonId);
            command.Parameters.AddWithValue("@from", FormatDate(from));
            command.Parameters.AddWithValue("@to", FormatDate(to));
            if (filter)
            {
                var i = 0;
                foreach (var network in networks!)
                {
                    command.Parameters.AddWithValue("@n" + (i++).ToString(CultureInfo.InvariantCulture), network);
                }
            }

            var epoch = new DateTime(1970, 1, 1);
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var networkText = reader.GetString(1);
                if (!names.TryGetValue(networkText, out var network))
                {
                    names[networkText] = network = networkText;
                }

                yield return new ActivityRow(reader.GetInt64(0), network, epoch.AddDays(reader.GetInt64(2)), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7));
            }
        }
    }
}
