using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Imports;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Graph;
using SocialToolkit.Engine.Tests.Imports;
using SocialToolkit.Engine.Tests.Reports;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Graph.Sync;
using SocialToolkit.Reports;
using Xunit;
using RecordingReporter = SocialToolkit.Engine.Tests.Graph.RecordingReporter;

namespace SocialToolkit.Engine.Tests.Store;

/// <summary>
/// A password in a store's connection string goes to the driver and nowhere else: not into what the engines return or
/// say, not into the store's own tables, not into workbooks, not into any failure, including the server's refusals.
/// </summary>
public sealed class StoreSecretsTests : IClassFixture<SampleStoreFixture>
{
    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles, WriteIndented = true };

    private readonly SampleStoreFixture samples;

    public StoreSecretsTests(SampleStoreFixture samples) => this.samples = samples;

    /// <summary>Everything a failure carries that a person or a log could see: message, target, inner failures, stack.</summary>
    private static string Everything(Exception failure) => failure + Environment.NewLine + failure.Data.Count + Environment.NewLine + (failure as SocialToolkitException)?.Target;

    private static void HasNo(string secret, string text, string where) =>
        Assert.False(text.Contains(secret, StringComparison.Ordinal), $"the password appears in {where}");

    [SkippableFact]
    public async Task A_password_in_the_connection_never_appears_in_summaries_messages_failures_the_store_or_workbooks()
    {
        var sample = samples.For(StoreTarget.PostgreSql);
        using var temp = new TempDirectory();
        var store = sample.CopyTo(temp);
        using var everyRole = StoreLogin.Create(store, "socialtoolkit_writer", "socialtoolkit_reader", "socialtoolkit_privacy");
        using var reader = StoreLogin.Create(store, "socialtoolkit_reader");
        var location = everyRole.Location;
        var reporter = new RecordingReporter();
        var returned = new List<object>();
        var failures = new List<Exception>();

        // A sync, the three imports, store info, both reports, retention and an erasure: every engine, signed in with a password.
        await using (var graph = await GraphFixture.StartAsync(users: 5))
        {
            graph.Reports.DataLagDays = 27;
            using var session = await graph.ConnectAsync();
            var request = new SyncRequest { StorePath = location, Today = GraphFixture.Today, PaceWindow = TimeSpan.Zero, SkipTraining = true, ReadOptions = GraphFixture.FastRetries };
            returned.Add(await SocialSync.RunAsync(session, request, SocialSync.Plan(request), reporter, CancellationToken.None));
        }

        var staff = temp.File("hr.csv");
        File.WriteAllText(staff, "Email,Department\r\nuser000001@contoso.test,Legal\r\n");
        returned.Add(StaffImporter.Apply(StaffImporter.Prepare(new StaffImportOptions { Path = staff, StorePath = location }, reporter, CancellationToken.None), reporter, CancellationToken.None));
        var training = temp.File("training.csv");
        File.WriteAllText(training, "UserPrincipalName,CourseId,CompletedDate\r\nuser000001@contoso.test,SOC-999,2026-11-02\r\n");
        returned.Add(TrainingImporter.Apply(TrainingImporter.Prepare(new TrainingImportOptions { Path = training, StorePath = location }, reporter, CancellationToken.None), reporter, CancellationToken.None));
        var activity = temp.File("linkedin.csv");
        File.WriteAllText(activity, "Email,Date,Posts\r\nuser000001@contoso.test,2026-11-02,2\r\n");
        returned.Add(ActivityImporter.Apply(ActivityImporter.Prepare(new ActivityImportOptions { Path = activity, StorePath = location, Network = SocialNetworks.LinkedIn }, reporter, CancellationToken.None), reporter, CancellationToken.None));
        returned.Add(StoreInspector.Read(location, reporter, CancellationToken.None));
        var workbooks = new[] { temp.File("participation.xlsx"), temp.File("training.xlsx") };
        returned.Add(ParticipationReport.Export(new ParticipationReportRequest { Path = workbooks[0], StorePath = location, IncludeIndividuals = true }, reporter, CancellationToken.None));
        returned.Add(TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = workbooks[1], StorePath = location, BootstrapReplicates = 49 }, reporter, CancellationToken.None));
        var removal = new StoreRemovalSummary { StorePath = location.Display };
        StoreCleaner.ApplyRetention(StoreCleaner.PlanRetention(location, new DateTime(2026, 1, 1), includeTraining: false), removal, reporter, CancellationToken.None);
        StoreCleaner.ApplyErasure(StoreCleaner.PlanErasure(location, "user000002@contoso.test"), removal, reporter, CancellationToken.None);
        returned.Add(removal);

        // And what refuses: the compaction a server does itself, a reader's write, a reader's sync.
        failures.Add(Assert.Throws<SocialToolkitException>(() => StoreCleaner.Compact(location, removal, reporter, CancellationToken.None)));
        failures.Add(Assert.Throws<SocialToolkitException>(() => StoreCleaner.ApplyErasure(StoreCleaner.PlanErasure(reader.Location, "user000003@contoso.test"), new StoreRemovalSummary(), reporter, CancellationToken.None)));
        failures.Add(Assert.Throws<SocialToolkitException>(() => StaffImporter.Apply(StaffImporter.Prepare(new StaffImportOptions { Path = staff, StorePath = reader.Location }, reporter, CancellationToken.None), reporter, CancellationToken.None)));
        Assert.Equal(new[] { "CompactNeedsFile", "StoreAccessDenied", "StoreAccessDenied" }, failures.Select(f => ((SocialToolkitException)f).ErrorId));

        Assert.Equal(8, returned.Count);
        Assert.All(returned.OfType<SyncSummary>(), s => Assert.Empty(s.Failures));
        var said = string.Join(Environment.NewLine, reporter.Progress.Select(p => p.Activity + " " + p.Status).Concat(reporter.Verbose).Concat(reporter.Warnings).Concat(reporter.Notices));
        var summaries = string.Join(Environment.NewLine, returned.Select(r => JsonSerializer.Serialize(r, r.GetType(), Json)));
        var tables = Imports.StoreSnapshot.Of(store);
        foreach (var password in new[] { everyRole.Password, reader.Password })
        {
            HasNo(password, summaries, "a returned summary");
            HasNo(password, said, "progress, verbose, warnings or notices");
            Assert.All(failures, f => HasNo(password, Everything(f), "a failure"));
            HasNo(password, tables, "the store's tables");
            foreach (var workbook in workbooks)
            {
                using var zip = ZipFile.OpenRead(workbook);
                foreach (var entry in zip.Entries)
                {
                    using var text = new StreamReader(entry.Open());
                    HasNo(password, text.ReadToEnd(), $"{Path.GetFileName(workbook)}/{entry.FullName}");
                }
            }
        }

        // The summaries name the store as people see it: the server and database, with the user and without the password.
        Assert.Contains(location.Display, summaries, StringComparison.Ordinal);
        Assert.Contains(everyRole.UserName, location.Display, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_wrong_password_is_StoreSignInRefused_and_is_not_repeated()
    {
        using var target = StoreTarget.Create(StoreTarget.PostgreSql);
        using var reader = StoreLogin.Create(target.Location, "socialtoolkit_reader");
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        var wrong = StoreLocation.Server(new NpgsqlConnectionStringBuilder(reader.Location.GetConnectionString()) { Password = wrongPassword }.ConnectionString);
        using var temp = new TempDirectory();

        var failures = new Exception[]
        {
            Assert.Throws<SocialToolkitException>(() => SocialStore.Open(wrong)),
            Assert.Throws<SocialToolkitException>(() => StoreInspector.Read(wrong, SilentReporter.Instance, CancellationToken.None)),
            Assert.Throws<SocialToolkitException>(() => SocialSync.Plan(new SyncRequest { StorePath = wrong, Today = GraphFixture.Today })),
            Assert.Throws<SocialToolkitException>(() => ParticipationReport.Export(new ParticipationReportRequest { Path = temp.File("p.xlsx"), StorePath = wrong }, SilentReporter.Instance, CancellationToken.None)),
        };

        foreach (SocialToolkitException failure in failures)
        {
            Assert.Equal(("StoreSignInRefused", FailureKind.PermissionDenied), (failure.ErrorId, failure.Kind));
            Assert.Contains("refused the user name or password", failure.Message, StringComparison.Ordinal);
            Assert.Contains(reader.UserName, failure.Message, StringComparison.Ordinal);
            HasNo(wrongPassword, Everything(failure), "the failure");
            HasNo(reader.Password, Everything(failure), "the failure");
        }
    }

    // No test server needed: nothing is reached.
    [Theory]
    [InlineData("an address nothing answers at")]
    [InlineData("a port that takes the connection and never answers")]
    public void An_unreachable_server_is_StoreUnreachable_within_the_connection_timeout_and_keeps_the_password(string server)
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");

        // 192.0.2.1 is reserved for documentation (RFC 5737): no route to it, or no answer. A listener that never accepts
        // still completes TCP connections (the system's backlog), then says nothing: the driver waits for the server's
        // greeting until its Timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var (host, port) = server.StartsWith("an address", StringComparison.Ordinal) ? ("192.0.2.1", 5432) : ("127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port);
        var nowhere = StoreLocation.Server($"Host={host};Port={port};Database=store;Username=hr_anna;Password={password};Timeout=2");
        var elapsed = Stopwatch.StartNew();
        var failure = Assert.Throws<SocialToolkitException>(() => StoreInspector.Read(nowhere, SilentReporter.Instance, CancellationToken.None));
        elapsed.Stop();

        Assert.Equal(("StoreUnreachable", FailureKind.ConnectionFailed), (failure.ErrorId, failure.Kind));
        Assert.StartsWith($"postgresql://hr_anna@{host}:{port}/store: ", failure.Message, StringComparison.Ordinal);
        HasNo(password, Everything(failure), "the failure");

        // The driver's own default is 15 s: well under it, the connection's Timeout=2 reached the driver.
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(12), $"gave up after {elapsed.Elapsed.TotalSeconds:0.0} s");
    }
}
