using System.Diagnostics;

namespace SocialToolkit.Benchmarks.Shared;

/// <summary>Samples the process's working set every 10 ms, since PeakWorkingSet64 only knows the whole run's peak.</summary>
public sealed class PeakSampler : IDisposable
{
    private readonly Thread thread;
    private volatile bool stopping;
    private long peak;

    public PeakSampler()
    {
        thread = new Thread(() =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stopping)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                Thread.Sleep(10);
            }
        }) { IsBackground = true };
        thread.Start();
    }

    /// <summary>Stops sampling; the highest working set seen, in MB.</summary>
    public long Stop()
    {
        stopping = true;
        thread.Join();
        return peak / 1048576;
    }

    public void Dispose()
    {
        if (!stopping)
        {
            Stop();
        }
    }
}
