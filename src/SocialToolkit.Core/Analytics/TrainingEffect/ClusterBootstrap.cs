using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>
    /// Bootstrap of several estimates at once from their influence functions summed per cluster (S[c, k]: cluster c's
    /// share of estimate k's deviation; W[c, k]: its share of the trained people). Draws perturb whole clusters.
    /// <list type="bullet">
    /// <item>Under 30 clusters, a wild cluster bootstrap-t (Cameron, Gelbach and Miller 2008), with Webb's six-point weights
    /// under 12 clusters and Rademacher weights from 12 (Webb 2023). Single intervals and the pre-trend test impose the null
    /// hypothesis on the draws ("restricted", WCR), the variant whose size holds with few and unequal clusters (MacKinnon and
    /// Webb 2017); intervals are the values the test does not reject. Simultaneous bands use unrestricted draws.</item>
    /// <item>From 30 clusters, whole clusters drawn with replacement (multinomial counts minus one), studentised by the
    /// original cluster-robust error.</item>
    /// </list>
    /// Every draw is studentised by the cluster-robust (CR1) error of the data it stands for. Draw b has its own random
    /// stream, so results do not depend on threads.
    /// </summary>
    internal sealed class ClusterBootstrap
    {
        private static readonly double[] Webb = { -Math.Sqrt(1.5), -1, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1, Math.Sqrt(1.5) };
        private readonly double[] sums;
        private readonly double[] shares;
        private readonly IReadOnlyList<double> estimates;
        private readonly int clusters;
        private readonly double correction;

        /// <summary>Wild methods: the weights of every draw (draw-major, B × G).</summary>
        private readonly double[] weights;

        /// <summary>Cluster resampling: |t*| of every draw and statistic (draw-major, B × K).</summary>
        private readonly float[] absT;

        private ClusterBootstrap(IntervalMethod method, double[] sums, double[] shares, IReadOnlyList<double> estimates, int clusters, int statistics, int draws, double[] standardErrors, double[] weights, float[] absT)
        {
            Method = method;
            this.sums = sums;
            this.shares = shares;
            this.estimates = estimates;
            this.clusters = clusters;
            Statistics = statistics;
            Draws = draws;
            StandardErrors = standardErrors;
            this.weights = weights;
            this.absT = absT;
            correction = clusters > 1 ? clusters / (clusters - 1.0) : 1;
        }

        public IntervalMethod Method { get; }

        public int Statistics { get; }

        public int Draws { get; }

        public IReadOnlyList<double> StandardErrors { get; }

        private bool Wild => Method == IntervalMethod.WildClusterWebb || Method == IntervalMethod.WildClusterRademacher;

        public static IntervalMethod MethodFor(int clusters) =>
            clusters < 2 ? IntervalMethod.None : clusters < 12 ? IntervalMethod.WildClusterWebb : clusters < 30 ? IntervalMethod.WildClusterRademacher : IntervalMethod.ClusterResampling;

        /// <summary>Prepares the draws. <paramref name="clusterSums"/> and <paramref name="trainedShares"/> are G × K, cluster-major ([c * K + k]).</summary>
        public static ClusterBootstrap Run(double[] clusterSums, double[] trainedShares, IReadOnlyList<double> estimates, int clusters, int draws, long seed, CancellationToken token)
        {
            var statistics = estimates.Count;
            var method = draws > 0 ? MethodFor(clusters) : IntervalMethod.None;
            var se = new double[statistics];
            if (method == IntervalMethod.None)
            {
                return new ClusterBootstrap(method, clusterSums, trainedShares, estimates, clusters, statistics, 0, se, Array.Empty<double>(), Array.Empty<float>());
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

            if (method != IntervalMethod.ClusterResampling)
            {
                var wild = new double[draws * clusters];
                for (var b = 0; b < draws; b++)
                {
                    var random = SeededRandom.ForStream(seed, b);
                    for (var c = 0; c < clusters; c++)
                    {
                        wild[b * clusters + c] = method == IntervalMethod.WildClusterWebb ? Webb[random.Next(6)] : random.Next(2) == 0 ? -1 : 1;
                    }
                }

                return new ClusterBootstrap(method, clusterSums, trainedShares, estimates, clusters, statistics, draws, se, wild, Array.Empty<float>());
            }

            var absT = new float[(long)draws * statistics];
            Parallel.For(
                0,
                draws,
                new ParallelOptions { CancellationToken = token },
                () => (Counts: new double[clusters], Sum: new double[statistics]),
                (b, _, scratch) =>
                {
                    var random = SeededRandom.ForStream(seed, b);
                    var counts = scratch.Counts;
                    Array.Clear(counts, 0, clusters);
                    for (var c = 0; c < clusters; c++)
                    {
                        counts[random.Next(clusters)] += 1;
                    }

                    var sum = scratch.Sum;
                    Array.Clear(sum, 0, statistics);
                    for (var c = 0; c < clusters; c++)
                    {
                        var w = counts[c] - 1;
                        if (w == 0)
                        {
                            continue;
                        }

                        var row = c * statistics;
                        for (var k = 0; k < statistics; k++)
                        {
                            sum[k] += w * clusterSums[row + k];
                        }
                    }

                    var at = (long)b * statistics;
                    for (var k = 0; k < statistics; k++)
                    {
                        absT[at + k] = se[k] > 0 ? (float)Math.Abs(sum[k] / se[k]) : 0f;
                    }

                    return scratch;
                },
                _ => { });

            return new ClusterBootstrap(method, clusterSums, trainedShares, estimates, clusters, statistics, draws, se, Array.Empty<double>(), absT);
        }

        /// <summary>
        /// A 95% interval for one estimate: the restricted wild test inverted, or θ ± q·se with resampled clusters. Null when
        /// the test cannot reject even far from the estimate (trained people concentrated in very few clusters).
        /// </summary>
        public (double Low, double High)? Interval(int k, double alpha = 0.05)
        {
            if (Method == IntervalMethod.None)
            {
                return null;
            }

            var theta = estimates[k];
            var se = StandardErrors[k];
            if (!(se > 0))
            {
                return (theta, theta);
            }

            if (!Wild)
            {
                var q = CriticalValue(new[] { k }, alpha);
                return (theta - q * se, theta + q * se);
            }

            var below = Bound(k, +1, alpha);
            var above = Bound(k, -1, alpha);
            return double.IsInfinity(below) || double.IsInfinity(above) ? null : (theta - below, theta + above);
        }

        /// <summary>Beyond this many standard errors the restricted test is taken never to reject: the clusters cannot bound the interval.</summary>
        private const double UnboundedBeyond = 25;

        /// <summary>The distance δ from θ, on one side, where the restricted test of θ0 = θ − sign·δ starts rejecting.</summary>
        private double Bound(int k, int sign, double alpha)
        {
            var se = StandardErrors[k];
            double low = 0, high = 2 * se;
            while (RestrictedPValue(k, sign * high) > alpha)
            {
                low = high;
                high *= 2;
                if (high > UnboundedBeyond * se)
                {
                    return double.PositiveInfinity;
                }
            }

            for (var i = 0; i < 40 && high - low > 1e-6 * se; i++)
            {
                var mid = (low + high) / 2;
                if (RestrictedPValue(k, sign * mid) > alpha)
                {
                    low = mid;
                }
                else
                {
                    high = mid;
                }
            }

            return (low + high) / 2;
        }

        /// <summary>p-value of θ0 = θ − δ from restricted wild draws: the influence function re-centred on θ0.</summary>
        private double RestrictedPValue(int k, double delta)
        {
            var observed = Math.Abs(delta / StandardErrors[k]);
            var reached = 0;
            for (var b = 0; b < Draws; b++)
            {
                if (Math.Abs(WildT(b, k, delta)) >= observed)
                {
                    reached++;
                }
            }

            return reached / (double)Draws;
        }

        /// <summary>t* of draw b for statistic k, its influence function shifted by δ times the trained shares (δ = 0: unrestricted).</summary>
        private double WildT(int b, int k, double delta)
        {
            double sum = 0;
            var row = b * clusters;
            for (var c = 0; c < clusters; c++)
            {
                var at = c * Statistics + k;
                sum += weights[row + c] * (sums[at] + delta * shares[at]);
            }

            double square = 0;
            for (var c = 0; c < clusters; c++)
            {
                var at = c * Statistics + k;
                var residual = weights[row + c] * (sums[at] + delta * shares[at]) - sum * shares[at];
                square += residual * residual;
            }

            var scale = Math.Sqrt(square * correction);
            return scale > 0 ? sum / scale : 0;
        }

        /// <summary>The (1−α) quantile of max over <paramref name="family"/> of |t*| (unrestricted): one estimate gives a pointwise interval, several a simultaneous band.</summary>
        public double CriticalValue(IReadOnlyList<int> family, double alpha = 0.05)
        {
            if (Draws == 0 || family.Count == 0)
            {
                return double.NaN;
            }

            var maxima = new double[Draws];
            for (var b = 0; b < Draws; b++)
            {
                double max = 0;
                foreach (var k in family)
                {
                    max = Math.Max(max, Wild ? Math.Abs(WildT(b, k, 0)) : absT[(long)b * Statistics + k]);
                }

                maxima[b] = max;
            }

            Array.Sort(maxima);
            return TrainingEffectMath.Quantile(maxima, 1 - alpha);
        }

        /// <summary>
        /// p-value of the joint test that every estimate of the family is zero: max |θ/se| against the draws' max |t*|, the
        /// wild draws restricted to the null (each influence function re-centred on 0).
        /// </summary>
        public double JointPValue(IReadOnlyList<int> family)
        {
            var observed = family.Max(k => StandardErrors[k] > 0 ? Math.Abs(estimates[k] / StandardErrors[k]) : 0);
            var reached = 0;
            for (var b = 0; b < Draws; b++)
            {
                double max = 0;
                foreach (var k in family)
                {
                    max = Math.Max(max, Wild ? Math.Abs(WildT(b, k, estimates[k])) : absT[(long)b * Statistics + k]);
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
        private static readonly double[] T975 =
        {
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        };

        /// <summary>The 97.5% quantile of Student's t with <paramref name="degrees"/> degrees of freedom (at least 1; the normal's beyond 30).</summary>
        public static double StudentT975(int degrees) => degrees < 1 ? T975[0] : degrees <= T975.Length ? T975[degrees - 1] : 1.96;

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
