namespace SocialToolkit.FakeGraph;

public enum FaultKind
{
    /// <summary>429 Too Many Requests with a Retry-After header.</summary>
    Throttle,
    /// <summary>503 Service Unavailable.</summary>
    Unavailable,
    /// <summary>The connection is closed without an answer.</summary>
    Drop,
    /// <summary>200 OK with a JSON body cut in the middle.</summary>
    Malformed,
}

/// <summary>
/// Which requests fail and how: the first N matching requests, and/or a seeded fraction of them.
/// Deterministic for a given seed, so a faulty run can be compared with a fault-free one.
/// </summary>
public sealed class FaultPlan
{
    private readonly object gate = new();
    private readonly List<FaultRule> rules = new();

    public FaultPlan Add(FaultKind kind, int firstCount = 0, double fraction = 0, string? pathContains = null, int retryAfterSeconds = 1, int seed = 42)
    {
        lock (gate)
        {
            rules.Add(new FaultRule(kind, firstCount, fraction, pathContains, retryAfterSeconds, new Random(seed)));
        }

        return this;
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>How many faults were injected so far, per kind.</summary>
    public Dictionary<FaultKind, int> Injected { get; } = new();

    internal FaultRule? Next(string pathAndQuery)
    {
        lock (gate)
        {
            foreach (var rule in rules)
            {
                if (rule.PathContains != null && !pathAndQuery.Contains(rule.PathContains, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                rule.Seen++;
                var hit = rule.Seen <= rule.FirstCount || (rule.Fraction > 0 && rule.Random.NextDouble() < rule.Fraction);
                if (hit)
                {
                    Injected[rule.Kind] = Injected.GetValueOrDefault(rule.Kind) + 1;
                    return rule;
                }
            }

            return null;
        }
    }

    internal sealed class FaultRule(FaultKind kind, int firstCount, double fraction, string? pathContains, int retryAfterSeconds, Random random)
    {
        public FaultKind Kind { get; } = kind;
        public int FirstCount { get; } = firstCount;
        public double Fraction { get; } = fraction;
        public string? PathContains { get; } = pathContains;
        public int RetryAfterSeconds { get; } = retryAfterSeconds;
        public Random Random { get; } = random;
        public int Seen { get; set; }
    }
}
