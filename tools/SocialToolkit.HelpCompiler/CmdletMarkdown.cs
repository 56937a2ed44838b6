using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SocialToolkit.HelpCompiler;

/// <summary>One example of a help page: a title, the code and the text that explains it.</summary>
public sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>
/// A cmdlet's help page in the platyPS markdown layout: level-2 sections (SYNOPSIS, DESCRIPTION, EXAMPLES,
/// PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS), level-3 headings for each example and parameter.
/// </summary>
public sealed class CmdletMarkdown
{
    public string Synopsis { get; private set; } = string.Empty;
    public List<string> Description { get; } = new();
    public List<HelpExample> Examples { get; } = new();
    public Dictionary<string, List<string>> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<(string Type, string Text)> Inputs { get; } = new();
    public List<(string Type, string Text)> Outputs { get; } = new();
    public List<string> Notes { get; } = new();
    public List<(string Text, string Uri)> Links { get; } = new();

    public static CmdletMarkdown Parse(string markdown)
    {
        var page = new CmdletMarkdown();
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseYamlFrontMatter().Build());
        string section = string.Empty;
        string? subsection = null;
        var paragraphs = new List<string>();
        string? code = null;

        void Flush()
        {
            if (subsection == null)
            {
                switch (section)
                {
                    case "SYNOPSIS": page.Synopsis = string.Join(" ", paragraphs); break;
                    case "DESCRIPTION": page.Description.AddRange(paragraphs); break;
                    case "NOTES": page.Notes.AddRange(paragraphs); break;
                }
            }
            else
            {
                switch (section)
                {
                    case "EXAMPLES": page.Examples.Add(new HelpExample(subsection, code ?? string.Empty, paragraphs.ToList())); break;
                    case "PARAMETERS": page.Parameters[subsection.TrimStart('-')] = paragraphs.ToList(); break;
                    case "INPUTS": page.Inputs.Add((subsection, string.Join(" ", paragraphs))); break;
                    case "OUTPUTS": page.Outputs.Add((subsection, string.Join(" ", paragraphs))); break;
                }
            }

            paragraphs.Clear();
            code = null;
        }

        foreach (var block in document)
        {
            switch (block)
            {
                case HeadingBlock heading when heading.Level == 2:
                    Flush();
                    section = InlineText(heading.Inline).Trim().ToUpperInvariant();
                    subsection = null;
                    break;
                case HeadingBlock heading when heading.Level == 3:
                    Flush();
                    subsection = InlineText(heading.Inline).Trim();
                    break;
                case FencedCodeBlock fenced:
                    code = code == null ? fenced.Lines.ToString() : code + "\n" + fenced.Lines.ToString();
                    break;
                case ParagraphBlock paragraph when section == "RELATED LINKS":
                    foreach (var link in paragraph.Inline!.Descendants<LinkInline>())
                    {
                        page.Links.Add((InlineText(link), link.Url ?? string.Empty));
                    }
                    break;
                case ParagraphBlock paragraph:
                    paragraphs.Add(InlineText(paragraph.Inline).Trim());
                    break;
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var text = string.Join(" ", item.Descendants<ParagraphBlock>().Select(p => InlineText(p.Inline).Trim()));
                        paragraphs.Add("- " + text);
                    }
                    break;
            }
        }

        Flush();
        return page;
    }

    private static string InlineText(ContainerInline? container)
    {
        if (container == null)
        {
            return string.Empty;
        }

        var text = new System.Text.StringBuilder();
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline codeInline: text.Append(codeInline.Content); break;
                case LineBreakInline: text.Append(' '); break;
                case ContainerInline nested: text.Append(InlineText(nested)); break;
            }
        }

        return text.ToString();
    }
}
