using SocialToolkit.Reports.Workbook;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>Values made on another core: the caller gets them or their failure, and disposing never leaves one running.</summary>
public sealed class MadeAheadTests
{
    [Fact]
    public async Task The_value_or_its_failure_reaches_the_caller_and_disposal_waits_then_disposes()
    {
        using (var answer = new MadeAhead<int>(() => 42))
        {
            Assert.Equal(42, answer.Value);
        }

        using (var failing = new MadeAhead<int>(() => throw new InvalidDataException("the maker's own failure")))
        {
            Assert.Equal("the maker's own failure", Assert.Throws<InvalidDataException>(() => failing.Value).Message);
        }

        // Disposed without being asked for: waits for the slow maker, then disposes what it made.
        var release = new ManualResetEventSlim();
        var made = new Disposable();
        var slow = new MadeAhead<Disposable>(() =>
        {
            release.Wait();
            return made;
        });
        var disposing = Task.Run(slow.Dispose);
        Assert.NotSame(disposing, await Task.WhenAny(disposing, Task.Delay(200)));
        Assert.False(made.Disposed);
        release.Set();
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(made.Disposed);

        // A failure nobody asked for is not raised by disposal.
        new MadeAhead<int>(() => throw new InvalidDataException("unused")).Dispose();
    }

    private sealed class Disposable : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
