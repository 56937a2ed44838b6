using System.Text.RegularExpressions;

namespace SocialToolkit.HelpCompiler;

/// <summary>Values read from the module manifest's text (a .psd1 is PowerShell data, not JSON; these keys are plain strings).</summary>
public static class ManifestText
{
    public static string? ProjectUri(string manifest)
    {
        var match = Regex.Match(manifest, @"ProjectUri\s*=\s*'([^']+)'");
        return match.Success ? match.Groups[1].Value : null;
    }
}
