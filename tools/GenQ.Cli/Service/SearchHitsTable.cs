using System.Globalization;
using Spectre.Console;

namespace GenQ.Cli.Service;

/// <summary>Search API hits as a table: rank, score, passage id, title and snippet.</summary>
public static class SearchHitsTable
{
    public static Table Create(ApiSearchResponse response)
    {
        var table = new Table().AddColumns("rank", "score", "id", "passage")
            .Title(Markup.Escape($"{response.Corpus} ({response.ModelVersion}{(response.Mode is { } m ? ", " + m : "")}): {response.Query}"));
        var rank = 0;
        foreach (var hit in response.Hits)
        {
            var text = string.IsNullOrEmpty(hit.Title) ? hit.Snippet : $"{hit.Title}: {hit.Snippet}";
            table.AddRow((++rank).ToString(CultureInfo.InvariantCulture), hit.Score.ToString("F4", CultureInfo.InvariantCulture),
                Markup.Escape(hit.PassageId), Markup.Escape(text.Length > 160 ? text[..160] + "..." : text));
        }
        return table;
    }
}
