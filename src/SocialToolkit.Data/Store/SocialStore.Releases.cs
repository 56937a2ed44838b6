using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SocialToolkit.Core.Analytics.Privacy;

namespace SocialToolkit.Data.Store
{
    /// <summary>The release ledger: what every workbook written from this store has published (see <see cref="DisclosureControl"/>).</summary>
    public sealed partial class SocialStore
    {
        /// <summary>The ledger of this store, for <see cref="DisclosureRequest.Ledger"/>.</summary>
        public IReleaseLedger ReleaseLedger() => new StoreReleaseLedger(this);

        /// <summary>How many figures the ledger holds (for Get-SocialStoreInfo and tests).</summary>
        public int CountReleases() => Convert.ToInt32(Scalar("SELECT count(*) FROM release"), CultureInfo.InvariantCulture);

        private sealed class StoreReleaseLedger : IReleaseLedger
        {
            private readonly SocialStore store;

            public StoreReleaseLedger(SocialStore store) => this.store = store;

            public IEnumerable<ReleasedFigure> Comparable(string family, int minimumSize, int maximumSize)
            {
                var figures = new List<ReleasedFigure>();
                using var command = store.Command(@"SELECT r.period_from, r.period_to, r.networks, r.settings, p.members
FROM release_population p JOIN release r ON r.population_id = p.id
WHERE p.size BETWEEN @min AND @max AND r.family = @family");
                command.Parameters.AddWithValue("@min", minimumSize);
                command.Parameters.AddWithValue("@max", maximumSize);
                command.Parameters.AddWithValue("@family", family);
                using var reader = command.ExecuteReader();
                var decoded = new Dictionary<string, long[]>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    var networks = reader.GetString(2);
                    var frame = new ReleaseFrame(family, ParseDate(reader.GetString(0)), ParseDate(reader.GetString(1)), networks.Length == 0 ? Array.Empty<string>() : networks.Split(','), reader.GetString(3));
                    var blob = (byte[])reader.GetValue(4);
                    figures.Add(new ReleasedFigure(frame, Population.Decode(blob)));
                }

                return figures;
            }

            public void Record(IReadOnlyCollection<ReleasedFigure> figures)
            {
                if (figures.Count == 0)
                {
                    return;
                }

                var now = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture);
                store.InTransaction(transaction =>
                {
                    using var population = store.Command("INSERT INTO release_population (fingerprint, size, members) VALUES (@fingerprint, @size, @members) ON CONFLICT (fingerprint) DO NOTHING", transaction);
                    using var find = store.Command("SELECT id FROM release_population WHERE fingerprint = @fingerprint", transaction);
                    using var release = store.Command(@"INSERT INTO release (family, frame, period_from, period_to, networks, settings, population_id, released_at)
VALUES (@family, @frame, @from, @to, @networks, @settings, @population, @at) ON CONFLICT (frame, population_id) DO NOTHING", transaction);
                    foreach (var figure in figures)
                    {
                        var encoded = Population.Encode(figure.Members);
                        var fingerprint = Population.Fingerprint(encoded);
                        population.Parameters.Clear();
                        population.Parameters.AddWithValue("@fingerprint", fingerprint);
                        population.Parameters.AddWithValue("@size", figure.Members.Length);
                        population.Parameters.AddWithValue("@members", encoded);
                        population.ExecuteNonQuery();
                        find.Parameters.Clear();
                        find.Parameters.AddWithValue("@fingerprint", fingerprint);
                        var id = Convert.ToInt64(find.ExecuteScalar(), CultureInfo.InvariantCulture);

                        var frame = figure.Frame;
                        release.Parameters.Clear();
                        release.Parameters.AddWithValue("@family", frame.Family);
                        release.Parameters.AddWithValue("@frame", frame.Key);
                        release.Parameters.AddWithValue("@from", FormatDate(frame.From));
                        release.Parameters.AddWithValue("@to", FormatDate(frame.To));
                        release.Parameters.AddWithValue("@networks", string.Join(",", frame.Networks));
                        release.Parameters.AddWithValue("@settings", frame.Settings);
                        release.Parameters.AddWithValue("@population", id);
                        release.Parameters.AddWithValue("@at", now);
                        release.ExecuteNonQuery();
                    }

                    return figures.Count;
                });
            }
        }
    }
}
