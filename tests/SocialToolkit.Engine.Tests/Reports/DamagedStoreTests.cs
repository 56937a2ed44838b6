using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// A store damaged after it was opened fine (a bad disk, a copy cut short) is named as the store's problem, with the
/// store's error id, not as an unexpected failure; and no workbook is left behind. File only: it damages the file's
/// pages, and a server keeps its pages to itself (its own failures: Store/StoreSecretsTests, PostgresBackend.Failure).
/// </summary>
public sealed class DamagedStoreTests : IClassFixture<SampleStoreFixture>
{
    private readonly SampleStoreFixture sample;

    public DamagedStoreTests(SampleStoreFixture sample) => this.sample = sample;

    [Fact]
    public void Reports_on_a_store_with_damaged_pages_fail_with_the_store_error()
    {
        using var temp = new TempDirectory();
        var store = sample.CopyTo(temp).FilePath!;
        Damage(store);

        var participation = temp.File("participation.xlsx");
        var failure = Assert.Throws<SocialToolkitException>(() => ParticipationReport.Export(new ParticipationReportRequest { Path = participation, StorePath = store }, SilentReporter.Instance, CancellationToken.None));
        Assert.StartsWith("Store", failure.ErrorId, StringComparison.Ordinal);
        Assert.Contains(store, failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(participation));

        var effect = temp.File("effect.xlsx");
        failure = Assert.Throws<SocialToolkitException>(() => TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = effect, StorePath = store }, SilentReporter.Instance, CancellationToken.None));
        Assert.StartsWith("Store", failure.ErrorId, StringComparison.Ordinal);
        Assert.False(File.Exists(effect));
    }

    /// <summary>Overwrites the middle fifth of the file, where the activity rows are, leaving the header page whole.</summary>
    private static void Damage(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var from = file.Length * 2 / 5;
        var garbage = Enumerable.Repeat((byte)0xA5, (int)(file.Length / 5)).ToArray();
        file.Position = from;
        file.Write(garbage);
    }
}
