using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SocialToolkit.PowerShell.Tests.Hosting;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Connection;

public sealed class CertificateTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "socialtoolkit-cert-" + Guid.NewGuid().ToString("N"));

    public CertificateTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string WritePfx(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=SocialToolkit test app", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(folder, "app.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public void Wrong_certificate_password_names_the_file_and_never_shows_the_password()
    {
        var path = WritePfx("the-right-password");
        const string wrongPassword = "Wr0ng-Pa55word-Value";
        using var session = new ModuleSession();

        var result = session.Run(
            "Connect-SocialToolkit -TenantId contoso.test -ClientId 11111111-2222-3333-4444-555555555555 -CertificatePath $path -CertificatePassword $password -GraphEndpoint http://127.0.0.1:9/v1.0",
            new Dictionary<string, object?> { ["path"] = path, ["password"] = ConnectTests.Secure(wrongPassword) },
            verbose: true);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("CertificateUnreadable", error.FullyQualifiedErrorId);
        Assert.Contains(path, error.Exception.Message);
        Assert.DoesNotContain(result.AllText(), text => text.Contains(wrongPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(result.AllText(), text => text.Contains("the-right-password", StringComparison.Ordinal));
    }

    [Fact]
    public void Thumbprint_that_is_in_no_store_names_the_thumbprint()
    {
        using var session = new ModuleSession();

        var result = session.Run("Connect-SocialToolkit -TenantId contoso.test -ClientId 11111111-2222-3333-4444-555555555555 -CertificateThumbprint 'ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01' -GraphEndpoint http://127.0.0.1:9/v1.0");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("CertificateNotFound", error.FullyQualifiedErrorId);
        Assert.Contains("ABCDEF0123456789ABCDEF0123456789ABCDEF01", error.Exception.Message);
    }
}
