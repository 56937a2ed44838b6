using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>A report runs without garbage collections up to a budget, and works the same when it cannot have one.</summary>
public sealed class CollectionFreeRegionTests
{
    [Fact]
    public void Work_runs_inside_nested_and_past_the_budget_alike()
    {
        Assert.Equal(42, ReportChecks.WithoutCollections(16L << 20, () => 42));

        // A second region while one runs (two reports at once in a session): the inner one simply collects as usual.
        Assert.Equal("inner", ReportChecks.WithoutCollections(16L << 20, () => ReportChecks.WithoutCollections(16L << 20, () => "inner")));

        // More than the budget: the runtime collects and ends the region; the work goes on and nothing is thrown.
        var kept = ReportChecks.WithoutCollections(1L << 20, () =>
        {
            var chunks = new List<byte[]>();
            for (var i = 0; i < 64; i++)
            {
                chunks.Add(new byte[1 << 20]);
            }

            return chunks.Count;
        });
        Assert.Equal(64, kept);

        Assert.Throws<InvalidDataException>(() => ReportChecks.WithoutCollections<int>(16L << 20, () => throw new InvalidDataException("the report's own failure")));
    }
}
