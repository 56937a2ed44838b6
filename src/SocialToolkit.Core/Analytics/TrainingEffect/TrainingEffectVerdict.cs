using System;
using System.Collections.Generic;
using System.Globalization;
using SocialToolkit.Core.Labels;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>
    /// The plain-language reading of a training-effect result: one verdict sentence and the caveats that apply, in the
    /// language of the options' labels. The engine writes them because which sentence applies is part of the judgement
    /// (and is tested without a workbook); the words come from the one labels table.
    /// </summary>
    public static class TrainingEffectVerdict
    {
        public static void Write(TrainingEffectResult result)
        {
            var o = result.Overall;
            var options = result.Options;
            var l = options.Labels;
            var caveats = new List<string>();
            if (o == null)
            {
                result.Verdict = l["te.verdict.noData", LowerFirst(result.OverallNote.Length == 0 ? l["te.verdict.notEnoughData"] : result.OverallNote, l.Culture)];
            }
            else if (!o.IntervalLow.HasValue)
            {
                result.Verdict = l["te.verdict.noInterval", LowerFirst(o.Note, l.Culture)];
            }
            else if (result.PreTrend == PreTrendCheck.Failed)
            {
                result.Verdict = l["te.verdict.preTrendFailed"];
            }
            else
            {
                var kind = o.IntervalLow > 0 ? "te.verdict.more" : o.IntervalHigh < 0 ? "te.verdict.less" : "te.verdict.unclear";
                result.Verdict = l[kind, l.Signed(o.Effect), l.Signed(o.IntervalLow.Value), l.Signed(o.IntervalHigh!.Value)];
            }

            if (o != null)
            {
                if (result.PreTrend == PreTrendCheck.NotEnoughData)
                {
                    caveats.Add(l["te.caveat.noPreWeeks"]);
                }

                if (result.PreTrend == PreTrendCheck.Passed && result.BreakdownMultiple.HasValue)
                {
                    caveats.Add(l["te.caveat.breakdown", result.BreakdownMultiple.Value.ToString("0.0", l.Culture)]);
                }

                if (o.FewClusters)
                {
                    caveats.Add(l["te.caveat.fewClusters", ClusterWord(l, options.ClusterBy, 2)]);
                }

                if (result.ClustersWithTrained > 0 && result.ClustersWithTrained < 5 && options.ClusterBy != TrainingClusterBy.None)
                {
                    caveats.Add(l["te.caveat.trainedInFewClusters", result.ClustersWithTrained, ClusterWord(l, options.ClusterBy, result.ClustersWithTrained)]);
                }

                if (result.ExcludedTrainedPeople > 0)
                {
                    caveats.Add(l["te.caveat.leftOut", result.ExcludedTrainedPeople, result.PeopleWithCompletion]);
                }

                if (result.RatioEffect != null && result.RelativeEffect.HasValue && result.RatioEffect.ExcludesZero != (o.Significant && o.IntervalLow.HasValue) && o.Significant)
                {
                    caveats.Add(l["te.caveat.ratio"]);
                }

                caveats.Add(l["te.caveat.selection"]);
            }

            result.Caveats = caveats;
        }

        /// <summary>What the intervals resample, as a word for <paramref name="count"/> of them ("team", "départements"...).</summary>
        public static string ClusterWord(ReportLabels labels, TrainingClusterBy by, int count) =>
            labels["te.cluster." + by + (count == 1 ? ".one" : ".many")];

        private static string LowerFirst(string text, CultureInfo culture) => text.Length == 0 ? text : char.ToLower(text[0], culture) + text.Substring(1);
    }
}
