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

    public void Dispose() => folder.Dispose();
}
