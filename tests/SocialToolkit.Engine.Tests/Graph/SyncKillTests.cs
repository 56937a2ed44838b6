using System.Diagnostics;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Graph.Sync;
using Xunit;

namespace SocialToolkit.Engine.Tests.Graph;

public sealed class SyncKillTests
{
    private static string SyncProcessPath()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        var repository = testBin;
        while (repository != null && !File.Exists(Path.Combine(repository.FullName, "SocialToolkit.sln")))
        {
            repository = repository.Parent;
        }

        var path = Path.Combine(repository!.FullName, "tests", "SocialToolkit.SyncProcess", "bin", testBin.Parent.Parent!.Name == "bin" ? configuration : "Debug", "net10.0", "SocialToolkit.SyncProcess.dll");
        Assert.True(File.Exists(path), "The sync process was not built: " + path);
        return path;
    }

    private static Process Start(string endpoint, string token, StoreLocation store, List<string> lines)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // As for the module: the store from the environment, so a connection string's password is not on the command line.
        info.Environment[StorePaths.EnvironmentVariable] = store.GetConnectionString() ?? store.FilePath;
        foreach (var argument in new[] { SyncProcessPath(), "--endpoint", endpoint, "--token", token, "--today", GraphFixture.Today.ToString("yyyy-MM-dd") })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lock (lines)
                {
                    lines.Add("stderr: " + e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int Stored(List<string> lines)
    {
        lock (lines)
        {
            return lines.Count(l => l.StartsWith("stored ", StringComparison.Ordinal));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task A_sync_killed_halfway_leaves_whole_days_and_a_rerun_gives_the_store_of_an_uninterrupted_run(string backend)
    {
        using var killedStore = StoreTarget.ForFirstUse(backend);
        using var referenceStore = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 200);
        graph.Reports.DownloadLatency = TimeSpan.FromMilliseconds(250);
        var token = GraphFixture.Token(graph.Server.Tenant.TenantId, delegated: false);
        graph.Server.RequiredBearerToken = token;
        var killed = killedStore.Location;
        var lines = new List<string>();

        using (var process = Start(graph.Server.BaseUrl.ToString(), token, killed, lines))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (Stored(lines) < 8 && !process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.False(process.HasExited, "The sync ended before it could be killed: " + string.Join(Environment.NewLine, lines));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var storedBeforeKill = Stored(lines);
        Assert.InRange(storedBeforeKill, 8, 2 * 27 - 1);

        // The reference: the same sync, uninterrupted, in this process.
        graph.Reports.DownloadLatency = TimeSpan.Zero;
        var reference = referenceStore.Location;
        using (var session = await graph.ConnectAsync())
        {
            var request = new SyncRequest { StorePath = reference, Today = GraphFixture.Today, PaceWindow = TimeSpan.Zero, ReadOptions = GraphFixture.FastRetries };
            await SocialSync.RunAsync(session, request, SocialSync.Plan(request), SilentReporter.Instance, CancellationToken.None);
        }

        // Connecting in this process set another token: the re-run uses the first one again.
        graph.Server.RequiredBearerToken = token;
        var referenceSnapshot = StoreSnapshot.Read(reference);
        using (var store = SocialStore.Open(killed, createIfMissing: false))
        {
            Assert.Equal("ok", store.IntegrityCheck());
            var coverage = store.ReadCoverage();
            Assert.InRange(coverage.Count, storedBeforeKill, storedBeforeKill + 1);
            foreach (var day in coverage)
            {
                var rows = store.ReadActivity(day.Day, day.Day, day.Network).ToList();
                Assert.Equal(day.RowCount, rows.Count);
                var expected = referenceSnapshot.Count(l => l.StartsWith("activity: ", StringComparison.Ordinal) && l.Contains($"|{day.Network}|{day.Day:yyyy-MM-dd}|", StringComparison.Ordinal));
                Assert.Equal(expected, rows.Count);
            }

            Assert.Equal("Running", store.ReadLog(1).Single().Outcome);
        }

        lines.Clear();
        using (var rerun = Start(graph.Server.BaseUrl.ToString(), token, killed, lines))
        {
            await rerun.WaitForExitAsync();
            Assert.True(rerun.ExitCode == 0, string.Join(Environment.NewLine, lines));
        }

        Assert.InRange(Stored(lines), (2 * 27) - storedBeforeKill - 1, (2 * 27) - storedBeforeKill);
        Assert.Equal(referenceSnapshot, StoreSnapshot.Read(killed));
    }
}
