using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace SocialToolkit.ScriptHost;

/// <summary>A minimal console host: output and streams to the console, prompts answered from stdin when there is one.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly Guid id = Guid.NewGuid();

    public ConsoleHost() => UI = new ConsoleUserInterface();

    public int? ExitCode { get; private set; }
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override Guid InstanceId => id;
    public override string Name => "SocialToolkitScriptHost";
    public override PSHostUserInterface UI { get; }
    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}

internal sealed partial class ConsoleUserInterface : PSHostUserInterface
{
    public override PSHostRawUserInterface RawUI { get; } = new ConsoleRawUserInterface();

    public override void Write(string value) => Console.Out.Write(Plain(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Out.Write(Plain(value));
    public override void WriteLine(string value) => Console.Out.WriteLine(Plain(value));
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(Plain(value));

    /// <summary>Logs and CI read plain text: formatting's colour sequences are dropped when output is redirected.</summary>
    private static string Plain(string value) => Console.IsOutputRedirected ? AnsiSequence().Replace(value, string.Empty) : value;

    [System.Text.RegularExpressions.GeneratedRegex("\x1b\\[[0-9;?]*[A-Za-z]")]
    private static partial System.Text.RegularExpressions.Regex AnsiSequence();
    public override void WriteDebugLine(string message) => Console.Out.WriteLine("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => Console.Out.WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => Console.Out.WriteLine("WARNING: " + message);

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        // A log-friendly progress line, once per status change, instead of a redrawn bar.
        if (record.RecordType != ProgressRecordType.Completed && !Console.IsOutputRedirected)
        {
            Console.Out.Write($"\r{record.Activity}: {record.StatusDescription}".PadRight(Math.Min(Console.WindowWidth - 1, 120)));
        }
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Console.Out.WriteLine(caption);
        Console.Out.WriteLine(message);
        if (Console.IsInputRedirected)
        {
            return defaultChoice;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            Console.Out.Write($"[{choices[i].Label.Replace("&", string.Empty)}] ");
        }

        var answer = Console.ReadLine() ?? string.Empty;
        for (var i = 0; i < choices.Count; i++)
        {
            var label = choices[i].Label.Replace("&", string.Empty);
            if (label.Equals(answer, StringComparison.OrdinalIgnoreCase) || (answer.Length == 1 && label.StartsWith(answer, StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return defaultChoice;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        var answers = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            Console.Out.Write(field.Name + ": ");
            answers[field.Name] = new PSObject(ReadLine());
        }

        return answers;
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("Credential prompts are not supported; pass credentials as parameters.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("Credential prompts are not supported; pass credentials as parameters.");

    public override string ReadLine() => Console.IsInputRedirected ? string.Empty : Console.ReadLine() ?? string.Empty;

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        if (Console.IsInputRedirected)
        {
            return secure;
        }

        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            secure.AppendChar(key.KeyChar);
        }

        Console.Out.WriteLine();
        return secure;
    }
}

internal sealed class ConsoleRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override Size BufferSize { get; set; } = new(Console.IsOutputRedirected ? 160 : Math.Max(80, Console.BufferWidth), 9999);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override bool KeyAvailable => !Console.IsInputRedirected && Console.KeyAvailable;
    public override Size MaxPhysicalWindowSize => BufferSize;
    public override Size MaxWindowSize => BufferSize;
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(160, 50);
    public override string WindowTitle { get; set; } = string.Empty;

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("Reading keys is not supported.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
