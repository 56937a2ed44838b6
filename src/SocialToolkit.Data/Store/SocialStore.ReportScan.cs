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

        /// <summary>Bits of the day (days since the first day: any period of dates fits) in the key column.</summary>
        private const int DayBits = 22;

        /// <summary>Bits of the network's position in the key column (the participation calculator counts at most 64 networks).</summary>
        private const int NetworkBits = 6;

        /// <summary>Person ids from 0 to this one travel in the key column; others (never given by the store) are read on their own.</summary>
        private const long LargestKeyedPerson = (1L << (63 - DayBits - NetworkBits)) - 1;

        /// <summary>
        /// The stored rows between two days (inclusive) of the people whose id is between <paramref name="firstPersonId"/> and
        /// <paramref name="lastPersonId"/> (inclusive), for the networks in <paramref name="networks"/> (at most 64, matched
        /// without regard to case; rows of other networks are left out). The table is ordered by person, so each range is a
        /// contiguous stretch of it.
        /// </summary>
        /// <remarks>
        /// Each value read from a row crosses from .NET into SQLite and back (several native calls, more than SQLite's own
        /// work per value), and a text value costs a new string besides: over a million rows, eight values with the network's
        /// name took 2.6 s where two numbers take 1.2 s. So the query hands back two numbers: a key holding the person, the
        /// network's position and the day, and the five counts packed twelve bits each. The plain columns follow for the rare
        /// row whose key or counts do not fit (a network named in another case, counts of 4,096 or more), and are read only
        /// for it.
        /// </remarks>
        public IEnumerable<NumberedActivityRow> ScanActivity(DateTime from, DateTime to, IReadOnlyList<string> networks, long firstPersonId, long lastPersonId)
        {
            if (networks.Count > 1 << NetworkBits)
            {
                throw new ArgumentException($"At most {1 << NetworkBits} networks are scanned at once.", nameof(networks));
            }

            if (networks.Count == 0)
            {
                yield break;
            }

            string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
            var sql = new StringBuilder("SELECT COALESCE(CASE WHEN person_id BETWEEN 0 AND ").Append(Number(LargestKeyedPerson))
                .Append(" THEN person_id * ").Append(Number(1L << (DayBits + NetworkBits))).Append(" + CASE network");
            for (var i = 0; i < networks.Count; i++)
            {
                sql.Append(" WHEN @n").Append(Number(i)).Append(" THEN ").Append(Number((long)i << DayBits));
            }

            // Packed when every count is between 0 and 4,095, which their bitwise OR tells in one comparison.
            var factor = Number(1 << CountBits);
            sql.Append(" END + ").Append(Backend.DaysSince("day", "@from")).Append(" END, -1),")
                .Append(" CASE WHEN (posts | replies | reactions | reads | shares) BETWEEN 0 AND ").Append(Number((1 << CountBits) - 1))
                .Append(" THEN posts + ").Append(factor).Append(" * (replies + ").Append(factor).Append(" * (reactions + ").Append(factor)
                .Append(" * (reads + ").Append(factor).Append(" * CAST(shares AS BIGINT)))) ELSE -1 END,")
                .Append(" person_id, network, day, posts, replies, reactions, reads, shares FROM activity")
                .Append(" WHERE person_id BETWEEN @first AND @last AND day BETWEEN @from AND @to");
            using var command = Command(sql.ToString());
            command.Parameters.AddWithValue("@first", firstPersonId);
            command.Parameters.AddWithValue("@last", lastPersonId);
            command.Parameters.AddWithValue("@from", FormatDate(from));
            command.Parameters.AddWithValue("@to", FormatDate(to));
            for (var i = 0; i < networks.Count; i++)
            {
                command.Parameters.AddWithValue("@n" + Number(i), networks[i]);
            }

            const long countMask = (1 << CountBits) - 1;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetInt64(0);
                long person;
                int network, day;
                if (key >= 0)
                {
                    person = key >> (DayBits + NetworkBits);
                    network = (int)((key >> DayBits) & ((1 << NetworkBits) - 1));
                    day = (int)(key & ((1 << DayBits) - 1));
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

                    person = reader.GetInt64(2);
                    day = (int)(ParseDate(reader.GetString(4)) - from.Date).TotalDays;
                }

                var counts = reader.GetInt64(1);
                yield return counts >= 0
                    ? new NumberedActivityRow(person, network, day, (int)(counts & countMask), (int)((counts >> CountBits) & countMask), (int)((counts >> (2 * CountBits)) & countMask), (int)((counts >> (3 * CountBits)) & countMask), (int)(counts >> (4 * CountBits)))
                    : new NumberedActivityRow(person, network, day, reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9));
            }
        }
    }
}
