using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GenQ.Contracts.Jobs;

namespace GenQ.SearchApi.Demo;

/// <summary>
/// Turns the XML documentation of the .NET reference assemblies into passages: one per documented member, with the
/// member's readable name as title and its summary, remarks and return description as text. <c>&lt;see cref&gt;</c>
/// becomes the short name it points at, <c>&lt;paramref&gt;</c> and <c>&lt;typeparamref&gt;</c> the parameter name.
/// </summary>
public static partial class ApiReferenceCorpus
{
    /// <summary>
    /// Reads the documentation files of <paramref name="assemblies"/> (all when null) in
    /// <paramref name="referenceDirectory"/>, keeping members of types in <paramref name="namespaces"/> (all when null).
    /// </summary>
    public static IEnumerable<PassageRecord> Read(string referenceDirectory, IReadOnlyCollection<string>? assemblies = null,
        IReadOnlyCollection<string>? namespaces = null)
    {
        var files = Directory.EnumerateFiles(referenceDirectory, "*.xml")
            .Where(file => assemblies is null || assemblies.Contains(Path.GetFileNameWithoutExtension(file), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var passage in ReadFile(file, namespaces))
            {
                yield return passage;
            }
        }
    }

    public static IEnumerable<PassageRecord> ReadFile(string path, IReadOnlyCollection<string>? namespaces = null)
    {
        var document = XDocument.Load(path);
        var members = document.Descendants("member")
            .Select(member => (Element: member, Id: member.Attribute("name")?.Value ?? ""))
            .Where(member => member.Id.Length > 2 && member.Id[1] == ':')
            .ToList();
        var types = members.Where(m => m.Id[0] == 'T').Select(m => m.Id[2..]).ToHashSet(StringComparer.Ordinal);
        foreach (var (member, id) in members)
        {
            if (namespaces is not null && !namespaces.Contains(NamespaceOf(id, types), StringComparer.Ordinal))
            {
                continue;
            }
            var text = string.Join(" ", new[] { "summary", "remarks", "returns" }
                .Select(section => member.Element(section))
                .Where(element => element is not null)
                .Select(element => Flatten(element!))
                .Where(part => part.Length > 0));
            if (text.Length == 0)
            {
                continue;
            }
            // '#' marks split passages in GenQ ids (and stands for constructors in doc ids): use '.' instead.
            yield return new PassageRecord(id.Replace('#', '.'), Title(id), text);
        }
    }

    /// <summary>"M:System.IO.File.ReadLines(System.String)" → "System.IO.File.ReadLines(String)".</summary>
    public static string Title(string memberId)
    {
        var name = memberId[2..].Replace("#ctor", "ctor", StringComparison.Ordinal);
        var open = name.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? name : name[..open] + Namespaces().Replace(name[open..], "");
    }

    /// <summary>The namespace of the type that declares <paramref name="id"/> (nested types climb to their outer type).</summary>
    private static string NamespaceOf(string id, HashSet<string> types)
    {
        var name = id[2..].Split('(')[0];
        var type = id[0] == 'T' ? name : name[..Math.Max(0, name.LastIndexOf('.'))];
        while (type.LastIndexOf('.') is var dot and > 0 && types.Contains(type[..dot]))
        {
            type = type[..dot];
        }
        return type[..Math.Max(0, type.LastIndexOf('.'))];
    }

    private static string Flatten(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText plain => plain.Value,
                XElement { Name.LocalName: "see" or "seealso" } see => see.Attribute("cref") is { } cref
                    ? ShortName(cref.Value)
                    : see.Attribute("langword")?.Value ?? see.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? "",
                XElement nested => Flatten(nested),
                _ => "",
            });
            text.Append(' ');
        }
        return Whitespace().Replace(text.ToString(), " ").Replace(" .", ".", StringComparison.Ordinal).Trim();
    }

    /// <summary>A cref as a reader would say it: "T:System.String" → "String", "M:System.IO.File.ReadLines(...)" → "File.ReadLines".</summary>
    private static string ShortName(string cref)
    {
        var kind = cref.Length > 2 && cref[1] == ':' ? cref[0] : 'T';
        var parts = cref[(cref.IndexOf(':') + 1)..].Split('(')[0].Split('.');
        return kind == 'T' || parts.Length < 2 ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
    }

    [GeneratedRegex(@"(?:[A-Za-z_][A-Za-z0-9_]*\.)+")]
    private static partial Regex Namespaces();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
