using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>
    /// Bootstrap of several linear estimates at once from their influence functions summed per cluster
    /// (S[c, k]: cluster c's share of estimate k's deviation). A draw perturbs whole clusters: Webb's six-point weights
    /// under 12 clusters, Rademacher weights under 30 (wild cluster bootstrap, Cameron, Gelbach and Miller 2008; Webb
    /// 2023), multinomial counts minus one from 30 on (drawing clusters with replacement). Every draw is studentised by
    /// the cluster-robust standard error (CR1), so intervals are θ ± q·se with q a quantile of |t*|; sup-t quantiles over
    /// a family of estimates give simultaneous intervals. Draw b has its own random stream, so results do not depend on
    /// threads.
    /// </summary>
    internal sealed class ClusterBootstrap
    {
        private static readonly double[] Webb = { -Math.Sqrt(1.5), -1, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1, Math.Sqrt(1.5) };
        private readonly float[] absT;

        private ClusterBootstrap(IntervalMethod method, int statistics, int draws, double[] standardErrors, float[] absT)
        {
            Method = method;
            Statistics = statistics;
            Draws = draws;
            StandardErrors = standardErrors;
            this.absT = absT;
        }

        public IntervalMethod Method { get; }

        public int Statistics { get; }

        public int Draws { get; }

        public IReadOnlyList<double> StandardErrors { get; }

        public static IntervalMethod MethodFor(int clusters) =>
            clusters < 2 ? IntervalMethod.None : clusters < 12 ? IntervalMethod.WildClusterWebb : clusters < 30 ? IntervalMethod.WildClusterRademacher : IntervalMethod.ClusterResampling;

        /// <summary>Runs the draws; <paramref name="clusterSums"/> is G × K, cluster-major: clusterSums[c * K + k].</summary>
        public static ClusterBootstrap Run(double[] clusterSums, int clusters, int statistics, int draws, long seed, CancellationToken token)
        {
            var method = draws > 0 ? MethodFor(clusters) : IntervalMethod.None;
            var se = new double[statistics];
            if (method == IntervalMethod.None)
            {
                return new ClusterBootstrap(method, statistics, 0, se, Array.Empty<float>());
            }

            var correction = clusters / (clusters - 1.0);
            for (var c = 0; c < clusters; c++)
            {
                for (var k = 0; k < statistics; k++)
                {
                    var s = clusterSums[c * statistics + k];
                    se[k] += s * s;
                }
            }

            for (var k = 0; k < statistics; k++)
            {
                se[k] = Math.Sqrt(se[k] * correction);
            }

            var absT = new float[(long)draws * statistics];
            Parallel.For(
                0,
                draws,
                new ParallelOptions { CancellationToken = token },
                () => (Weights: new double[clusters], Sum: new double[statistics], Square: new double[statistics]),
                (b, _, scratch) =>
                {
                    var random = SeededRandom.ForStream(seed, b);
                    var weights = scratch.Weights;
                    switch (method)
                    {
                        case IntervalMethod.WildClusterWebb:
                            for (var c = 0; c < clusters; c++)
                            {
                                weights[c] = Webb[random.Next(6)];
                            }

                            break;
                        case IntervalMethod.WildClusterRademacher:
                            for (var c = 0; c < clusters; c++)
                            {
                                weights[c] = random.Next(2) == 0 ? -1 : 1;
                            }

                            break;
                        default:
                            Array.Clear(weights, 0, clusters);
                            for (var c = 0; c < clusters; c++)
                            {
                                weights[random.Next(clusters)] += 1;
                            }

                            for (var c = 0; c < clusters; c++)
                            {
                                weights[c] -= 1;
                            }

                            break;
                    }

                    var sum = scratch.Sum;
                    var square = scratch.Square;
                    Array.Clear(sum, 0, statistics);
                    Array.Clear(square, 0, statistics);
                    for (var c = 0; c < clusters; c++)
                    {
                        var w = weights[c];
                        if (w == 0)
                        {
                            continue;
                        }

                        var row = c * statistics;
                        for (var k = 0; k < statistics; k++)
                        {
                            var v = w * clusterSums[row + k];
                            sum[k] += v;
                            square[k] += v * v;
                        }
                    }

                    var at = (long)b * statistics;
                    for (var k = 0; k < statistics; k++)
                    {
                        // Wild draws are studentised by their own CR1 error (Webb weights vary in size); resampled clusters by the
                        // original one, their draws being the bootstrap distribution itself.
                        var scale = method == IntervalMethod.ClusterResampling ? se[k] : Math.Sqrt(Math.Max(0, square[k] - sum[k] * sum[k] / clusters) * correction);
                        absT[at + k] = scale > 0 ? (float)Math.Abs(sum[k] / scale) : 0f;
                    }

                    return scratch;
                },
                _ => { });

            return new ClusterBootstrap(method, statistics, draws, se, absT);
        }

        /// <summary>The (1−α) quantile of max over <paramref name="family"/> of |t*|: one estimate gives a pointwise interval, several a simultaneous band.</summary>
        public double CriticalValue(IReadOnlyList<int> family, double alpha = 0.05)
        {
            if (Draws == 0 || family.Count == 0)
            {
                return double.NaN;
            }

            var maxima = new double[Draws];
            for (var b = 0; b < Draws; b++)
            {
                var at = (long)b * Statistics;
                double max = 0;
                foreach (var k in family)
                {
                    max = Math.Max(max, absT[at + k]);
                }

                maxima[b] = max;
            }

            Array.Sort(maxima);
            return TrainingEffectMath.Quantile(maxima, 1 - alpha);
        }

        /// <summary>Share of draws whose max |t*| over the family reaches the observed max |θ/se|: the p-value of the joint test that all are zero.</summary>
        public double JointPValue(IReadOnlyList<int> family, IReadOnlyList<double> estimates)
        {
            var observed = family.Max(k => StandardErrors[k] > 0 ? Math.Abs(estimates[k] / StandardErrors[k]) : 0);
            var reached = 0;
            for (var b = 0; b < Draws; b++)
            {
                var at = (long)b * Statistics;
                double max = 0;
                foreach (var k in family)
                {
                    max = Math.Max(max, absT[at + k]);
                }

                if (max >= observed)
                {
                    reached++;
                }
            }

            return (reached + 1.0) / (Draws + 1.0);
        }
    }

    internal static class TrainingEffectMath
    {
        /// <summary>Linear interpolation between order statistics (the usual "type 7" quantile) of sorted values.</summary>
        public static double Quantile(double[] sorted, double p)
        {
            if (sorted.Length == 1)
            {
                return sorted[0];
            }

            var position = p * (sorted.Length - 1);
            var lower = (int)Math.Floor(position);
            var upper = Math.Min(sorted.Length - 1, lower + 1);
            return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
        }
    }
}
