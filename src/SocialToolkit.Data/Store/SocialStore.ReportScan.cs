using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SocialToolkit.Data.Store
{
    /// <summary>
    /// One stored activity row as numbers only: the network as its position in the list the scan was given and the day as
    /// days since the scan's first day, so a report reads no text per row.
    /// </summary>
    public readonly struct NumberedActivityRow
    {
        public NumberedActivityRow(long personId, int network, int day, int posts, int replies, int reactions, int reads, int shares)
        {
            PersonId = personId;
            Network = network;
            Day = day;
            Posts = posts;
            Replies = replies;
            Reactions = reactions;
            Reads = reads;
            Shares = shares;
        }

        public long PersonId { get; }

        /// <summary>Position of the row's network in the list given to <see cref="SocialStore.ScanActivity"/>.</summary>
        public int Network { get; }

        /// <summary>Days since the scan's first day (0 for that day).</summary>
        public int Day { get; }

        public int Posts { get; }

        public int Replies { get; }

        public int Reactions { get; }

        public int Reads { get; }

        public int Shares { get; }
    }

    /// <summary>A report's activity scan split by person, so two connections can read halves of the table at once.</summary>
    public sealed partial class SocialStore
    {
        /// <summary>Bits per count in the packed counts column: counts from 0 to 4,095 travel packed, others one column each.</summary>
        private const int CountBits = 12;

        /// <summary>Networks are told apart from days in the key column by this factor (days since the first day stay below it).</summary>
        private const long DaysPerNetwork = 1 << 24;

        /// <summary>
        /// The stored rows between two days (inclusive) of the people whose id is between <paramref name="firstPersonId"/> and
        /// <paramref name="lastPersonId"/> (inclusive), for the networks in <paramref name="networks"/> (matched without regard
        /// to case; rows of other networks are left out). The table is ordered by person, so each range is a contiguous
        /// stretch of it.
        /// </summary>
        /// <remarks>
        /// Each value read from a row crosses from .NET into SQLite and back (about 0.1 µs, more than SQLite's own work per
        /// value), and a text value costs a new string besides: over a million rows, eight values with the network's name
        /// took 2.6 s where three numbers take 1.1 s. So the query hands back three numbers: the person, a key holding the
        /// network's position and the day, and the five counts packed twelve bits each. A row whose network is not found
        /// by exact name, or whose counts do not fit, is read again column by column (rare: the networks come from the same
        /// coverage table the rows were written with, and daily counts are small).
        /// </remarks>
        public IEnumerable<NumberedActivityRow> ScanActivity(DateTime from, DateTime to, IReadOnlyList<string> networks, long firstPersonId, long lastPersonId)
        {
            if (networks.Count == 0)
            {
                yield break;
            }

            var sql = new StringBuilder("SELECT person_id, CASE network");
            for (var i = 0; i < networks.Count; i++)
            {
                sql.Append(" WHEN @n").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" THEN ").Append((i * DaysPerNetwork).ToString(CultureInfo.InvariantCulture));
            }

            // Packed when every count is between 0 and 4,095, which their bitwise OR tells in one comparison.
            var limit = ((1 << CountBits) - 1).ToString(CultureInfo.InvariantCulture);
            var factor = (1 << CountBits).ToString(CultureInfo.InvariantCulture);
            sql.Append(" ELSE -").Append(DaysPerNetwork.ToString(CultureInfo.InvariantCulture)).Append(" END + ").Append(Backend.DaysSince("day", "@from")).Append(",")
                .Append(" CASE WHEN (posts | replies | reactions | reads | shares) BETWEEN 0 AND ").Append(limit)
                .Append(" THEN posts + ").Append(factor).Append(" * (replies + ").Append(factor).Append(" * (reactions + ").Append(factor)
                .Append(" * (reads + ").Append(factor).Append(" * CAST(shares AS BIGINT)))) ELSE -1 END,")
                .Append(" network, posts, replies, reactions, reads, shares FROM activity")
                .Append(" WHERE person_id BETWEEN @first AND @last AND day BETWEEN @from AND @to");
            using var command = Command(sql.ToString());
            command.Parameters.AddWithValue("@first", firstPersonId);
            command.Parameters.AddWithValue("@last", lastPersonId);
            command.Parameters.AddWithValue("@from", FormatDate(from));
            command.Parameters.AddWithValue("@to", FormatDate(to));
            for (var i = 0; i < networks.Count; i++)
            {
                command.Parameters.AddWithValue("@n" + i.ToString(CultureInfo.InvariantCulture), networks[i]);
            }

            const long mask = (1 << CountBits) - 1;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetInt64(1);
                int network, day;
                if (key >= 0)
                {
                    network = (int)(key / DaysPerNetwork);
                    day = (int)(key % DaysPerNetwork);
                }
                else
                {
                    var name = reader.GetString(3);
                    network = -1;
                    for (var i = 0; i < networks.Count && network < 0; i++)
                    {
                        network = string.Equals(networks[i], name, StringComparison.OrdinalIgnoreCase) ? i : -1;
                    }

                    if (network < 0)
                    {
                        continue;
                    }

                    day = (int)(key + DaysPerNetwork);
                }

                var counts = reader.GetInt64(2);
                yield return counts >= 0
                    ? new NumberedActivityRow(reader.GetInt64(0), network, day, (int)(counts & mask), (int)((counts >> CountBits) & mask), (int)((counts >> (2 * CountBits)) & mask), (int)((counts >> (3 * CountBits)) & mask), (int)(counts >> (4 * CountBits)))
                    : new NumberedActivityRow(reader.GetInt64(0), network, day, reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8));
            }
        }
    }
}
