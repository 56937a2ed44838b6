using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace SocialToolkit.PowerShell.Tests.Hosting;

/// <summary>
/// A PowerShell host that records what a user would see: -WhatIf lines and other host output go to
/// <see cref="RecordingHostUserInterface.Lines"/>, -Confirm prompts are recorded and answered as told.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly Guid id = Guid.NewGuid();

    public RecordingHost() => UI = new RecordingHostUserInterface();

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override Guid InstanceId => id;
    public override string Name => "SocialToolkitTestHost";
    public override RecordingHostUserInterface UI { get; }
    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

public sealed class RecordingHostUserInterface : PSHostUserInterface
{
    private readonly List<string> lines = new();
    private readonly List<string> prompts = new();

    /// <summary>Lines written to the host (what -WhatIf prints), in order.</summary>
    public IReadOnlyList<string> Lines { get { lock (lines) { return lines.ToList(); } } }

    /// <summary>Confirmation prompts shown (caption: message).</summary>
    public IReadOnlyList<string> Prompts { get { lock (prompts) { return prompts.ToList(); } } }

    /// <summary>The choice label prompts are answered with: "Yes", "No", "Yes to All"...</summary>
    public string ConfirmAnswer { get; set; } = "No";

    public override PSHostRawUserInterface RawUI { get; } = new RecordingRawUserInterface();

    public override void Write(string value) => Record(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Record(value);
    public override void WriteLine(string value) => Record(value);
    public override void WriteErrorLine(string value) => Record(value);
    public override void WriteDebugLine(string message) => Record("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => Record("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => Record("WARNING: " + message);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        lock (prompts)
        {
            prompts.Add(caption + ": " + message);
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i].Label.Replace("&", string.Empty), ConfirmAnswer, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return defaultChoice;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new InvalidOperationException($"The command prompted for input ({caption}: {message}); tests must pass every mandatory parameter.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new InvalidOperationException("The command prompted for a credential.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new InvalidOperationException("The command prompted for a credential.");

    public override string ReadLine() => throw new InvalidOperationException("The command read from the console.");
    public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("The command read from the console.");

    private void Record(string value)
    {
        lock (lines)
        {
            lines.Add(value);
        }
    }
}

internal sealed class RecordingRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override Size BufferSize { get; set; } = new(200, 50);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(200, 50);
    public override Size MaxWindowSize => new(200, 50);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(200, 50);
    public override string WindowTitle { get; set; } = string.Empty;

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("The command read a key.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
