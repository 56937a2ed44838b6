using System;
using System.Collections.Generic;
using System.Linq;
using SocialToolkit.Core.Labels;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>Why a row's figures are blank.</summary>
    public enum SuppressionReason
    {
        None,

        /// <summary>The row is about fewer people than the minimum group size.</summary>
        SmallGroup,

        /// <summary>The row is big enough, but showing it would let a reader work out a suppressed row from the total.</summary>
        Complementary,

        /// <summary>
        /// The row is big enough, but compared with a figure already published (in this workbook or an earlier one from the
        /// same store) it would give away a figure about fewer people than the minimum.
        /// </summary>
        Comparison,
    }

    /// <summary>
    /// Small-group suppression for rows that partition a population whose total is shown. Primary: every row about
    /// fewer than <c>minimum</c> people. Complementary: while exactly one row is hidden (total minus the others gives it
    /// away) or the hidden rows together hold fewer than <c>minimum</c> people (their sum would be a figure about a small
    /// group), the smallest shown row is hidden too.
    /// </summary>
    public static class SmallGroups
    {
        public static SuppressionReason[] Suppress(IReadOnlyList<int> sizes, int minimum) => Suppress(sizes, minimum, new SuppressionReason[sizes.Count]);

        /// <summary>The same, starting from rows already hidden for another reason (they stay hidden).</summary>
        public static SuppressionReason[] Suppress(IReadOnlyList<int> sizes, int minimum, SuppressionReason[] reasons)
        {
            if (minimum <= 1)
            {
                return reasons;
            }

            for (var i = 0; i < sizes.Count; i++)
            {
                if (sizes[i] < minimum && reasons[i] == SuppressionReason.None)
                {
                    reasons[i] = SuppressionReason.SmallGroup;
                }
            }

            while (true)
            {
                var hidden = Enumerable.Range(0, sizes.Count).Where(i => reasons[i] != SuppressionReason.None).ToList();
                if (hidden.Count == 0)
                {
                    break;
                }

                var hiddenPeople = hidden.Sum(i => (long)sizes[i]);
                var hiddenRecoverable = hidden.Count(i => sizes[i] > 0) == 1 || (hiddenPeople > 0 && hiddenPeople < minimum);
                if (!hiddenRecoverable)
                {
                    break;
                }

                var candidates = Enumerable.Range(0, sizes.Count).Where(i => reasons[i] == SuppressionReason.None).ToList();
                if (candidates.Count == 0)
                {
                    break;
                }

                var next = candidates.OrderBy(i => sizes[i]).ThenByDescending(i => i).First();
                reasons[next] = SuppressionReason.Complementary;
            }

            return reasons;
        }

        /// <summary>The text of a suppressed row's Note column, in the labels' language (English by default).</summary>
        public static string Note(SuppressionReason reason, int minimum, ReportLabels? labels = null)
        {
            labels ??= ReportLabels.English;
            return reason switch
            {
                SuppressionReason.SmallGroup => labels["note.SmallGroup", minimum],
                SuppressionReason.Complementary => labels["note.Complementary"],
                SuppressionReason.Comparison => labels["note.Comparison", minimum],
                _ => string.Empty,
            };
        }
    }
}
