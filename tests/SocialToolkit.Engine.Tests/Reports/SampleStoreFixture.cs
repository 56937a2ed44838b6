using SocialToolkit.Core.Model;
using SocialToolkit.Engine.Tests.Support;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>One 500-person, 180-day sample store shared by the workbook tests of a class.</summary>
public sealed class SampleStoreFixture : IDisposable
{
    private readonly TempDirectory folder = new();

    public SampleStoreFixture()
    {
        StorePath = folder.File("sample.db");
        Info = SampleStoreGeneratorTests.Create(StorePath);
    }

    public string StorePath { get; }

    public SampleStoreInfo Info { get; }

    /// <summary>
    /// A private copy of the store: every workbook written records what it published in the store's ledger, so a test that
    /// asserts which rows are shown works on its own copy, whatever other tests wrote before.
    /// </summary>
    public string CopyTo(TempDirectory temp)
    {
        var copy = temp.File("store-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(StorePath, copy);
        return copy;
    }

    public void Dispose() => folder.Dispose();
}
