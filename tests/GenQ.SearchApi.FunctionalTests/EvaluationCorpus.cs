namespace GenQ.SearchApi.FunctionalTests;

/// <summary>A tiny corpus with one document long enough to be split (the fixture splits at 50 words) and BEIR queries/qrels for it.</summary>
public static class EvaluationCorpus
{
    private static readonly string Bread = string.Concat(Enumerable.Repeat("Knead the bread dough slowly and let it rise overnight. ", 5));
    private static readonly string Volcano = string.Concat(Enumerable.Repeat("The volcano erupted and lava flowed down into the valley. ", 5));

    public static string Documents { get; } = string.Join('\n',
        """{"_id":"mars","title":"","text":"The spacecraft entered orbit around Mars after a seven month journey."}""",
        """{"_id":"flood","title":"","text":"Heavy rain flooded the valley and several villages were evacuated overnight."}""",
        """{"_id":"vaccine","title":"","text":"A new vaccine reduced hospital admissions among elderly patients by half."}""",
        """{"_id":"orchestra","title":"","text":"The orchestra performed a symphony by Beethoven to a sold-out concert hall."}""",
        """{"_id":"budget","title":"","text":"The committee approved the new budget for public schools after a long debate."}""",
        $$"""{"_id":"long","title":"Notes","text":"{{Bread}}{{Volcano}}"}""") + "\n";

    public static string Queries { get; } = string.Join('\n',
        """{"_id":"q1","text":"spacecraft orbiting Mars"}""",
        """{"_id":"q2","text":"villages evacuated after flooding"}""",
        "",
        """{"_id":"q3","text":"volcanic eruption and lava flows"}""",
        """{"_id":"q4","text":"a query nobody judged"}""",
        """{"_id":"q5","text":"symphony concert"}""") + "\n";

    public static string Qrels { get; } = "query-id\tcorpus-id\tscore\n"
        + "q1\tmars\t1\nq2\tflood\t2\nq2\tbudget\t1\nq3\tlong\t1\nq5\torchestra\t1\nq5\tvaccine\t0\n";

    public static IReadOnlyDictionary<string, string> JudgedQueries { get; } = new Dictionary<string, string>
    {
        ["q1"] = "spacecraft orbiting Mars",
        ["q2"] = "villages evacuated after flooding",
        ["q3"] = "volcanic eruption and lava flows",
        ["q5"] = "symphony concert",
    };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgments { get; } = new Dictionary<string, IReadOnlyDictionary<string, int>>
    {
        ["q1"] = new Dictionary<string, int> { ["mars"] = 1 },
        ["q2"] = new Dictionary<string, int> { ["flood"] = 2, ["budget"] = 1 },
        ["q3"] = new Dictionary<string, int> { ["long"] = 1 },
        ["q5"] = new Dictionary<string, int> { ["orchestra"] = 1, ["vaccine"] = 0 },
    };

    public static MultipartFormDataContent Form(string? queries, string? qrels, string? modes = null, string? versions = null)
    {
        var form = new MultipartFormDataContent();
        if (queries is not null)
        {
            form.Add(new StringContent(queries), "queries", "queries.jsonl");
        }
        if (qrels is not null)
        {
            form.Add(new StringContent(qrels), "qrels", "test.tsv");
        }
        if (modes is not null)
        {
            form.Add(new StringContent(modes), "modes");
        }
        if (versions is not null)
        {
            form.Add(new StringContent(versions), "versions");
        }
        return form;
    }
}
