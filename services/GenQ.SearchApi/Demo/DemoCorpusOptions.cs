using GenQ.Contracts.Configuration;

namespace GenQ.SearchApi.Demo;

/// <summary>
/// Which part of the .NET API reference the demo ingests, bound from the <c>Demo</c> section. The default subset
/// (about 3,300 documented members with the .NET 10 SDK) trains in minutes on a laptop CPU; widen it with more assemblies and namespaces.
/// </summary>
public sealed class DemoCorpusOptions
{
    public const string SectionName = ServiceSettingKeys.DemoSection;

    public const string CorpusName = "dotnet-api";

    /// <summary>Ingest the demo corpus when the search API starts and the corpus does not exist yet.</summary>
    public bool IngestOnStart { get; set; }

    public string[] Assemblies { get; set; } = ["System.Runtime", "System.Linq", "System.Collections", "System.Net.Http"];

    public string[] Namespaces { get; set; } =
        ["System.IO", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks", "System.Net.Http"];
}
