namespace GenQ.Generation;

/// <summary>Trims queries, drops empty ones and exact duplicates within one passage, and counts both.</summary>
public static class QueryCleaner
{
    public static PassageQueries Clean(string passageId, IEnumerable<string> rawQueries, long generatedTokens)
    {
        var kept = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int empty = 0, duplicates = 0;
        foreach (var raw in rawQueries)
        {
            var query = raw.Trim();
            if (query.Length == 0)
            {
                empty++;
            }
            else if (!seen.Add(query))
            {
                duplicates++;
            }
            else
            {
                kept.Add(query);
            }
        }

        return new PassageQueries(passageId, kept, empty, duplicates, generatedTokens);
    }
}
