using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;

namespace SocialToolkit.HelpCompiler;

/// <summary>
/// Writes MAML (the format Get-Help reads) from a cmdlet's metadata and its markdown page. Syntax, types,
/// mandatory flags and pipeline input come from the code, so the help cannot drift from the parameters.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>Parameters every cmdlet gets from PowerShell; Get-Help lists them itself.</summary>
    private static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    /// <summary>The address of a cmdlet's page: its markdown in the project's repository.</summary>
    public static string OnlineUri(string projectUri, string cmdletName) => projectUri.TrimEnd('/') + "/blob/main/docs/cmdlets/" + cmdletName + ".md";

    public static XDocument Write(IEnumerable<(Type CmdletType, CmdletMarkdown Page)> cmdlets, string? projectUri = null)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev));
        foreach (var (type, page) in cmdlets)
        {
            root.Add(WriteCommand(type, page, projectUri));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public static string CmdletName(Type type)
    {
        var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
        return attribute.VerbName + "-" + attribute.NounName;
    }

    private static XElement WriteCommand(Type type, CmdletMarkdown page, string? projectUri)
    {
        var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
        var name = CmdletName(type);
        var parameters = Parameters(type).ToList();
        var defaults = Activator.CreateInstance(type);
        var sets = parameters.SelectMany(p => p.Attributes.Select(a => a.ParameterSetName)).Where(s => s != ParameterAttribute.AllParameterSets).Distinct().ToList();
        if (sets.Count == 0)
        {
            sets.Add(ParameterAttribute.AllParameterSets);
        }

        var syntax = new XElement(Command + "syntax");
        foreach (var set in sets)
        {
            var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", name));
            foreach (var parameter in parameters)
            {
                var inSet = parameter.Attributes.FirstOrDefault(a => a.ParameterSetName == set) ?? parameter.Attributes.FirstOrDefault(a => a.ParameterSetName == ParameterAttribute.AllParameterSets);
                if (inSet != null)
                {
                    item.Add(ParameterElement(parameter.Property, inSet, page, defaults));
                }
            }

            if (attribute.SupportsShouldProcess)
            {
                item.Add(ShouldProcessSwitches(page));
            }

            syntax.Add(item);
        }

        // -WhatIf and -Confirm come from PowerShell, but what they do is the command's own: the page's text when it has one.
        var parameterList = new XElement(Command + "parameters",
            parameters.Select(p => ParameterElement(p.Property, p.Attributes[0], page, defaults)),
            attribute.SupportsShouldProcess ? ShouldProcessSwitches(page) : null);

        var command = new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", name),
                new XElement(Command + "verb", attribute.VerbName),
                new XElement(Command + "noun", attribute.NounName),
                new XElement(Maml + "description", Para(page.Synopsis))),
            new XElement(Maml + "description", page.Description.Select(Para)),
            syntax,
            parameterList,
            new XElement(Command + "inputTypes", page.Inputs.Select(i => new XElement(Command + "inputType", TypeElement(i.Type), new XElement(Maml + "description", Para(i.Text))))),
            new XElement(Command + "returnValues", OutputTypes(type, page).Select(o => new XElement(Command + "returnValue", TypeElement(o.Type), new XElement(Maml + "description", Para(o.Text))))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", page.Notes.Select(Para))),
            new XElement(Command + "examples", page.Examples.Select((example, index) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
                new XElement(Dev + "code", example.Code.TrimEnd()),
                new XElement(Dev + "remarks", example.Remarks.Select(Para))))),
            new XElement(Command + "relatedLinks",
                projectUri == null ? null : new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", "Online Version:"), new XElement(Maml + "uri", OnlineUri(projectUri, name))),
                page.Links.Select(l => new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));
        return command;
    }

    private static IEnumerable<(string Type, string Text)> OutputTypes(Type type, CmdletMarkdown page)
    {
        if (page.Outputs.Count > 0)
        {
            return page.Outputs;
        }

        return type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(o => o.Type).Select(t => (t.Name, string.Empty));
    }

    private static IEnumerable<(PropertyInfo Property, List<ParameterAttribute> Attributes)> Parameters(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attributes: p.GetCustomAttributes<ParameterAttribute>().ToList()))
            .Where(p => p.Attributes.Count > 0 && !CommonParameters.Contains(p.Property.Name))
            .OrderBy(p => p.Attributes.Min(a => a.Position < 0 ? int.MaxValue : a.Position))
            .ThenBy(p => p.Attributes.Any(a => a.Mandatory) ? 0 : 1);

    private static XElement ParameterElement(PropertyInfo property, ParameterAttribute attribute, CmdletMarkdown page, object? defaults)
    {
        var isSwitch = property.PropertyType == typeof(SwitchParameter);
        var typeName = FriendlyTypeName(property.PropertyType);
        var pipeline = attribute.ValueFromPipeline && attribute.ValueFromPipelineByPropertyName ? "True (ByValue, ByPropertyName)"
            : attribute.ValueFromPipeline ? "True (ByValue)"
            : attribute.ValueFromPipelineByPropertyName ? "True (ByPropertyName)" : "False";
        var aliases = property.GetCustomAttribute<AliasAttribute>()?.AliasNames;
        var validValues = property.GetCustomAttribute<ValidateSetAttribute>()?.ValidValues;
        var description = page.Parameters.TryGetValue(property.Name, out var text) ? text : new List<string>();
        var element = new XElement(Command + "parameter",
            new XAttribute("required", attribute.Mandatory ? "true" : "false"),
            new XAttribute("variableLength", property.PropertyType.IsArray ? "true" : "false"),
            new XAttribute("globbing", property.GetCustomAttribute<SupportsWildcardsAttribute>() != null ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", attribute.Position < 0 ? "named" : attribute.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("aliases", aliases == null || aliases.Count == 0 ? "none" : string.Join(", ", aliases)),
            new XElement(Maml + "name", property.Name),
            new XElement(Maml + "description", description.Select(Para)));
        if (validValues != null && validValues.Count > 0)
        {
            element.Add(new XElement(Command + "parameterValueGroup", validValues.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }
        else if (!isSwitch)
        {
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), typeName));
        }

        element.Add(TypeElement(typeName), new XElement(Dev + "defaultValue", DefaultValue(property, defaults)));
        return element;
    }

    /// <summary>The value a new cmdlet object gives the parameter, so help shows defaults such as 5 or Department.</summary>
    private static string DefaultValue(PropertyInfo property, object? defaults)
    {
        var value = defaults == null ? null : property.GetValue(defaults);
        return value switch
        {
            null => "None",
            SwitchParameter flag => flag.IsPresent ? "True" : "False",
            string text when text.Length == 0 => "None",
            Array array when array.Length == 0 => "None",
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "None",
        };
    }

    private static IEnumerable<XElement> ShouldProcessSwitches(CmdletMarkdown page)
    {
        yield return SwitchElement("WhatIf", PageText(page, "WhatIf") ?? "Shows what would happen if the command ran. The command is not run.");
        yield return SwitchElement("Confirm", PageText(page, "Confirm") ?? "Asks for confirmation before running the command.");
    }

    private static string? PageText(CmdletMarkdown page, string parameter) =>
        page.Parameters.TryGetValue(parameter, out var text) && text.Count > 0 ? string.Join(" ", text) : null;

    private static XElement SwitchElement(string name, string description) =>
        new(Command + "parameter",
            new XAttribute("required", "false"), new XAttribute("variableLength", "false"), new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", "False"), new XAttribute("position", "named"), new XAttribute("aliases", name == "WhatIf" ? "wi" : "cf"),
            new XElement(Maml + "name", name), new XElement(Maml + "description", Para(description)), TypeElement("SwitchParameter"), new XElement(Dev + "defaultValue", "False"));

    private static XElement TypeElement(string name) => new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    private static XElement Para(string text) => new(Maml + "para", text);

    private static string FriendlyTypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsArray ? FriendlyTypeName(underlying.GetElementType()!) + "[]" : underlying.Name;
    }
}
