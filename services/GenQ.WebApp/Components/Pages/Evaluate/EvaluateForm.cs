namespace GenQ.WebApp.Components.Pages.Evaluate;

/// <summary>The evaluate form's text fields (queries and qrels are read from the request's form files).</summary>
public sealed class EvaluateForm
{
    public string? Corpus { get; set; }

    public string? ApiKey { get; set; }
}
