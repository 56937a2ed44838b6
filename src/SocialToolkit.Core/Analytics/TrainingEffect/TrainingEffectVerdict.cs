using System;
using System.Collections.Generic;
using System.Globalization;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>The plain-language reading of a training-effect result: one verdict sentence and the caveats that apply.</summary>
    public static class TrainingEffectVerdict
    {
        public static void Write(TrainingEffectResult result)
        {
            var o = result.Overall;
            var options = result.Options;
            var caveats = new List<string>();
            if (o == null)
            {
                result.Verdict = "No verdict: " + LowerFirst(result.OverallNote.Length == 0 ? "there is not enough data to measure an effect" : result.OverallNote) + ".";
            }
            else if (!o.IntervalLow.HasValue)
            {
                result.Verdict = $"No verdict: {LowerFirst(o.Note)}. The figures below are descriptive only.";
            }
            else if (result.PreTrend == PreTrendCheck.Failed)
            {
                result.Verdict = "No verdict: before the training, the trained people's activity was already moving differently from the comparison group's, so the change after it cannot be credited to the training.";
            }
            else if (o.IntervalLow > 0)
            {
                result.Verdict = $"Trained people became more active than comparable colleagues who were not trained: {Signed(o.Effect)} active days per week (95% interval {Signed(o.IntervalLow.Value)} to {Signed(o.IntervalHigh!.Value)}).";
            }
            else if (o.IntervalHigh < 0)
            {
                result.Verdict = $"Trained people became less active than comparable colleagues who were not trained: {Signed(o.Effect)} active days per week (95% interval {Signed(o.IntervalLow.Value)} to {Signed(o.IntervalHigh!.Value)}).";
            }
            else
            {
                result.Verdict = $"No clear effect: the change after training ({Signed(o.Effect)} active days per week, 95% interval {Signed(o.IntervalLow.Value)} to {Signed(o.IntervalHigh!.Value)}) is within what chance alone produces.";
            }

            if (o != null)
            {
                if (result.PreTrend == PreTrendCheck.NotEnoughData)
                {
                    caveats.Add("The store does not hold enough weeks before the training to check that both groups were moving alike beforehand.");
                }

                if (result.PreTrend == PreTrendCheck.Passed && result.BreakdownMultiple.HasValue)
                {
                    caveats.Add($"Pre-trend check passed; the effect would only be cancelled by a departure from parallel trends {result.BreakdownMultiple.Value.ToString("0.0", CultureInfo.InvariantCulture)} times the largest seen before the training (a check has little power: Roth 2022).");
                }

                if (o.FewClusters)
                {
                    caveats.Add($"The trained people sit in too few {ClusterWord(options.ClusterBy, 2)} for the bootstrap to bound the interval: it is a t interval on those {ClusterWord(options.ClusterBy, 2)}, wide on purpose.");
                }

                if (result.ClustersWithTrained > 0 && result.ClustersWithTrained < 5 && options.ClusterBy != TrainingClusterBy.None)
                {
                    caveats.Add($"All trained people are in {result.ClustersWithTrained} {ClusterWord(options.ClusterBy, result.ClustersWithTrained)}: when whole teams are trained together, a team's own ups and downs can look like an effect; the interval allows for it but is less reliable with so few.");
                }

                if (result.ExcludedTrainedPeople > 0)
                {
                    caveats.Add($"{result.ExcludedTrainedPeople.ToString(CultureInfo.InvariantCulture)} of {result.PeopleWithCompletion.ToString(CultureInfo.InvariantCulture)} trained people are left out (reasons under 'Left out').");
                }

                if (result.RatioEffect != null && result.RelativeEffect.HasValue && result.RatioEffect.ExcludesZero != (o.Significant && o.IntervalLow.HasValue) && o.Significant)
                {
                    caveats.Add("The proportional (ratio) estimate does not confirm the effect: part of the difference may come from a change that raised or lowered everyone's activity in proportion.");
                }

                caveats.Add("People choose or are chosen for training; the comparison removes shared trends and fixed differences, not every difference between the groups.");
            }

            result.Caveats = caveats;
        }

        public static string ClusterWord(TrainingClusterBy by, int count) => by switch
        {
            TrainingClusterBy.Manager => count == 1 ? "team" : "teams",
            TrainingClusterBy.None => count == 1 ? "person" : "people",
            _ => count == 1 ? "department" : "departments",
        };

        private static string Signed(double value) => (value >= 0 ? "+" : "−") + Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture);

        private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text.Substring(1);
    }
}
