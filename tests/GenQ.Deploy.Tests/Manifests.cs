using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace GenQ.Deploy.Tests;

/// <summary>
/// The YAML documents of a folder under deploy/: core kinds as KubernetesClient's typed models, the KEDA CRDs
/// (ScaledObject, TriggerAuthentication) and kustomization files as YamlDotNet dictionaries.
/// </summary>
public sealed class Manifests
{
    private static readonly HashSet<string> UntypedKinds = ["ScaledObject", "TriggerAuthentication", "Kustomization"];

    public List<IKubernetesObject> Typed { get; } = [];

    public List<Dictionary<string, object>> Untyped { get; } = [];

    public List<string> Files { get; } = [];

    public static Manifests Load(string folder)
    {
        var manifests = new Manifests();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            manifests.Files.Add(file);
            manifests.Add(File.ReadAllText(file));
        }
        return manifests;
    }

    /// <summary>Documents of one YAML text, e.g. what <c>kubectl kustomize</c> printed.</summary>
    public static Manifests FromText(string text)
    {
        var manifests = new Manifests();
        manifests.Add(text);
        return manifests;
    }

    private void Add(string text)
    {
        foreach (var document in SplitDocuments(text))
        {
            var map = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(document);
            if (map is null)
            {
                continue;
            }
            if (UntypedKinds.Contains((string)map["kind"]))
            {
                Untyped.Add(map);
            }
            else
            {
                Typed.AddRange(KubernetesYaml.LoadAllFromString(document).Cast<IKubernetesObject>());
            }
        }
    }

    public IEnumerable<T> Of<T>() => Typed.OfType<T>();

    public V1Deployment Deployment(string name) => Of<V1Deployment>().Single(d => d.Metadata.Name == name);

    public V1ConfigMap ConfigMap(string name) => Of<V1ConfigMap>().Single(c => c.Metadata.Name == name);

    public IEnumerable<Dictionary<string, object>> OfKind(string kind) => Untyped.Where(m => (string)m["kind"] == kind);

    private static IEnumerable<string> SplitDocuments(string text)
    {
        var current = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimEnd() == "---")
            {
                yield return string.Join('\n', current);
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }
        yield return string.Join('\n', current);
    }
}
