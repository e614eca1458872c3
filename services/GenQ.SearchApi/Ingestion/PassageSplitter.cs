using GenQ.Contracts.Jobs;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// Splits a long document into passages of at most <c>maxWords</c> words, ending a passage at a sentence end when
/// one lies in the last third of the window. The first passage keeps the document id, later ones are
/// <c>{id}#2</c>, <c>{id}#3</c>, … so a hit maps back to its document by cutting at '#'. Every passage keeps the title.
/// </summary>
public static class PassageSplitter
{
    public const char PartSeparator = '#';

    public static IEnumerable<PassageRecord> Split(PassageRecord document, int maxWords)
    {
        var words = document.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= maxWords)
        {
            yield return document;
            yield break;
        }
        var start = 0;
        var part = 1;
        while (start < words.Length)
        {
            var end = Math.Min(start + maxWords, words.Length);
            if (end < words.Length)
            {
                for (var i = end - 1; i >= start + (2 * maxWords / 3); i--)
                {
                    if (words[i].EndsWith('.') || words[i].EndsWith('?') || words[i].EndsWith('!'))
                    {
                        end = i + 1;
                        break;
                    }
                }
            }
            var id = part == 1 ? document.Id : $"{document.Id}{PartSeparator}{part}";
            yield return new PassageRecord(id, document.Title, string.Join(' ', words, start, end - start));
            start = end;
            part++;
        }
    }
}
