using System;
using System.Collections.Generic;
using System.Linq;

namespace SocialToolkit.Core.Analytics.Privacy
{
    /// <summary>One table of a workbook, as the privacy rules see it: the population behind each row.</summary>
    public sealed class DisclosureTable
    {
        public DisclosureTable(string name, IEnumerable<IEnumerable<long>> rows, bool partitionsTotal)
        {
            Name = name;
            Rows = rows.Select(r => Population.Sorted(r)).ToList();
            PartitionsTotal = partitionsTotal;
        }

        public string Name { get; }

        public IReadOnlyList<long[]> Rows { get; }

        /// <summary>True when the rows split the workbook's total population (each person in exactly one row), so the total minus the shown rows is a figure too.</summary>
        public bool PartitionsTotal { get; }
    }

    /// <summary>What a workbook would publish: its frame, its total population and its tables, and the store's ledger.</summary>
    public sealed class DisclosureRequest
    {
        public DisclosureRequest(ReleaseFrame frame, int minimumGroupSize, IEnumerable<long> total)
        {
            Frame = frame;
            MinimumGroupSize = minimumGroupSize;
            Total = Population.Sorted(total);
        }

        public ReleaseFrame Frame { get; }

        public int MinimumGroupSize { get; }

        public long[] Total { get; }

        public List<DisclosureTable> Tables { get; } = new List<DisclosureTable>();

        /// <summary>Earlier publications; null for none (a single workbook judged on its own).</summary>
        public IReleaseLedger? Ledger { get; set; }

        /// <summary>
        /// For a figure published in another frame of the same family: whether a person contributes different cells to it
        /// than to this workbook's figures (a person staff on days one period has and the other has not). Null: figures of
        /// other frames differ for everyone, so comparing them isolates nobody.
        /// </summary>
        public Func<long, ReleaseFrame, bool>? ContributionDiffers { get; set; }

        public DisclosureRequest Add(DisclosureTable table)
        {
            Tables.Add(table);
            return this;
        }
    }

    /// <summary>The outcome: why each row (and the total) is hidden, if it is, and what the workbook publishes.</summary>
    public sealed class DisclosureDecision
    {
        private readonly Dictionary<string, SuppressionReason[]> tables;

        internal DisclosureDecision(SuppressionReason total, Dictionary<string, SuppressionReason[]> tables, IReadOnlyList<ReleasedFigure> released)
        {
            Total = total;
            this.tables = tables;
            Released = released;
        }

        public SuppressionReason Total { get; }

        public bool TotalShown => Total == SuppressionReason.None;

        /// <summary>Figures the workbook publishes, to record in the ledger once it is written.</summary>
        public IReadOnlyList<ReleasedFigure> Released { get; }

        public IReadOnlyList<SuppressionReason> For(string table) => tables[table];

        public int Hidden(string table) => tables[table].Count(r => r != SuppressionReason.None);

        /// <summary>Records what was published; call it once the workbook is in place (a failed write published nothing).</summary>
        public void Record(IReleaseLedger? ledger) => ledger?.Record(Released.ToList());
    }

    /// <summary>
    /// The privacy rules of every report, in one place. A figure is about a population (the people counted in its
    /// headcount). No workbook from one store may let a reader work out a figure about fewer than the minimum group size:
    /// <list type="number">
    /// <item>Primary: a row about fewer people is hidden.</item>
    /// <item>Complementary: when rows split a shown total, the hidden rows together must hold at least the minimum and be
    /// at least two (else the total minus the shown rows gives them away): the next smallest row is hidden too.</item>
    /// <item>Comparison: any two published figures of one frame (this workbook's rows of different tables, the total, the
    /// "total minus shown rows" figures, and every figure published earlier from the store) must differ by no one or by at
    /// least the minimum number of people; otherwise subtracting one from the other isolates the few people in between.
    /// For figures of other frames of the family (another period), the people in both whose contributed days differ count
    /// as differing too. A row that fails is hidden; when a "total minus shown rows" figure fails, the smallest shown row of
    /// that table is hidden; when the total fails, the whole workbook's figures are.</item>
    /// </list>
    /// Rules repeat until nothing changes (each round only hides more).
    /// </summary>
    public static class DisclosureControl
    {
        public static DisclosureDecision Protect(DisclosureRequest request)
        {
            var minimum = Math.Max(1, request.MinimumGroupSize);
            var tables = request.Tables;
            var reasons = tables.Select(t => new SuppressionReason[t.Rows.Count]).ToList();
            var total = request.Total.Length >= minimum ? SuppressionReason.None : SuppressionReason.SmallGroup;
            var earlier = new EarlierFigures(request.Ledger, request.Frame.Family, minimum);

            while (true)
            {
                if (total != SuppressionReason.None)
                {
                    foreach (var table in reasons)
                    {
                        for (var i = 0; i < table.Length; i++)
                        {
                            if (table[i] == SuppressionReason.None)
                            {
                                table[i] = total == SuppressionReason.SmallGroup ? SuppressionReason.SmallGroup : SuppressionReason.Comparison;
                            }
                        }
                    }

                    break;
                }

                for (var t = 0; t < tables.Count; t++)
                {
                    var sizes = tables[t].Rows.Select(r => r.Length).ToList();
                    if (tables[t].PartitionsTotal)
                    {
                        SmallGroups.Suppress(sizes, minimum, reasons[t]);
                    }
                    else if (minimum > 1)
                    {
                        for (var i = 0; i < sizes.Count; i++)
                        {
                            if (sizes[i] < minimum && reasons[t][i] == SuppressionReason.None)
                            {
                                reasons[t][i] = SuppressionReason.SmallGroup;
                            }
                        }
                    }
                }

                var candidates = Candidates(request, reasons);
                // Rows are judged before the total: when a row and the total differ by a few people, hiding the row is enough,
                // and the total (the workbook's headline) stays.
                var failed = minimum <= 1 ? null : candidates.OrderBy(c => c.Table < 0 ? 1 : 0).Cast<Candidate?>().FirstOrDefault(c => Fails(c!.Value, candidates, earlier, request, minimum));
                if (failed == null)
                {
                    var released = candidates.Select(c => new ReleasedFigure(request.Frame, c.Members)).ToList();
                    var byName = new Dictionary<string, SuppressionReason[]>(StringComparer.Ordinal);
                    for (var t = 0; t < tables.Count; t++)
                    {
                        byName[tables[t].Name] = reasons[t];
                    }

                    return new DisclosureDecision(total, byName, released);
                }

                var f = failed.Value;
                if (f.Table < 0)
                {
                    total = SuppressionReason.Comparison;
                }
                else if (f.Row >= 0)
                {
                    reasons[f.Table][f.Row] = SuppressionReason.Comparison;
                }
                else
                {
                    var rows = tables[f.Table].Rows;
                    var shown = Enumerable.Range(0, rows.Count).Where(i => reasons[f.Table][i] == SuppressionReason.None)
                        .OrderBy(i => rows[i].Length).ThenByDescending(i => i).ToList();
                    if (shown.Count == 0)
                    {
                        // Every row hidden: "total minus shown rows" is the total itself.
                        total = SuppressionReason.Comparison;
                    }
                    else
                    {
                        reasons[f.Table][shown[0]] = SuppressionReason.Complementary;
                    }
                }
            }

            var hiddenEverything = new Dictionary<string, SuppressionReason[]>(StringComparer.Ordinal);
            for (var t = 0; t < tables.Count; t++)
            {
                hiddenEverything[tables[t].Name] = reasons[t];
            }

            return new DisclosureDecision(total, hiddenEverything, Array.Empty<ReleasedFigure>());
        }

        /// <summary>The figures the workbook would publish as things stand: total, shown rows, and total minus shown rows per partition.</summary>
        private static List<Candidate> Candidates(DisclosureRequest request, List<SuppressionReason[]> reasons)
        {
            var candidates = new List<Candidate> { new Candidate(-1, -1, request.Total) };
            for (var t = 0; t < request.Tables.Count; t++)
            {
                var table = request.Tables[t];
                var hidden = new List<long>();
                for (var i = 0; i < table.Rows.Count; i++)
                {
                    if (reasons[t][i] == SuppressionReason.None)
                    {
                        if (table.Rows[i].Length > 0)
                        {
                            candidates.Add(new Candidate(t, i, table.Rows[i]));
                        }
                    }
                    else
                    {
                        hidden.AddRange(table.Rows[i]);
                    }
                }

                if (table.PartitionsTotal && hidden.Count > 0)
                {
                    candidates.Add(new Candidate(t, -1, Population.Sorted(hidden.OrderBy(m => m))));
                }
            }

            return candidates;
        }

        private static bool Fails(Candidate candidate, List<Candidate> all, EarlierFigures earlier, DisclosureRequest request, int minimum)
        {
            var members = candidate.Members;
            foreach (var other in all)
            {
                // Rows of one table are disjoint (or the same table's own complement): comparing them isolates no one beyond what the complementary rule checks.
                if (ReferenceEquals(other.Members, members) || (other.Table == candidate.Table && other.Table >= 0))
                {
                    continue;
                }

                if (Math.Abs(other.Members.Length - members.Length) >= minimum)
                {
                    continue;
                }

                var differing = members.Length + other.Members.Length - 2 * Population.Overlap(members, other.Members);
                if (differing > 0 && differing < minimum)
                {
                    return true;
                }
            }

            foreach (var figure in earlier.Near(members.Length))
            {
                var differing = members.Length + figure.Members.Length - 2 * Population.Overlap(members, figure.Members);
                if (differing >= minimum)
                {
                    continue;
                }

                if (!figure.Frame.Equals(request.Frame))
                {
                    if (request.ContributionDiffers == null)
                    {
                        continue;
                    }

                    foreach (var person in Population.Shared(members, figure.Members))
                    {
                        if (request.ContributionDiffers(person, figure.Frame) && ++differing >= minimum)
                        {
                            break;
                        }
                    }
                }

                if (differing > 0 && differing < minimum)
                {
                    return true;
                }
            }

            return false;
        }

        private readonly struct Candidate
        {
            public Candidate(int table, int row, long[] members)
            {
                Table = table;
                Row = row;
                Members = members;
            }

            /// <summary>-1 for the total.</summary>
            public int Table { get; }

            /// <summary>-1 for "total minus the shown rows" of <see cref="Table"/>.</summary>
            public int Row { get; }

            public long[] Members { get; }
        }

        /// <summary>The ledger's figures of the family, fetched once per population size (two figures whose sizes differ by the minimum or more cannot fail).</summary>
        private sealed class EarlierFigures
        {
            private readonly IReleaseLedger? ledger;
            private readonly string family;
            private readonly int minimum;
            private readonly Dictionary<int, List<ReleasedFigure>> bySize = new Dictionary<int, List<ReleasedFigure>>();

            public EarlierFigures(IReleaseLedger? ledger, string family, int minimum)
            {
                this.ledger = ledger;
                this.family = family;
                this.minimum = minimum;
            }

            public IReadOnlyList<ReleasedFigure> Near(int size)
            {
                if (ledger == null)
                {
                    return Array.Empty<ReleasedFigure>();
                }

                if (!bySize.TryGetValue(size, out var figures))
                {
                    figures = ledger.Comparable(family, Math.Max(0, size - minimum + 1), size + minimum - 1).ToList();
                    bySize[size] = figures;
                }

                return figures;
            }
        }
    }
}
